// Search from the sidebar against a real back end: which field a hit came from with the match
// marked, a name one typo away, and "Show all results" opening every result, paged.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GlobalSearch } from '../../renderer/src/components/GlobalSearch';
import { SearchPage } from '../../renderer/src/pages/SearchPage';
import { useRouter } from '../../renderer/src/stores/router';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeAll(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterAll(async () => kith.dispose());
beforeEach(() => kith.sqlite.exec(`DELETE FROM contacts`));

describe('search results', () => {
  it('shows which field matched, with the match marked, and a name one typo away', async () => {
    const tomas = await kith.call('contacts.create', { displayName: 'Tomas Berg', howMet: 'Met on the ferry to Gotland' });
    await kith.call('interactions.log', { kind: 'call', participantIds: [tomas.id], summary: 'Planned the Kilimanjaro climb' });
    await kith.call('contacts.create', { displayName: 'Anna Schmidt' });
    render(<GlobalSearch />);
    const box = screen.getByRole('combobox', { name: 'Search contacts' });
    await userEvent.type(box, 'kilimanj');
    const option = await screen.findByRole('option', { name: /Tomas Berg/ });
    expect(option).toHaveTextContent('Interaction: Planned the Kilimanjaro climb');
    expect(within(option).getByText('Kilimanj', { selector: 'mark' })).toBeInTheDocument();
    await userEvent.clear(box);
    await userEvent.type(box, 'gotland');
    expect(await screen.findByRole('option', { name: /Tomas Berg/ })).toHaveTextContent('How we met: Met on the ferry to Gotland');
    await userEvent.clear(box);
    await userEvent.type(box, 'anan');
    expect(await screen.findByRole('option', { name: /Anna Schmidt/ })).toHaveTextContent('Similar name');
  }, 30_000);

  it('offers "Show all results" past the first ten, by keyboard, and the results page pages on', async () => {
    kith.sqlite.transaction(() => {
      const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`);
      for (let i = 0; i < 75; i++) insert.run(`w${i}`, `Walker ${String(i).padStart(2, '0')}`);
    })();
    render(<GlobalSearch />);
    const box = screen.getByRole('combobox', { name: 'Search contacts' });
    await userEvent.type(box, 'walker');
    const all = await screen.findByRole('option', { name: 'Show all results for “walker”' });
    expect(screen.getAllByRole('option')).toHaveLength(11);
    for (let i = 0; i < 10; i++) await userEvent.keyboard('{ArrowDown}');
    expect(all).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    expect(useRouter.getState().route).toEqual({ page: 'search', query: 'walker' });

    render(<SearchPage query="walker" />);
    const list = await screen.findByRole('list', { name: 'Search results' });
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(50));
    expect(screen.getByText('50+ people match “walker”')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show more results' }));
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(75));
    expect(within(list).getAllByRole('link').map((a) => a.querySelector('.search-hit-name')?.textContent)).toEqual(Array.from({ length: 75 }, (_, i) => `Walker ${String(i).padStart(2, '0')}`));
    expect(screen.queryByRole('button', { name: 'Show more results' })).toBeNull();
    expect(screen.getByText('75 people match “walker”')).toBeInTheDocument();
  }, 30_000);

  it('says "Searching…" while a slow answer is on its way, and Enter then opens the results page', async () => {
    await kith.call('contacts.create', { displayName: 'Slow Answer' });
    // the back end answers late, as on a big file that is still indexing
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const dispatch = kith.dispatch;
    kith.dispatch = (async (method, input) => {
      if (method === 'contacts.search') await held;
      return dispatch(method, input);
    }) as typeof dispatch;
    try {
      useRouter.getState().navigate({ page: 'dashboard' });
      render(<GlobalSearch />);
      const box = screen.getByRole('combobox', { name: 'Search contacts' });
      await userEvent.type(box, 'slow');
      expect(await screen.findByText('Searching…')).toBeVisible();
      expect(screen.queryByText(/No one matches/)).toBeNull();
      await userEvent.keyboard('{Enter}');
      expect(useRouter.getState().route).toEqual({ page: 'search', query: 'slow' });
    } finally {
      kith.dispatch = dispatch;
      release();
    }
  });
});

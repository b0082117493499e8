import { act, render, screen, waitFor, within } from '@testing-library/react';
import { toLocalInputValue } from '../../renderer/src/lib/format';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuickLogDialog } from '../../renderer/src/components/QuickLogDialog';
import { GlobalDialogs } from '../../renderer/src/components/GlobalDialogs';
import { useUi } from '../../renderer/src/stores/ui';
import { INTERACTION_KINDS } from '../../shared/domain/interaction';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => {
  act(() => useUi.setState({ quickLog: null, paletteOpen: false, newContactOpen: false }));
  await kith.dispose();
});

const NOW = new Date('2026-06-15T12:00:00Z').getTime();

describe('the quick-log dialog', { timeout: 30_000 }, () => {
  it('picks people by typing and Enter, then saves with Enter', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    await kith.call('contacts.create', { displayName: 'Ben Baker' });
    const onClose = vi.fn();
    render(<QuickLogDialog people={[{ id: ann.id, displayName: ann.displayName }]} onClose={onClose} now={() => NOW} />);
    const user = userEvent.setup();
    const people = screen.getByRole('combobox', { name: 'People' });
    expect(people).toHaveFocus();
    await user.type(people, 'bak');
    await screen.findByRole('option', { name: /Ben Baker/ });
    await user.keyboard('{Enter}');
    expect(screen.getByText('Ben Baker')).toBeVisible();
    expect(onClose).not.toHaveBeenCalled(); // Enter picked; it did not submit
    await user.click(screen.getByRole('radio', { name: 'Video' }));
    await user.click(screen.getByRole('radio', { name: '4 of 5' }));
    await user.type(screen.getByLabelText('Summary'), 'Planning the trip{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    const row = kith.sqlite.prepare('SELECT kind, rating, summary, occurred_at FROM interactions').get();
    expect(row).toMatchObject({ kind: 'video', rating: 4, summary: 'Planning the trip' });
    const names = kith.sqlite.prepare('SELECT c.display_name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id ORDER BY 1').pluck().all();
    expect(names).toEqual(['Ann Archer', 'Ben Baker']);
  });

  it('offers every kind of the one list, Coffee among them, and logs a coffee', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    const onClose = vi.fn();
    render(<QuickLogDialog people={[{ id: ann.id, displayName: ann.displayName }]} onClose={onClose} now={() => NOW} />);
    const kinds = within(screen.getByRole('group', { name: 'Kind' })).getAllByRole('radio').map((r) => (r as HTMLInputElement).value);
    expect(kinds).toEqual([...INTERACTION_KINDS]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Coffee' }));
    await user.type(screen.getByLabelText('Summary'), 'Flat white{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(kith.sqlite.prepare('SELECT kind, summary FROM interactions').get()).toEqual({ kind: 'coffee', summary: 'Flat white' });
  });

  it('refuses to save without anyone, and removes a person with Backspace', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    const onClose = vi.fn();
    render(<QuickLogDialog people={[{ id: ann.id, displayName: ann.displayName }]} onClose={onClose} now={() => NOW} />);
    const user = userEvent.setup();
    await user.keyboard('{Backspace}');
    expect(screen.queryByText('Ann Archer')).toBeNull();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Pick at least one person')).toBeVisible();
    expect(onClose).not.toHaveBeenCalled();
    expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(0);
  });

  it('refuses a time in the future', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    render(<QuickLogDialog people={[{ id: ann.id, displayName: ann.displayName }]} onClose={() => {}} now={() => NOW} />);
    const user = userEvent.setup();
    const when = screen.getByLabelText('When');
    await user.clear(when);
    await user.type(when, '2030-01-01');
    await user.click(screen.getByRole('button', { name: 'Log it' }));
    expect(await screen.findByText('That is in the future')).toBeVisible();
    expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(0);
    // it points to a reminder instead, for that person and that date
    expect(screen.getByRole('status')).toHaveTextContent('make a reminder instead');
    await user.click(screen.getByRole('button', { name: 'Make a reminder for 2030-01-01' }));
    const form = await screen.findByRole('dialog', { name: /reminder/i });
    expect(within(form).getByDisplayValue('2030-01-01')).toBeVisible();
    expect(await within(form).findByText('Ann Archer')).toBeVisible();
  });

  it('sets yesterday or last week with one click, keeping the time picked beside the date', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    const onClose = vi.fn();
    render(<QuickLogDialog people={[{ id: ann.id, displayName: ann.displayName }]} onClose={onClose} now={() => NOW} />);
    const user = userEvent.setup();
    const time = screen.getByLabelText('Time');
    await user.clear(time);
    await user.type(time, '08:30');
    await user.click(screen.getByRole('button', { name: 'Last week' }));
    expect(screen.getByLabelText('When')).toHaveValue(toLocalInputValue(NOW - 7 * 86_400_000).slice(0, 10));
    await user.click(screen.getByRole('button', { name: 'Yesterday' }));
    const yesterday = toLocalInputValue(NOW - 86_400_000).slice(0, 10);
    expect(screen.getByLabelText('When')).toHaveValue(yesterday);
    expect(screen.queryByRole('status')).toBeNull(); // not in the future
    await user.click(screen.getByRole('button', { name: 'Log it' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(kith.sqlite.prepare('SELECT occurred_at FROM interactions').pluck().get()).toBe(new Date(`${yesterday}T08:30`).getTime());
  });

  it('offers to add someone no one matches, and picks the new contact', async () => {
    render(<QuickLogDialog people={[]} onClose={() => {}} now={() => NOW} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'People' }), 'Nadia');
    expect(await screen.findByText('No one matches “Nadia”')).toBeVisible();
    await user.click(await screen.findByRole('option', { name: 'Add “Nadia” as a new contact' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove Nadia' })).toBeVisible());
    expect(kith.sqlite.prepare('SELECT display_name FROM contacts').pluck().all()).toEqual(['Nadia']);
  });
});

describe('global shortcuts', { timeout: 30_000 }, () => {
  it('opens the quick-log with Ctrl+L from anywhere, but a plain "n" or "l" typed in a field opens nothing', async () => {
    render(
      <>
        <input aria-label="Some field" />
        <GlobalDialogs />
      </>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Some field'));
    await user.keyboard('nl');
    expect(screen.getByLabelText('Some field')).toHaveValue('nl');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('{Control>}l{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Log an interaction' })).toBeVisible();
  });

  it('opens the new-contact form with "n" when not typing', async () => {
    render(<GlobalDialogs />);
    const user = userEvent.setup();
    await user.keyboard('n');
    expect(await screen.findByRole('dialog', { name: 'New contact' })).toBeVisible();
  });
  it('offers the open next-time topics of the people picked, and ticks off only the ones checked', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben Baker' });
    await kith.call('topics.add', { contactId: ann.id, text: 'Ask about the marathon' });
    await kith.call('topics.add', { contactId: ann.id, text: 'Her new flat' });
    await kith.call('topics.add', { contactId: ben.id, text: 'The new dog' });
    const onClose = vi.fn();
    render(<QuickLogDialog people={[{ id: ann.id, displayName: ann.displayName }]} onClose={onClose} now={() => NOW} />);
    const user = userEvent.setup();
    const marathon = await screen.findByRole('checkbox', { name: 'Ask about the marathon' });
    expect(marathon).not.toBeChecked();
    expect(screen.queryByRole('checkbox', { name: /new dog/ })).toBeNull();
    // adding Ben brings his topics, named by person
    await user.type(screen.getByRole('combobox', { name: 'People' }), 'ben');
    await screen.findByRole('option', { name: /Ben Baker/ });
    await user.keyboard('{Enter}');
    await screen.findByRole('checkbox', { name: 'Ben Baker: The new dog' });
    await user.click(screen.getByRole('checkbox', { name: 'Ann Archer: Ask about the marathon' }));
    await user.click(screen.getByRole('checkbox', { name: 'Ben Baker: The new dog' }));
    // Ben leaves again: his ticked topic is not ticked off with an interaction he was not in
    await user.click(screen.getByRole('button', { name: 'Remove Ben Baker' }));
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: /new dog/ })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Log it' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    const rows = kith.sqlite.prepare('SELECT text, done_interaction_id IS NOT NULL AS done FROM next_topics ORDER BY text').all();
    expect(rows).toEqual([
      { text: 'Ask about the marathon', done: 1 },
      { text: 'Her new flat', done: 0 },
      { text: 'The new dog', done: 0 },
    ]);
  });
});

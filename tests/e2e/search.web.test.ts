// End to end in Chromium (issue 15.5): the sidebar search finds what was written about a person
// (an interaction, how we met), says where with the match marked, forgives a typo, and "Show all
// results" opens the full, paged results page; axe-clean in light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openWebSession, type WebSession } from '../helpers/browser';
import type { TestBackend } from '../helpers/backend';

async function seed(kith: TestBackend) {
  const tomas = await kith.call('contacts.create', { displayName: 'Tomas Berg', company: 'Nordic Rail', howMet: 'Met on the night ferry to Gotland' });
  await kith.call('interactions.log', { kind: 'call', participantIds: [tomas.id], summary: 'Planned the Kilimanjaro climb for next spring' });
  await kith.call('contacts.create', { displayName: "Siobhán O'Neill", notes: 'Plays fiddle in a ceilidh band' });
  await kith.call('contacts.create', { displayName: 'Anna Schmidt' });
  for (let i = 0; i < 60; i++) await kith.call('contacts.create', { displayName: `Walker ${String(i).padStart(2, '0')}`, company: i % 3 ? null : 'Walker & Sons' });
}

const violations = async (s: WebSession) =>
  (await new AxeBuilder({ page: s.page }).exclude('[data-sonner-toaster]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('search', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(colorScheme, () => {
      let s: WebSession;
      beforeAll(async () => (s = await openWebSession({ seed, colorScheme })));
      afterAll(async () => s?.close());

      it('finds an interaction and how we met, marks the match, forgives a typo and punctuation', async () => {
        await s.page.goto(`${s.host.url}#/contacts`);
        const box = s.page.getByRole('combobox', { name: 'Search contacts' });
        await box.fill('kilimanj');
        const hit = s.page.getByRole('option', { name: /Tomas Berg/ });
        await hit.getByText('Interaction:').waitFor();
        expect(await hit.locator('mark').textContent()).toBe('Kilimanj');
        await s.screenshot(`search-interaction-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await box.fill('gotland');
        await s.page.getByRole('option', { name: /Tomas Berg/ }).getByText('How we met:').waitFor();
        await box.fill('oneill');
        await s.page.getByRole('option', { name: /Siobhán O'Neill/ }).waitFor();
        await box.fill('anan');
        await s.page.getByRole('option', { name: /Anna Schmidt/ }).getByText('Similar name').waitFor();
        await s.screenshot(`search-typo-${colorScheme}`);
        await box.press('Escape');
      });

      it('"Show all results" past the first ten, then the results page pages on', async () => {
        const box = s.page.getByRole('combobox', { name: 'Search contacts' });
        await box.fill('walker');
        const all = s.page.getByRole('option', { name: 'Show all results for “walker”' });
        await all.waitFor();
        expect(await s.page.getByRole('listbox', { name: 'Search results' }).getByRole('option').count()).toBe(11);
        await s.screenshot(`search-dropdown-all-${colorScheme}`);
        for (let i = 0; i < 10; i++) await box.press('ArrowDown');
        expect(await all.getAttribute('aria-selected')).toBe('true');
        await box.press('Enter');
        await s.page.getByRole('heading', { name: 'Search results' }).waitFor();
        const list = s.page.getByRole('list', { name: 'Search results' });
        await s.page.getByText('50+ people match “walker”').waitFor();
        expect(await list.getByRole('link').count()).toBe(50);
        await s.screenshot(`search-page-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await s.page.getByRole('button', { name: 'Show more results' }).click();
        await s.page.getByText('60 people match “walker”').waitFor();
        expect(await list.getByRole('link').count()).toBe(60);
        await list.getByRole('link').first().click();
        await s.page.getByRole('heading', { name: 'Walker 00' }).waitFor();
      });
    });
  }
});

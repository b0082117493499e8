// End to end in Chromium (issue 15.9, 15.11, 15.14, 15.16): the Notes card edited in place with the
// keyboard and a task ticked, GitHub-flavoured Markdown; the Relationships card's sentence, the
// question before partner-and-friend, remove with Undo; age on the Details card; a long email wraps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openWebSession, type WebSession } from '../helpers/browser';
import type { TestBackend } from '../helpers/backend';

let ids: { ana: string; ben: string } = { ana: '', ben: '' };
async function seed(kith: TestBackend) {
  const ana = await kith.call('contacts.create', { displayName: 'Ana Lindqvist' });
  const ben = await kith.call('contacts.create', {
    displayName: 'Ben Okafor',
    introducedById: ana.id,
    birthday: { month: 6, day: 15, year: 1988 },
    methods: [{ kind: 'email', value: 'benjamin.okafor.longaddress@consulting-partners.example.org', label: null, isPrimary: true }],
    notes: '| Kid | Age |\n|---|---|\n| Ada | 6 |\n\n- [ ] ask about the marathon\n- [x] send the book\n\n~~Lives in Leeds~~ moved to https://example.org/york',
  });
  await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: 'friend' });
  ids = { ana: ana.id, ben: ben.id };
}

const violations = async (s: WebSession) =>
  (await new AxeBuilder({ page: s.page }).exclude('[data-sonner-toaster]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('contact page: notes, relationships, age', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(colorScheme, () => {
      let s: WebSession;
      beforeAll(async () => (s = await openWebSession({ seed, colorScheme, viewport: { width: 1280, height: 1000 } })));
      afterAll(async () => s?.close());
      const notes = () => s.kith.sqlite.prepare('SELECT notes FROM contacts WHERE id = ?').pluck().get(ids.ben) as string;

      it('shows GFM notes, ticks a task in place and edits with the keyboard', async () => {
        await s.page.goto(`${s.host.url}#/contacts/${ids.ben}`);
        const card = s.page.getByRole('region', { name: 'Notes' });
        await card.locator('table').waitFor();
        expect(await s.page.getByText(/turns \d+ on/).count()).toBe(1);
        await s.page.getByRole('region', { name: 'Relationships' }).getByText('Ana Lindqvist introduced you to Ben Okafor').waitFor();
        // the long email wraps inside the card instead of running out of it
        const email = s.page.locator('a[href^="mailto:"]');
        const box = (await email.boundingBox())!;
        const side = (await s.page.locator('.contact-side').boundingBox())!;
        await s.screenshot(`daily-notes-contact-${colorScheme}`);
        expect(box.x + box.width).toBeLessThanOrEqual(side.x + side.width);
        // and no card of the side column is wider than the column (a long name is cut with an ellipsis)
        for (const el of await s.page.locator('.contact-side > .card, .contact-side > .card *').all()) {
          const b = await el.boundingBox();
          if (b) expect(b.x + b.width).toBeLessThanOrEqual(side.x + side.width + 0.5);
        }
        expect(await violations(s)).toEqual([]);

        await card.getByRole('checkbox', { name: 'ask about the marathon' }).check();
        await expect.poll(notes).toContain('- [x] ask about the marathon');

        await card.getByRole('group', { name: /press Enter to edit/ }).focus();
        await s.page.keyboard.press('Enter');
        const area = card.getByRole('textbox', { name: 'Notes' });
        await area.press('End');
        await area.press('Control+End');
        await area.type('\n\nLoves **jazz**');
        await s.screenshot(`daily-notes-editing-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await area.press('Control+Enter');
        await card.locator('strong', { hasText: 'jazz' }).waitFor();
        await expect.poll(notes).toMatch(/Loves \*\*jazz\*\*$/);
      });

      it('asks before a friend is made partner too, and removes a link with Undo', async () => {
        const rel = s.page.getByRole('region', { name: 'Relationships' });
        await rel.getByRole('button', { name: 'Link someone' }).click();
        await rel.getByRole('combobox', { name: 'Relationship' }).selectOption('partner');
        await rel.getByRole('combobox', { name: 'Linked person' }).fill('Ana');
        await s.page.getByRole('option', { name: /Ana Lindqvist/ }).click();
        const question = rel.getByRole('group', { name: /already linked as friends/ });
        await question.waitFor();
        await s.screenshot(`daily-relationship-question-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await question.getByRole('button', { name: 'No, keep one' }).click();
        await rel.getByRole('button', { name: 'Unlink Ana Lindqvist (Friend)' }).click();
        await s.page.getByRole('button', { name: 'Undo' }).click();
        await rel.getByRole('button', { name: 'Unlink Ana Lindqvist (Friend)' }).waitFor();
        expect(s.kith.sqlite.prepare(`SELECT count(*) FROM relationships WHERE kind = 'friend'`).pluck().get()).toBe(1);
      });
    });
  }
});

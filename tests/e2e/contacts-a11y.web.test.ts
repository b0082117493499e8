// axe-core over every contacts screen: the list, a contact, the form, the quick-log, the palette,
// the search results and the circles settings.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
let s: WebSession;
beforeAll(async () => (s = await openWebSession({ seed: async (k) => {
  const a = await k.call('contacts.create', { displayName: 'Ada Lovelace', tags: ['math'], methods: [{ kind: 'email', value: 'a@b.co' }], notes: '**hi**' });
  const b = await k.call('contacts.create', { displayName: 'Bob' });
  await k.call('relationships.add', { contactId: a.id, otherId: b.id, role: 'partner' });
  await k.call('interactions.log', { kind: 'call', participantIds: [a.id, b.id], summary: 'x', rating: 3 });
} })));
afterAll(async () => s?.close());
const found: string[] = [];
async function check(screen: string) {
  const r = await new AxeBuilder({ page: s.page }).analyze();
  for (const v of r.violations) found.push(`${screen}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}
it('has no accessibility violations on the contacts screens', async () => {
  await s.page.goto(s.host.url.split('#')[0] + '#/contacts');
  await s.page.getByText('Ada Lovelace').waitFor();
  await check('list');
  await s.page.getByRole('link', { name: 'Ada Lovelace' }).click();
  await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
  await check('contact');
  await s.page.keyboard.press('Control+l');
  await s.page.getByRole('dialog').waitFor();
  await check('quicklog');
  await s.page.keyboard.press('Escape');
  await s.page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  await s.page.getByRole('dialog').waitFor();
  await check('form');
  await s.page.keyboard.press('Escape');
  await s.page.keyboard.press('Control+k');
  await s.page.locator('.palette').waitFor();
  await s.page.keyboard.type('ada');
  await s.page.getByRole('option').first().waitFor();
  await check('palette');
  await s.page.keyboard.press('Escape');
  await s.page.goto(s.host.url.split('#')[0] + '#/settings');
  await s.page.getByRole('heading', { name: 'Circles' }).waitFor();
  await check('settings');
  await s.page.getByRole('combobox', { name: 'Search contacts' }).fill('ada');
  await s.page.getByRole('option').first().waitFor();
  await check('search');
  expect(found).toEqual([]);
});

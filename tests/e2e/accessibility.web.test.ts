// axe-core in Chromium over every main screen, light and dark: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../helpers/backend';
import { openWebSession, type WebSession } from '../helpers/browser';

const sessions: WebSession[] = [];
let contactId = '';
const found: string[] = [];

async function open(colorScheme: 'light' | 'dark') {
  const s = await openWebSession({
    colorScheme,
    clock: fixedClock('2026-11-20T10:00:00Z', 'Europe/Berlin'),
    seed: async (kith) => {
      const ada = await kith.call('contacts.create', {
        displayName: 'Ada Lovelace',
        circleId: 'circle-friends',
        birthday: { month: 12, day: 10, year: 1815 },
        methods: [{ kind: 'email', value: 'ada@example.org' }],
        tags: ['maths'],
        notes: 'Wrote the **first** program.',
      });
      const bob = await kith.call('contacts.create', { displayName: 'Bob Client', circleId: 'circle-clients' });
      await kith.call('interactions.log', { kind: 'call', participantIds: [ada.id, bob.id], occurredAt: Date.parse('2026-10-01T10:00:00Z'), rating: 4, summary: 'Catch-up' });
      contactId = ada.id;
    },
  });
  sessions.push(s);
  return s;
}

beforeAll(async () => {
  await open('light');
  await open('dark');
}, 120_000);
afterAll(async () => {
  console.log(`[axe] ${found.length} serious or critical violations over ${sessions.length * 5} screens${found.length ? ': ' + found.join('; ') : ''}`);
  for (const s of sessions) await s.close();
});

const screens: [string, string][] = [
  ['dashboard', '#/'],
  ['contacts list', '#/contacts'],
  ['contact page', '#/contacts/:id'],
  ['reminders', '#/reminders'],
  ['settings', '#/settings'],
];

describe.each([['light', 0], ['dark', 1]] as const)('accessibility (%s theme)', (_theme, index) => {
  it.each(screens)('%s has no serious or critical violations', async (name, hash) => {
    const s = sessions[index]!;
    await s.page.evaluate((h) => (window.location.hash = h), hash.replace(':id', contactId));
    await s.page.waitForLoadState('networkidle');
    await s.page.waitForTimeout(150);
    const results = await new AxeBuilder({ page: s.page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    found.push(...bad.map((v) => `${name} (${_theme}): ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });
});

// The dashboard in Chromium on a seeded database: overdue order, the next 14 days, the client
// concentration warning, one-click log and snooze, and the contact page's health and value panels.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock, type TestBackend } from '../helpers/backend';
import type { InputOf } from '../../shared/api/contract';

const DAY = 86_400_000;
const NOW = '2026-06-15T09:00:00Z';

async function seed(kith: TestBackend, clock: ReturnType<typeof fixedClock>) {
  const now = Date.parse(NOW);
  const person = async (displayName: string, daysAgo: number[], extra: Omit<InputOf<'contacts.create'>, 'displayName'> = {}, kinds: Array<'call' | 'meeting' | 'message'> = []) => {
    clock.set('2025-05-01T09:00:00Z');
    const c = await kith.call('contacts.create', { displayName, circleId: 'circle-friends', ...extra });
    clock.set(NOW);
    for (const [i, d] of daysAgo.entries())
      await kith.call('interactions.log', { kind: kinds[i] ?? 'call', direction: i % 3 === 0 ? 'inbound' : 'outbound', rating: 4, participantIds: [c.id], occurredAt: now - d * DAY, summary: `Talk ${i + 1}` });
    return c;
  };
  const rita = await person('Rita Regular', [40, 75, 110]); // 10 days overdue × 1 = 10
  await person('Ada Inner', [38, 70], { importance: 'inner', circleId: 'circle-family', cadenceDays: 30 }); // 8 × 2 = 16
  await person('Otto Outer', [100, 130, 170], { importance: 'outer' }); // 70 × 0.5 = 35
  await person('Fiona Fresh', [2, 16, 31, 47, 60, 77], { birthday: { month: 6, day: 20, year: 1990 } }, ['meeting', 'call', 'message', 'meeting', 'call', 'meeting']);
  await person('Sam Soon', [20, 50, 80]); // check-in in 10 days
  await person('Nora Never', [300], { cadenceDays: 0 });
  const acme = await person('Acme Corp', [3, 20, 45], { circleId: 'circle-clients', company: 'Acme' }, ['meeting', 'call', 'meeting']);
  const beta = await person('Beta Ltd', [9, 60], { circleId: 'circle-clients' });
  for (const [who, on, amount, kind] of [
    [acme, '2026-02-01', 400000, 'paid'],
    [acme, '2026-04-01', 400000, 'paid'],
    [acme, '2026-06-01', 200000, 'invoiced'],
    [beta, '2026-05-01', 250000, 'paid'],
  ] as const)
    await kith.call('value.create', { contactId: who.id, occurredOn: on, amountMinor: amount, currency: 'EUR', kind, note: kind === 'paid' ? 'Retainer' : 'June sprint' });
  kith.sqlite
    .prepare(`INSERT INTO reminders (id, contact_id, title, due_date, due_time, created_at, updated_at) VALUES ('r-proposal', ?, 'Send the proposal', '2026-06-18', '10:00', ?, ?)`)
    .run(rita.id, now, now);
}

/** axe-core's findings on the current page, as "rule: target" lines */
async function axeViolations(s: WebSession) {
  // the avatar, the circle chip and the toasts belong to other parts of the app (reported there)
  const result = await new AxeBuilder({ page: s.page }).exclude('.avatar').exclude('.contact-hero .chip').exclude('[data-sonner-toaster]').analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`));
}

async function listTexts(s: WebSession, name: string) {
  const list = s.page.getByRole('list', { name, exact: true });
  await list.waitFor();
  return list.getByRole('listitem').allTextContents();
}

describe('the dashboard in the browser', () => {
  let s: WebSession;
  const clock = fixedClock(NOW, 'Europe/Berlin');
  beforeAll(async () => (s = await openWebSession({ clock, seed: (kith) => seed(kith, clock), viewport: { width: 1360, height: 1500 } })));
  afterAll(async () => s?.close());

  it('lists overdue follow-ups by days overdue weighted by importance', async () => {
    const overdue = await listTexts(s, 'Overdue check-ins');
    const names = await s.page.getByRole('list', { name: 'Overdue check-ins' }).getByRole('link').allTextContents();
    expect(names).toEqual(['Otto Outer', 'Ada Inner', 'Rita Regular']);
    expect(overdue[0]).toContain('2 months overdue');
    expect(overdue[1]).toContain('8 days overdue');
  });

  it('shows the next 14 days in order: birthday with the age, reminder, check-in', async () => {
    const coming = await listTexts(s, 'Coming up');
    expect(coming).toHaveLength(3);
    expect(coming[0]).toContain('Send the proposal · Rita Regular');
    expect(coming[0]).toContain('in 3 days at 10:00');
    expect(coming[1]).toContain('Fiona Fresh turns 36');
    expect(coming[1]).toContain('in 5 days');
    expect(coming[2]).toContain('Check in with Sam Soon');
    expect(coming[2]).toContain('in 10 days');
  });

  it('warns about the client bringing more than half of the income', async () => {
    const warning = s.page.getByRole('status').filter({ hasText: 'Over-reliance' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Acme Corp brings 80% of your EUR income');
    const clients = await listTexts(s, 'Value per client in EUR');
    expect(clients[0]).toContain('Acme Corp');
    expect(clients[0]).toContain('80%');
    expect(clients[1]).toContain('Beta Ltd');
    await s.page.getByRole('heading', { name: 'Portfolio' }).waitFor();
    await s.screenshot('dashboard-light');
    expect(await axeViolations(s)).toEqual([]);
  });

  it('logs an interaction and snoozes a check-in in one click each; the lists refresh by themselves', async () => {
    await s.page.getByRole('button', { name: 'Log interaction with Rita Regular' }).click();
    await s.page.getByText('Logged a check-in with Rita Regular').waitFor();
    await s.page.getByRole('button', { name: 'Snooze check-in with Otto Outer for a week' }).click();
    await s.page.getByText(/Otto Outer: check-in moved to (Jun 22|22 Jun)/).waitFor();
    await s.page.waitForFunction(() => document.querySelectorAll('[aria-label="Overdue check-ins"] li').length === 1);
    expect((await listTexts(s, 'Overdue check-ins'))[0]).toContain('Ada Inner');
    const logged = s.kith.sqlite
      .prepare(`SELECT i.kind, i.direction FROM interactions i JOIN interaction_participants p ON p.interaction_id = i.id JOIN contacts c ON c.id = p.contact_id WHERE c.display_name = 'Rita Regular' ORDER BY i.occurred_at DESC LIMIT 1`)
      .get();
    expect(logged).toEqual({ kind: 'other', direction: 'outbound' });
    expect(s.kith.sqlite.prepare(`SELECT checkin_snoozed_until FROM contacts WHERE display_name = 'Otto Outer'`).pluck().get()).toBe(Date.parse('2026-06-21T22:00:00Z'));
  });

  it('opens a contact from the dashboard: score, explanation, 12-week sparkline, value entries', async () => {
    await s.page.getByRole('list', { name: 'Value per client' }).getByRole('link', { name: /Acme Corp/ }).click();
    await s.page.getByRole('heading', { name: 'Relationship health' }).waitFor();
    const panel = s.page.getByRole('region', { name: 'Relationship health' });
    expect(await panel.getByText(/You've talked 3 times in the last 3 months \(last time 3 days ago\); you aim for every month\./).count()).toBe(1);
    expect(await panel.getByRole('img', { name: /Health score over the last 12 weeks/ }).count()).toBe(1);
    const value = s.page.getByRole('region', { name: 'Client value' });
    expect(await value.getByRole('listitem').count()).toBe(3);
    await value.getByLabel('Amount').fill('1500.50');
    await value.getByLabel('Note').fill('Workshop');
    await value.getByLabel('Date').fill('2026-06-10');
    await value.getByRole('button', { name: 'Add entry' }).click();
    await value.getByText('Workshop').waitFor();
    expect(s.kith.sqlite.prepare(`SELECT amount_minor FROM value_entries WHERE note = 'Workshop'`).pluck().get()).toBe(150050);
    await value.getByLabel('Amount').fill('12,5x');
    await value.getByRole('button', { name: 'Add entry' }).click();
    await value.getByText('“12,5x” is not an amount; type it like 1,200.50').waitFor();
    await s.page.mouse.wheel(0, -2000);
    await s.screenshot('contact-health-light');
    expect(await axeViolations(s)).toEqual([]);
  });
});

describe('the dashboard in dark mode', () => {
  it('renders the dashboard and a contact page', async () => {
    const clock = fixedClock(NOW, 'Europe/Berlin');
    const s = await openWebSession({ clock, seed: (kith) => seed(kith, clock), colorScheme: 'dark', viewport: { width: 1360, height: 1500 } });
    try {
      await s.page.getByRole('heading', { name: 'Portfolio' }).waitFor();
      await s.screenshot('dashboard-dark');
      expect(await axeViolations(s)).toEqual([]);
      await s.page.getByRole('list', { name: 'Needs attention' }).getByRole('link').first().click();
      await s.page.getByRole('heading', { name: 'Relationship health' }).waitFor();
      await s.screenshot('contact-health-dark');
      expect(await axeViolations(s)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

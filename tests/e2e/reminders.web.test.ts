// End to end in Chromium: the Reminders view over the web host and a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuOnTop, openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock, type TestBackend } from '../helpers/backend';
import { instantOfLocal } from '../../shared/domain/localDate';
import AxeBuilder from '@axe-core/playwright';

async function axeViolations(s: WebSession) {
  const result = await new AxeBuilder({ page: s.page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// the browser and the back end share this machine's zone, as they do for a real user
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const clockAt = () => fixedClock(new Date(instantOfLocal('2026-03-10', '10:00', zone)).toISOString(), zone); // Tuesday 10 March, 10:00

async function seed(kith: TestBackend) {
  const ada = await kith.call('contacts.create', { displayName: 'Ada Lovelace', birthday: { month: 3, day: 12, year: 1815 } });
  const grace = await kith.call('contacts.create', { displayName: 'Grace Hopper', cadenceDays: 7 });
  kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-02-20T12:00:00Z'), grace.id);
  await kith.call('reminders.create', { title: 'Send Grace the conference notes', dueDate: '2026-03-06', contactId: grace.id });
  await kith.call('reminders.create', { title: 'Renew car insurance', dueDate: '2026-03-09', dueTime: '17:00' });
  await kith.call('reminders.create', { title: 'Call the bank about the mortgage', dueDate: '2026-03-10', dueTime: '15:00' });
  await kith.call('reminders.create', { title: 'Lunch with Ada', dueDate: '2026-03-13', dueTime: '12:30', contactId: ada.id, notes: 'Ask about the Analytical Engine draft' });
  await kith.call('reminders.create', { title: 'Quarterly tax return', dueDate: '2026-03-31', recurrence: { unit: 'month', interval: 3 } });
  const done = await kith.call('reminders.create', { title: 'Book dentist', dueDate: '2026-03-08' });
  await kith.call('reminders.complete', { id: done.id });
}

describe('the Reminders view in the browser', () => {
  let s: WebSession;
  beforeAll(async () => (s = await openWebSession({ clock: clockAt(), seed })));
  afterAll(async () => s?.close());

  it('shows Overdue, Today, Upcoming and Done, and the overdue count in the sidebar', async () => {
    const nav = s.page.getByRole('navigation', { name: 'Main' });
    await nav.getByLabel('3 reminders overdue').waitFor();
    // the badge counts what is due today too
    expect(await nav.getByLabel('3 reminders overdue, 1 due today').textContent()).toBe('4');
    await nav.getByRole('link', { name: /Reminders/ }).click();
    const overdue = s.page.getByRole('region', { name: /Overdue/ });
    await overdue.getByText('Send Grace the conference notes').waitFor();
    expect(await overdue.getByRole('listitem').count()).toBe(3);
    await s.page.getByRole('region', { name: /Today/ }).getByText('Call the bank about the mortgage').waitFor();
    const upcoming = s.page.getByRole('region', { name: /Upcoming/ });
    await upcoming.getByText('Lunch with Ada').waitFor();
    // her birthday is on the 12th; three days ahead was yesterday
    expect(await overdue.getByRole('listitem').filter({ hasText: 'Ada Lovelace’s birthday' }).textContent()).toContain('Birthday on Thursday');
    await s.page.getByRole('region', { name: /Done/ }).getByText('Book dentist').waitFor();
    await s.page.getByRole('heading', { name: /Check-ins due/ }).waitFor();
    await s.screenshot('reminders-light');
    expect(await axeViolations(s)).toEqual([]);
  });

  it('creates a repeating reminder, completes it with one key, and shows the next occurrence', async () => {
    await s.page.getByRole('button', { name: 'New reminder' }).first().click();
    const dialog = s.page.getByRole('dialog', { name: 'New reminder' });
    await dialog.getByLabel('Remind me to').fill('Water the plants');
    await dialog.getByLabel('Date').fill('2026-03-10');
    await dialog.getByLabel('Repeat').selectOption('week');
    await dialog.getByLabel('Every how many weeks').fill('2');
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await dialog.waitFor({ state: 'detached' });
    const today = s.page.getByRole('region', { name: /Today/ });
    const row = today.getByRole('listitem').filter({ hasText: 'Water the plants' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Every 2 weeks');

    await row.focus();
    await s.page.keyboard.press('d');
    await today.getByText('Water the plants').waitFor({ state: 'detached' });
    const next = s.page.getByRole('region', { name: /Upcoming/ }).getByRole('listitem').filter({ hasText: 'Water the plants' });
    await next.waitFor();
    expect(await next.textContent()).toContain('Tue 24 Mar');
    await s.page.getByRole('region', { name: /Done/ }).getByText('Water the plants').waitFor();
    const rows = s.kith.sqlite.prepare(`SELECT status, due_date, series_id IS NOT NULL AS is_record FROM reminders WHERE title = 'Water the plants' ORDER BY due_date`).all();
    expect(rows).toEqual([
      { status: 'done', due_date: '2026-03-10', is_record: 1 },
      { status: 'open', due_date: '2026-03-24', is_record: 0 },
    ]);
  });

  it('snoozes a reminder to tomorrow morning and it moves to Upcoming', async () => {
    const today = s.page.getByRole('region', { name: /Today/ });
    await today.getByRole('button', { name: 'Snooze Call the bank about the mortgage' }).click();
    // the menu reaches over the Upcoming section below and is drawn above it
    await s.page.getByRole('menu').waitFor();
    expect(await menuOnTop(s.page)).toBe(true);
    await s.page.getByRole('menuitem', { name: /Tomorrow morning/ }).click();
    const moved = s.page.getByRole('region', { name: /Upcoming/ }).getByRole('listitem').filter({ hasText: 'Call the bank about the mortgage' });
    await moved.waitFor();
    expect(await moved.textContent()).toContain('Tomorrow 09:00');
    expect(await today.getByText('Call the bank about the mortgage').count()).toBe(0);
    const snoozed = s.kith.sqlite.prepare(`SELECT snoozed_until FROM reminders WHERE title = 'Call the bank about the mortgage'`).pluck().get();
    expect(snoozed).toBe(instantOfLocal('2026-03-11', '09:00', zone));
  });

  it('snoozes with the keyboard to a picked time', async () => {
    const row = s.page.getByRole('listitem').filter({ hasText: 'Renew car insurance' });
    await row.focus();
    await s.page.keyboard.press('s');
    await s.page.getByRole('menuitem', { name: 'Pick a time…' }).focus();
    await s.page.keyboard.press('Enter');
    const dialog = s.page.getByRole('dialog', { name: /Snooze/ });
    await dialog.getByLabel('Until date').fill('2026-03-12');
    await dialog.getByLabel('Time').fill('18:30');
    await dialog.getByRole('button', { name: 'Snooze' }).click();
    const moved = s.page.getByRole('region', { name: /Upcoming/ }).getByRole('listitem').filter({ hasText: 'Renew car insurance' });
    await moved.waitFor();
    expect(await moved.textContent()).toContain('Thursday 18:30');
    await s.page.getByRole('navigation', { name: 'Main' }).getByLabel('2 reminders overdue').waitFor();
  });

  it('shows a contact’s reminders on their page, and adds one there for them', async () => {
    await s.page.getByRole('link', { name: 'Ada Lovelace' }).first().click();
    const panel = s.page.getByRole('region', { name: 'Reminders' });
    await panel.getByText('Lunch with Ada').waitFor();
    await panel.getByRole('button', { name: 'Add reminder' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'New reminder' });
    await dialog.locator('.person-chip', { hasText: 'Ada Lovelace' }).waitFor(); // already about Ada
    await dialog.getByLabel('Remind me to').fill('Send Ada the Bernoulli notes');
    await dialog.getByLabel('Date').fill('2026-03-16');
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await panel.getByText('Send Ada the Bernoulli notes').waitFor();
    await s.screenshot('reminders-contact-panel');
    expect(await axeViolations(s)).toEqual([]);
  });

  it('has notification settings that save', async () => {
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = s.page.getByRole('region', { name: 'Notifications and reminders' });
    await section.getByLabel('From').fill('21:30');
    await section.getByLabel('Birthdays, days ahead').fill('5');
    await section.getByLabel('Daily digest at').focus();
    await section.getByLabel('Daily digest at').fill('08:15');
    await s.screenshot('reminders-settings');
    expect(await axeViolations(s)).toEqual([]);
    // each field saves as it changes: the last save may still be on its way
    await expect
      .poll(() => s.kith.call('settings.get', {}))
      .toMatchObject({ quietHours: { enabled: true, start: '21:30', end: '08:00' }, birthdayLeadDays: 5, digestTime: '08:15' });
  });
});

describe('the Reminders view in dark mode', () => {
  it('renders legibly', async () => {
    const s = await openWebSession({ clock: clockAt(), seed, colorScheme: 'dark' });
    try {
      await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Reminders/ }).click();
      await s.page.getByRole('region', { name: /Overdue/ }).getByText('Renew car insurance').waitFor();
      await s.screenshot('reminders-dark');
      await s.page.getByRole('region', { name: /Today/ }).getByRole('button', { name: 'Snooze Call the bank about the mortgage' }).click();
      await s.page.getByRole('menu').waitFor();
      await s.screenshot('reminders-dark-snooze-menu');
    } finally {
      await s.close();
    }
  });
});

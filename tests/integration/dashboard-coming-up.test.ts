// The dashboard's "coming up" list takes the soonest 50 of the fortnight's birthdays, anniversaries,
// reminders and check-ins. The yearly dates are read day by day and no further once a day ends with
// 50 of them (on huge the fortnight held 1,800 birthdays): the list is the same as from all of them,
// and 29 February still comes on the 28th in other years.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend | undefined;
afterEach(async () => kith?.dispose());

describe('coming up on the dashboard', () => {
  it('shows the soonest 50 when more birthdays fall in the fortnight, by day then by name', async () => {
    kith = await startTestBackend({ clock: fixedClock('2026-06-15T12:00:00Z', 'Europe/Berlin') });
    // 30 on the 16th, 30 on the 17th, 5 today: today's 5, the 16th's 30, then the first 15 of the 17th by name
    const made: Array<{ name: string; day: number }> = [];
    for (const [day, n] of [[16, 30], [17, 30], [15, 5]] as const) {
      for (let i = 0; i < n; i++) {
        const name = `Person ${String.fromCharCode(65 + (i % 26))}${String(100 - i)} ${day}`;
        await kith.call('contacts.create', { displayName: name, birthday: { month: 6, day, year: 1990 } });
        made.push({ name, day });
      }
    }
    const { comingUp } = await kith.call('health.dashboard', {});
    const collate = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;
    const expected = made.sort((a, b) => a.day - b.day || collate(a.name, b.name)).slice(0, 50).map((m) => m.name);
    expect(comingUp.map((c) => c.displayName)).toEqual(expected);
    expect(comingUp.map((c) => c.daysAway)).toEqual(expected.map((_, i) => (i < 5 ? 0 : i < 35 ? 1 : 2)));
  });

  it('shows a 29 February birthday on the 28th in a year without one', async () => {
    kith = await startTestBackend({ clock: fixedClock('2027-02-20T12:00:00Z', 'Europe/Berlin') });
    await kith.call('contacts.create', { displayName: 'Leap Lou', birthday: { month: 2, day: 29, year: 2000 } });
    await kith.call('contacts.create', { displayName: 'March Max', birthday: { month: 3, day: 1, year: 2000 } });
    const { comingUp } = await kith.call('health.dashboard', {});
    expect(comingUp.map((c) => [c.displayName, c.date, c.daysAway])).toEqual([
      ['Leap Lou', '2027-02-28', 8],
      ['March Max', '2027-03-01', 9],
    ]);
  });
});

// End to end in Chromium: the Reminders page over thousands of reminders stays a small DOM, loads
// the next page as the user scrolls or steps down with the keyboard, and stays axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { menuOnTop, openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock, type TestBackend } from '../helpers/backend';
import { instantOfLocal } from '../../shared/domain/localDate';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const clockAt = () => fixedClock(new Date(instantOfLocal('2026-03-10', '10:00', zone)).toISOString(), zone);
const OVERDUE = 2400;

async function seed(kith: TestBackend) {
  const insert = kith.sqlite.prepare(`INSERT INTO reminders (id, title, notes, due_date, due_time, status, completed_at, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?, ?, 0, 0)`);
  kith.sqlite.transaction(() => {
    for (let i = 0; i < OVERDUE; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 400) * 86_400_000).toISOString().slice(0, 10);
      insert.run(`o${String(i).padStart(5, '0')}`, `Overdue task ${String(i).padStart(4, '0')}`, day, i % 3 ? null : '09:30', 'open', null);
    }
    for (let i = 0; i < 300; i++) insert.run(`u${i}`, `Upcoming task ${i}`, `2026-03-${String(11 + (i % 18)).padStart(2, '0')}`, null, 'open', null);
    for (let i = 0; i < 500; i++) insert.run(`d${i}`, `Finished task ${i}`, '2026-02-01', null, 'done', Date.parse('2026-03-01T10:00:00Z') + i * 60_000);
  })();
  await kith.call('reminders.create', { title: 'Call the bank about the mortgage with a title long enough to need an ellipsis in a narrow list', dueDate: '2026-03-10', dueTime: '15:00' });
}

const rowsInDom = (s: WebSession) => s.page.locator('.reminder-row').count();

describe('the Reminders page at scale', () => {
  let s: WebSession;
  beforeAll(async () => {
    s = await openWebSession({ clock: clockAt(), seed });
    await s.page.goto(`${s.host.url}#/reminders`);
  });
  afterAll(async () => s?.close());

  it('shows every section’s count and only the rows in view', async () => {
    const overdue = s.page.getByRole('region', { name: /Overdue/ });
    await overdue.getByText('Overdue task 0000').waitFor();
    expect(await s.page.locator('.reminders-page .page-header p.subtle').textContent()).toContain(`${OVERDUE.toLocaleString()} overdue`);
    expect(await overdue.locator('.reminder-count').textContent()).toBe(OVERDUE.toLocaleString());
    expect(await rowsInDom(s)).toBeLessThan(100);
    // the rows say where they are among all the section holds
    expect(await overdue.getByRole('listitem').first().getAttribute('aria-setsize')).toBe(String(OVERDUE));
    await s.screenshot('reminders-scale-light');
    const axe = await new AxeBuilder({ page: s.page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('a row’s snooze menu shows above the rows below it', async () => {
    const row = s.page.getByRole('listitem').filter({ hasText: 'Overdue task 0001' });
    await row.hover();
    await row.getByRole('button', { name: /Snooze/ }).click();
    await s.page.getByRole('menu').waitFor();
    expect(await menuOnTop(s.page)).toBe(true);
    await s.page.keyboard.press('Escape');
  });

  it('scrolling loads the next pages and the DOM stays small', async () => {
    const scroller = s.page.locator('.reminders-page');
    let max = 0;
    for (let step = 0; step < 40; step++) {
      await scroller.evaluate((el) => el.scrollBy(0, 1500));
      await s.page.waitForTimeout(60);
      max = Math.max(max, await rowsInDom(s));
    }
    expect(max).toBeLessThan(100);
    // 40 × 1500 px ≈ 1,070 rows: beyond the first page of 50
    await s.page.getByText(/Overdue task 0[3-9]\d\d/).first().waitFor();
  });

  it('↓ steps across a page boundary with the keyboard', async () => {
    const scroller = s.page.locator('.reminders-page');
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    const start = s.page.getByRole('listitem').filter({ hasText: 'Overdue task 0000' });
    await start.focus();
    const from = Number(await start.getAttribute('aria-posinset'));
    // 120 steps: across the first page's end (50) and the second's (100)
    for (let i = 0; i < 120; i++) await s.page.keyboard.press('ArrowDown');
    await s.page.waitForFunction(() => document.activeElement?.textContent?.includes('Overdue task'));
    const focused = await s.page.evaluate(() => document.activeElement?.querySelector('.reminder-title')?.textContent ?? '');
    expect(focused).toMatch(/Overdue task/);
    expect(await rowsInDom(s)).toBeLessThan(100);
    expect(await s.page.evaluate(() => (document.activeElement as HTMLElement).getAttribute('aria-posinset'))).toBe(String(from + 120));
  });

  it('a focused row scrolled far out of view keeps the focus and its reminder, and every row shows its own', async () => {
    const scroller = s.page.locator('.reminders-page');
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    const start = s.page.getByRole('listitem').filter({ hasText: 'Overdue task 0000' });
    await start.focus();
    // 150 rows down with the wheel, a step at a time: the focused row leaves the view, not the DOM
    for (let step = 0; step < 10; step++) {
      await scroller.evaluate((el) => el.scrollBy(0, 15 * 56));
      await s.page.waitForTimeout(40);
    }
    const shown = await s.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.reminder-row')].map((row) => ({
        id: row.dataset.reminderId ?? '',
        title: row.querySelector('.reminder-title')?.textContent ?? '',
        label: row.getAttribute('aria-label') ?? '',
        at: Number(row.getAttribute('aria-posinset')),
      })),
    );
    // the seeded ids say the title each row must show ("o00137" is "Overdue task 0137")
    const overdueRows = shown.filter((r) => r.id.startsWith('o'));
    expect(overdueRows.length).toBeGreaterThan(5);
    for (const r of overdueRows) {
      expect(r.title).toBe(`Overdue task ${r.id.slice(2)}`);
      expect(r.label.startsWith(`${r.title},`)).toBe(true);
    }
    expect(Math.max(...overdueRows.map((r) => r.at))).toBeGreaterThan(140);
    // the kept row is in its place in the DOM, before the rows below it: Tab order and screen
    // readers follow the DOM
    const positions = overdueRows.map((r) => r.at);
    expect(overdueRows[0]!.id).toBe('o00000');
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(await s.page.evaluate(() => (document.activeElement as HTMLElement).dataset.reminderId)).toBe('o00000');
    expect(await s.page.evaluate(() => document.activeElement?.querySelector('.reminder-title')?.textContent)).toBe('Overdue task 0000');
    expect(await rowsInDom(s)).toBeLessThan(100);
    // the keys act on the focused reminder: ↓ goes to the one after it, brought back into view
    const from = Number(await s.page.evaluate(() => (document.activeElement as HTMLElement).getAttribute('aria-posinset')));
    await s.page.keyboard.press('ArrowDown');
    await s.page.waitForFunction((at) => document.activeElement?.getAttribute('aria-posinset') === String(at), from + 1);
  });

  it('renders legibly in dark mode', async () => {
    const dark = await openWebSession({ clock: clockAt(), seed, colorScheme: 'dark' });
    try {
      await dark.page.goto(`${dark.host.url}#/reminders`);
      await dark.page.getByText('Overdue task 0000').waitFor();
      await dark.screenshot('reminders-scale-dark');
      const axe = await new AxeBuilder({ page: dark.page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});

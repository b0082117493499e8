// The dashboard in Chromium while the back end is still working out health scores (a big import's
// first open, the day's first open of a big file; services/health.ts settleForDashboard): it shows
// everyone counted and says the scores are being worked out — no "nobody is overdue", no zeros —
// or which day's scores it shows, and it updates itself without a reload. The back end here answers
// at once whatever the work (dashboardWait 0), and the test holds the catch-up back while it looks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock } from '../helpers/backend';
import { expectAxeClean, screenshotBothThemes } from '../helpers/screens';

const DAY = 86_400_000;
const clock = fixedClock('2026-03-10T12:00:00Z', 'Europe/Berlin');
let s: WebSession;

beforeAll(async () => {
  s = await openWebSession({
    clock,
    viewport: { width: 1320, height: 900 },
    dashboardWait: { rows: 0, ms: 0 },
    seed: async (k) => {
      for (let i = 0; i < 12; i++) {
        const c = await k.call('contacts.create', { displayName: `Person ${String(i + 1).padStart(2, '0')}`, cadenceDays: 7 });
        await k.call('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: clock.now().getTime() - i * 3 * DAY });
      }
    },
  });
});

/**
 * Holds the catch-up back, as an import's long write does (it waits for the write gate between its
 * slices), so the page stays "updating" for as long as the test looks at it; the returned function
 * lets it go.
 */
function holdTheCatchUp(): () => void {
  let release = () => {};
  void s.kith.ctx.writes!.hold(() => new Promise<void>((r) => (release = r)));
  return () => release();
}
afterAll(async () => s?.close());

const status = () => s.page.getByRole('status').filter({ hasText: /health scores/ });
const bandFigures = () => s.page.getByRole('list', { name: 'Relationship health' }).locator('strong').allTextContents();
const shownTotal = async () => (await bandFigures()).reduce((a, t) => a + (Number(t) || 0), 0);
/** the catch-up let go: the page, asking again every second while "updating", shows today's */
const settle = async (release: () => void) => {
  release();
  await status().waitFor({ state: 'detached', timeout: 10_000 });
};

describe('the dashboard while health scores are worked out', { timeout: 120_000 }, () => {
  it('on the first open after an import: everyone counted, the scores being worked out, then shown without a reload', async () => {
    // as an import leaves the file: the people and their history, no health stored
    s.kith.sqlite.exec(`DELETE FROM contact_health; DELETE FROM health_meta;`);
    const release = holdTheCatchUp();
    await s.page.reload();
    await status().waitFor();
    expect(await status().textContent()).toContain('Working out health scores for 12 people…');
    await s.page.getByText('12 relationships').waitFor();
    expect(await bandFigures()).toEqual(['–', '–', '–', '–', '–']);
    await s.page.getByText('Working out who is due for a check-in…').waitFor();
    await s.page.getByText('Working out which relationships are cooling…').waitFor();
    expect(await s.page.getByText('Nobody is waiting on you').count()).toBe(0);
    expect(await s.page.getByText('Welcome to Kith').count()).toBe(0);
    await screenshotBothThemes(s, 'dashboard-working-out');
    await expectAxeClean(s, 'dashboard, health being worked out');

    await settle(release);
    await expect.poll(shownTotal).toBe(12);
    expect(await s.page.getByText('Working out who is due').count()).toBe(0);
  });

  it('the next day: the stored scores, with their day, until today’s are in', async () => {
    clock.set('2026-03-31T12:00:00Z');
    const release = holdTheCatchUp();
    await s.page.reload();
    await status().waitFor();
    expect(await status().textContent()).toBe("Updating health scores… the figures below are from Tuesday 10 March");
    await expectAxeClean(s, 'dashboard, updating');
    await screenshotBothThemes(s, 'dashboard-updating');
    const stored = await bandFigures();

    await settle(release);
    // three weeks on, every weekly rhythm has lapsed: the bands moved
    await expect.poll(bandFigures).not.toEqual(stored);
    expect(await shownTotal()).toBe(12);
  });
});

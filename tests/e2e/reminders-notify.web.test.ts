// The web host runs the same scheduler as the desktop app: its notification reaches the open page
// as a server-sent event and is shown with the browser's Notification API (or a toast without
// permission); clicking it opens the reminder.
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { attachScheduler, type AttachedScheduler } from '../../electron/scheduler/attach';
import type { KithNotification } from '../../electron/scheduler/messages';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { localDateOf, localTimeOf } from '../../shared/domain/localDate';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
let kith: TestBackend;
let host: WebHost;
let browser: Browser;
let page: Page;
let scheduler: AttachedScheduler;
const clock = fixedClock('2026-04-14T10:00:00Z', zone);

beforeAll(async () => {
  kith = await startTestBackend({ clock, host: 'web' });
  await kith.call('settings.update', { quietHours: { enabled: false, start: '22:00', end: '08:00' } });
  const notifications = new EventEmitter<{ notification: [KithNotification] }>();
  host = await startWebHost({ dispatch: kith.dispatch, staticDir: RENDERER_DIR, events: kith.events, notifications });
  scheduler = attachScheduler(kith, { notifier: { notify: (n) => notifications.emit('notification', n) }, watchTimeZone: false });
  await scheduler.start();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext();
  page = await context.newPage();
  // record what the page asks the browser to show
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
        (window as unknown as { __last: Notification }).__last = this;
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording });
  });
  await page.goto(host.url);
});

afterAll(async () => {
  scheduler?.detach();
  await browser?.close();
  await host?.close();
  await kith?.dispose();
});

describe('notifications in the web host', () => {
  it('without permission, a due reminder shows as a toast in the page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const inAnHour = clock.now().getTime() + 3_600_000;
    await kith.call('reminders.create', { title: 'Stretch your legs', dueDate: localDateOf(inAnHour, zone), dueTime: localTimeOf(inAnHour, zone) });
    clock.advance(2 * 3_600_000);
    await scheduler.rearm('test');
    await page.locator('[data-sonner-toast]').filter({ hasText: 'Stretch your legs' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown)).toEqual([]);
  });

  it('with permission, it is a browser notification, and a click opens the reminder', async () => {
    await page.context().grantPermissions(['notifications'], { origin: host.origin });
    const r = await kith.call('reminders.create', { title: 'Pay the plumber', dueDate: '2026-04-16' });
    clock.set('2026-04-16T20:00:00Z');
    await scheduler.rearm('test');
    await page.waitForFunction(() => (window as unknown as { __shown: unknown[] }).__shown.length > 0);
    const shown = await page.evaluate(() => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown);
    expect(shown.map((n) => n.title)).toEqual(['Pay the plumber']);
    await page.evaluate(() => (window as unknown as { __last: Notification }).__last.onclick?.(new Event('click')));
    await page.waitForFunction((id) => window.location.hash === `#/reminders/${id}`, r.id);
    await page.locator(`[data-reminder-id="${r.id}"]`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-reminder-id'))).toBe(r.id);
  });
});

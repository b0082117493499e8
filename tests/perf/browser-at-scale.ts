// The renderer at scale: the real UI in Chromium, served by the web host over a big database.
// Measures the time to the contacts list's first rows (and which API calls it waited for), scrolls
// to the end checking the DOM keeps fewer than MAX_ROWS row elements at every step and that the
// list holds exactly the people the page says, and times typing in the sidebar's search box.
// `browser-at-scale.ts --file F --out result.json [--screenshot name]`
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import type { Dispatch } from '../../electron/api/dispatcher';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR, SCREENSHOT_DIR } from '../helpers/browser';
import { DEFAULT_NOW } from './generate';
import { settledDashboard, summarise, type Stats } from './harness';
import { addBenchPhotos } from './photos';
import { definePageScrollStep, type PageScrollStep } from './frame-step';

export const MAX_ROWS = 100;
/*
 * FRAME_WORK: the frame after a scroll step is timed two ways. scrollFrame, from the scroll to two
 * animation frames later, includes waiting for the display: 33.3 ms at 60 Hz on an empty page, so
 * it cannot say whether the work fits in one frame. frameWork is the main thread's part: the
 * scroll's own handling, then from the frame's start (the animation-frame timestamp) to the end of
 * its rendering (a message posted in the frame's animation-frame callback, run after its paint).
 */
/** what the sidebar's search asks for (GlobalSearch → useContactSearch) */
const SEARCH_INPUT = { limit: 10, includeArchived: false } as const;

/** one API call the page made, timed where the web host served it */
export interface ApiCallTiming {
  method: string;
  /** when the dispatcher started it, in ms after the page's navigation start */
  startMs: number;
  /** how long the service took (the one connection is busy meanwhile: later calls wait); null while it runs */
  serviceMs: number | null;
}

export interface KeystrokeTiming {
  /** what the box holds after this key */
  typed: string;
  /** from sending the key to the page's input event (the main thread took it) */
  inputEventMs: number | null;
  /** from sending the key to the first frame whose input shows the character */
  echoMs: number | null;
  /** from sending the key to the first frame whose results list shows what this query finds (null: not within 10 s) */
  resultsMs: number | null;
  /** how many hits the query has (limit 10) */
  hits: number;
  /** the hits are the same as the previous keystroke's: the list had nothing to change */
  sameAsBefore: boolean;
  /** the contacts.search calls for this text, server side */
  apiMs: number[];
}

export interface RemindersResult {
  /** from navigation to the first frame with a reminder row, timed in the page */
  firstRowsMs: number;
  firstLoadCalls: ApiCallTiming[];
  /** what the header says, e.g. "5,072 overdue · 151 today · 3,212 in the next 30 days" */
  headerLabel: string;
  /** open and done reminders in the file */
  remindersInFile: number;
  /** the JSON size of the board's first answer (reminders.list) */
  firstAnswerBytes: number;
  scrollSteps: number;
  /** the most reminder rows in the DOM at any step */
  maxRowElements: number;
  /** rows loaded by the end of the scroll (pages fetched as the list's end came into view) */
  rowsLoaded: number;
  scrollFrame: Stats;
  /** the main thread's work for the frame after each step (FRAME_WORK), without the wait for the display's next frame */
  frameWork?: Stats;
  domNodes: number;
}

export interface BrowserResult {
  /** from navigation to the first frame with a loaded row (page load, JS, the API calls, render), timed in the page */
  firstRowsMs: number;
  /** when the driver (in the process that also serves the API) saw them: later while a call holds its event loop */
  driverSawRowsMs: number;
  /** the API calls made before the first rows were on screen, in the order they were dispatched */
  firstLoadCalls: ApiCallTiming[];
  /** what the page says it holds, e.g. "99,702 people" */
  totalLabel: string;
  /** the number in that label */
  listedTotal: number | null;
  /** contacts in the file, and how many of them are archived (the list shows the others) */
  contactsInFile: number;
  archivedInFile: number;
  /** the height of one row as laid out, in px */
  rowHeightPx: number;
  /** rows the list can scroll through (its height / the measured row height) */
  rowsScrollable: number;
  scrollSteps: number;
  /** the most row elements seen in the DOM at any step */
  maxRowElements: number;
  /** time from a scroll to the frame after it, per step (two animation frames: 33.3 ms at 60 Hz on an empty page) */
  scrollFrame: Stats;
  /** the main thread's work for the frame after each step (FRAME_WORK), without the wait for the display's next frame */
  frameWork?: Stats;
  lastRowName: string;
  /** the last person by name, as contacts.list answers */
  expectedLastRowName: string;
  domNodes: number;
  search: { skipped: string } | { box: string; perKeystroke: KeystrokeTiming[]; indexCaughtUpMs?: number };
  /** the Reminders page (#/reminders), opened fresh */
  reminders?: RemindersResult;
  screenshots: string[];
  failures: string[];
}

async function main() {
  // --part reminders: a targeted run of the Reminders page alone
  const { values } = parseArgs({ options: { file: { type: 'string' }, out: { type: 'string' }, screenshot: { type: 'string' }, part: { type: 'string', default: 'all' }, photos: { type: 'string' } } });
  const contactsPart = values.part !== 'reminders';
  const now = new Date(DEFAULT_NOW);
  const backend = await startBackend({ databasePath: values.file!, host: 'web', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
  // every call the page makes, timed where it is served; startMs is made relative to the page's
  // navigation start below (both clocks count from the same epoch)
  const calls: (ApiCallTiming & { input: unknown })[] = [];
  const dispatch: Dispatch = async (method, input) => {
    const started = performance.now();
    const entry = { method: String(method), input, startMs: performance.timeOrigin + started, serviceMs: null as number | null };
    calls.push(entry);
    try {
      return await backend.dispatch(method, input);
    } finally {
      entry.serviceMs = performance.now() - started;
    }
  };
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const host = await startWebHost({ dispatch, staticDir: RENDERER_DIR, events: backend.events });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const failures: string[] = [];
  const screenshots: string[] = [];
  const sqlite = backend.handle.sqlite;
  // --photos N: every Nth contact gets a photo (written into the file: use a copy)
  const photosAdded = values.photos ? await addBenchPhotos(sqlite, Number(values.photos)) : 0;
  if (photosAdded) console.log(`added ${photosAdded} photos with thumbnails`);
  const contactsInFile = sqlite.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  const archivedInFile = sqlite.prepare('SELECT count(*) FROM contacts WHERE archived_at IS NOT NULL').pluck().get() as number;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx (esbuild) names functions with a __name helper; functions sent to the page need it too
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    // the first frame with a loaded row, timed in the page from navigation start: this process also
    // serves the API, so while a call holds its event loop the driver hears of the rows only late
    await page.addInitScript({
      content: `(() => {
        const tick = () => document.querySelector('.contact-row:not(.placeholder)') ? (globalThis.__firstRowsAt = performance.now()) : requestAnimationFrame(tick);
        requestAnimationFrame(tick);
      })();`,
    });
    page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
    const shot = async (suffix: string) => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${values.screenshot ?? 'bench-at-scale'}-${suffix}.png`);
      await page.screenshot({ path });
      screenshots.push(path);
    };

    async function measureContacts() {
      const list = page.getByRole('list', { name: 'Contacts' });
      calls.length = 0;
      const t0 = performance.now();
      await page.goto(`${host.url}#/contacts`);
      // a loaded row, not a placeholder of a page still on its way
      await list.locator('.contact-row:not(.placeholder)').first().waitFor({ timeout: 120_000 });
      const firstRowsMs = await page.evaluate(() => (globalThis as unknown as { __firstRowsAt: number }).__firstRowsAt);
      const driverSawRowsMs = performance.now() - t0;
      const navigationStart = await page.evaluate(() => performance.timeOrigin);
      for (const c of calls) c.startMs -= navigationStart;
      const firstLoad = calls.filter((c) => c.startMs <= firstRowsMs); // their service times are read once they are done
      const totalLabel = (await page.locator('.contacts-page .page-header .subtle').first().textContent())?.trim() ?? '';
      const listedTotal = /\d/.test(totalLabel) ? Number(totalLabel.replace(/\D/g, '')) : null;
      await shot('first-rows');

      // scroll to the end in at most ~400 steps; if the list loads more near its end, keep going
      await definePageScrollStep(page);
      const scroll = await list.evaluate(async (el, maxRows) => {
        const scrollStep = (globalThis as unknown as { __kithScrollStep: PageScrollStep }).__kithScrollStep;
        const rows = () => el.querySelectorAll('[role="listitem"]').length;
        const rowHeight = (el.querySelector('[role="listitem"]') as HTMLElement | null)?.getBoundingClientRect().height ?? 0;
        const frames: number[] = [];
        const work: number[] = [];
        let maxRowElements = rows();
        let steps = 0;
        let overAt = -1;
        const started = performance.now();
        for (;;) {
          const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
          if (atEnd) {
            // give a paging list the chance to fetch its next page
            const height = el.scrollHeight;
            await new Promise((r) => setTimeout(r, 1500));
            if (el.scrollHeight === height) break;
          }
          const stepSize = Math.max(el.clientHeight, el.scrollHeight / 400);
          const step = await scrollStep(() => {
            el.scrollTop = Math.min(el.scrollHeight, el.scrollTop + stepSize);
            el.dispatchEvent(new Event('scroll'));
          });
          frames.push(step.frame);
          work.push(step.work);
          steps++;
          const n = rows();
          if (n > maxRowElements) maxRowElements = n;
          if (n >= maxRows && overAt < 0) overAt = steps;
          if (performance.now() - started > 180_000) break;
        }
        // the last page arrives after the scrolling stops: wait for its rows (up to 30 s)
        const loadedUntil = performance.now() + 30_000;
        while (el.querySelector('.contact-row.placeholder') && performance.now() < loadedUntil) await new Promise((r) => setTimeout(r, 50));
        const items = [...el.querySelectorAll<HTMLElement>('[role="listitem"]')];
        // the lowest row on screen: rows are positioned by transform, not in DOM order
        const last = items.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).at(-1);
        return {
          frames,
          work,
          steps,
          maxRowElements,
          overAt,
          rowHeight,
          scrollHeight: el.scrollHeight,
          lastRowName: last?.querySelector('.contact-name')?.textContent ?? '',
          domNodes: document.getElementsByTagName('*').length,
        };
      }, MAX_ROWS);
      const rowsScrollable = scroll.rowHeight > 0 ? Math.round(scroll.scrollHeight / scroll.rowHeight) : 0;
      if (scroll.maxRowElements >= MAX_ROWS) failures.push(`${scroll.maxRowElements} row elements in the DOM (first at scroll step ${scroll.overAt}); the limit is ${MAX_ROWS}`);
      if (listedTotal !== contactsInFile - archivedInFile) failures.push(`the page says "${totalLabel}" but the file holds ${(contactsInFile - archivedInFile).toLocaleString('en-US')} people who are not archived`);
      if (listedTotal !== null && rowsScrollable !== listedTotal) failures.push(`the list scrolls through ${rowsScrollable.toLocaleString('en-US')} rows of ${scroll.rowHeight} px, not the ${listedTotal.toLocaleString('en-US')} people the page says`);
      const expectedLast = listedTotal ? (await call<{ items: { displayName: string }[] }>('contacts.list', { sort: 'name', archived: false, limit: 1, offset: listedTotal - 1 })).items[0]?.displayName ?? '' : '';
      if (scroll.lastRowName !== expectedLast) failures.push(`the last row reads "${scroll.lastRowName}", not the last person by name ("${expectedLast}")`);
      await shot('end-of-list');

      // typing in search: the box is in the sidebar (GlobalSearch), its results drop down below it
      let search: BrowserResult['search'];
      const box = page.getByRole('navigation', { name: 'Main' }).getByRole('combobox', { name: 'Search contacts' });
      if ((await box.count()) === 0) {
        search = { skipped: 'no search box in the sidebar' };
      } else {
        // on a freshly generated file every contact waits for the search index: searches answer from
        // what is indexed meanwhile (the banner says so), so what a prefix finds moves until it is done.
        // Typing is timed on the caught-up index; how long the catch-up took is reported beside it
        const waitedFrom = performance.now();
        const pendingMarks = sqlite.prepare('SELECT count(*) FROM (SELECT 1 FROM search_dirty LIMIT 1)').pluck();
        while (pendingMarks.get() !== 0 && performance.now() - waitedFrom < 600_000) await new Promise((resolve) => setTimeout(resolve, 250));
        const indexCaughtUpMs = performance.now() - t0;
        console.log(`  search index caught up ${(indexCaughtUpMs / 1000).toFixed(1)} s after the page was opened`);
        const word = searchWord(sqlite.prepare('SELECT display_name FROM contacts WHERE archived_at IS NULL ORDER BY display_name COLLATE NOCASE, id').pluck().all() as string[]);
        // what each prefix finds, asked before typing so the page's own calls are the only ones timed
        const expected: string[][] = [];
        for (let i = 1; i <= word.length; i++) expected.push((await call<{ displayName: string }[]>('contacts.search', { query: word.slice(0, i), ...SEARCH_INPUT })).map((h) => h.displayName));
        await box.click();
        await page.evaluate(() => {
          const w = window as unknown as { __key?: { inputAt: number | null; typed: string } };
          document.addEventListener('input', (e) => {
            const k = w.__key;
            if (k && k.inputAt === null && (e.target as HTMLInputElement).value === k.typed) k.inputAt = performance.now();
          }, true);
        });
        const perKeystroke: KeystrokeTiming[] = [];
        for (let i = 0; i < word.length; i++) {
          const typed = word.slice(0, i + 1);
          const callsBefore = calls.length;
          // a frame watcher in the page: when the character shows, when the results do
          await page.evaluate(
            ([typed, names]) => {
              const w = window as unknown as { __key?: Record<string, unknown> };
              const k = { typed, start: performance.now(), inputAt: null as number | null, echoAt: null as number | null, resultsAt: null as number | null, done: false };
              w.__key = k;
              const input = document.getElementById('global-search') as HTMLInputElement;
              const shows = () => {
                const list = document.querySelector('[role="listbox"][aria-label="Search results"]');
                if (!list) return false;
                if (names.length === 0) return list.textContent?.includes(`No one matches “${typed}”`) ?? false;
                const shown = [...list.querySelectorAll('.search-hit-name')].map((n) => n.textContent);
                return shown.length === names.length && shown.every((n, j) => n === names[j]);
              };
              const tick = () => {
                const t = performance.now();
                if (k.echoAt === null && input.value === typed) k.echoAt = t;
                if (k.resultsAt === null && input.value === typed && shows()) k.resultsAt = t;
                if ((k.echoAt !== null && k.resultsAt !== null) || t - k.start > 10_000) k.done = true;
                else requestAnimationFrame(tick);
              };
              requestAnimationFrame(tick);
            },
            [typed, expected[i]!] as const,
          );
          await page.keyboard.type(typed.at(-1)!);
          const k = (await (
            await page.waitForFunction(() => {
              const k = (window as unknown as { __key: { done: boolean; start: number; inputAt: number | null; echoAt: number | null; resultsAt: number | null } }).__key;
              return k.done ? k : null;
            }, undefined, { timeout: 15_000, polling: 'raf' })
          ).jsonValue())!;
          const since = (at: number | null) => (at === null ? null : at - k.start);
          perKeystroke.push({
            typed,
            inputEventMs: since(k.inputAt),
            echoMs: since(k.echoAt),
            resultsMs: since(k.resultsAt),
            hits: expected[i]!.length,
            sameAsBefore: i > 0 && JSON.stringify(expected[i]) === JSON.stringify(expected[i - 1]),
            apiMs: calls.slice(callsBefore).filter((c) => c.method === 'contacts.search' && (c.input as { query?: string }).query === typed).map((c) => c.serviceMs ?? NaN),
          });
          if (k.resultsAt === null) failures.push(`typing "${typed}": the results did not show what it finds within 10 s`);
          await page.waitForTimeout(150); // a person types a few keys a second
        }
        await shot('search');
        await page.keyboard.press('Escape');
        search = { box: 'the sidebar’s “Search contacts” box', perKeystroke, indexCaughtUpMs };
      }
      return { firstRowsMs, driverSawRowsMs, firstLoad, totalLabel, listedTotal, scroll, rowsScrollable, expectedLast, search };
    }
    const contacts = contactsPart ? await measureContacts() : null;
    // alone, the day's first calls (the health table's new day, the birthday sync) would be timed as the page's: make them first, as the sidebar does in a full run
    if (!contactsPart) {
      await call('reminders.summary', {});
      await settledDashboard(call); // until today's scores, as the page asks again
    }
    const reminders = values.part === 'contacts' ? undefined : await measureReminders(page, host.url, calls, sqlite, failures, shot);
    const none = { firstRowsMs: NaN, driverSawRowsMs: NaN, firstLoad: [] as ApiCallTiming[], totalLabel: '', listedTotal: null, rowsScrollable: 0, expectedLast: '', search: { skipped: 'not measured (--part reminders)' } as BrowserResult['search'], scroll: { rowHeight: 0, steps: 0, maxRowElements: 0, frames: [] as number[], work: [] as number[], lastRowName: '', domNodes: 0 } };
    const c = contacts ?? none;
    const firstLoadCalls = c.firstLoad.map(({ method, startMs, serviceMs }) => ({ method, startMs, serviceMs }));
    const result: BrowserResult = {
      firstRowsMs: c.firstRowsMs,
      driverSawRowsMs: c.driverSawRowsMs,
      firstLoadCalls,
      totalLabel: c.totalLabel,
      listedTotal: c.listedTotal,
      contactsInFile,
      archivedInFile,
      rowHeightPx: c.scroll.rowHeight,
      rowsScrollable: c.rowsScrollable,
      scrollSteps: c.scroll.steps,
      maxRowElements: c.scroll.maxRowElements,
      scrollFrame: summarise(c.scroll.frames.length ? c.scroll.frames : [0]),
      frameWork: summarise(c.scroll.work.length ? c.scroll.work : [0]),
      lastRowName: c.scroll.lastRowName,
      expectedLastRowName: c.expectedLast,
      domNodes: c.scroll.domNodes,
      search: c.search,
      reminders,
      screenshots,
      failures,
    };
    writeFileSync(values.out!, JSON.stringify(result, null, 2));
    if (contacts) {
      const search = c.search;
      console.log(
        `  first rows ${c.firstRowsMs.toFixed(0)} ms (the driver saw them at ${c.driverSawRowsMs.toFixed(0)} ms; calls before: ${firstLoadCalls.map((x) => `${x.method} ${x.serviceMs?.toFixed(0) ?? '…'} ms`).join(', ')}); "${c.totalLabel}"; ` +
          `scrollable rows ${c.rowsScrollable.toLocaleString('en-US')} of ${c.scroll.rowHeight} px; ${c.scroll.steps} steps, at most ${c.scroll.maxRowElements} row elements; frame p95 ${result.scrollFrame.p95.toFixed(1)} ms (its work p50 ${result.frameWork!.p50.toFixed(1)}, p95 ${result.frameWork!.p95.toFixed(1)} ms)`,
      );
      if ('perKeystroke' in search) {
        console.log(`  typing in search: ${search.perKeystroke.map((k) => `"${k.typed}" echo ${k.echoMs?.toFixed(0) ?? '–'} ms, results ${k.resultsMs?.toFixed(0) ?? '–'} ms`).join('; ')}`);
      }
    }
    if (reminders) {
      console.log(
        `  reminders: first rows ${reminders.firstRowsMs.toFixed(0)} ms (calls before: ${reminders.firstLoadCalls.map((x) => `${x.method} ${x.serviceMs?.toFixed(0) ?? '…'} ms`).join(', ')}); first answer ${(reminders.firstAnswerBytes / 1024).toFixed(0)} kB; "${reminders.headerLabel}"; ` +
          `${reminders.scrollSteps} steps, ${reminders.rowsLoaded} rows loaded, at most ${reminders.maxRowElements} row elements; frame p95 ${reminders.scrollFrame.p95.toFixed(1)} ms (its work p50 ${reminders.frameWork!.p50.toFixed(1)}, p95 ${reminders.frameWork!.p95.toFixed(1)} ms); ${reminders.domNodes} DOM elements`,
      );
    }
    for (const f of failures) console.log(`  FAIL: ${f}`);
  } finally {
    await browser.close();
    await host.close();
    await backend.close();
  }
}

/**
 * The Reminders page opened fresh: time to its first row, the size of the board's first answer,
 * then scrolling down 60 steps (pages load as a section's end comes into view), counting rows in
 * the DOM and timing the frame after each step.
 */
async function measureReminders(
  page: import('playwright-core').Page,
  url: string,
  calls: (ApiCallTiming & { input: unknown })[],
  sqlite: import('better-sqlite3').Database,
  failures: string[],
  shot: (suffix: string) => Promise<void>,
): Promise<RemindersResult> {
  const remindersInFile = sqlite.prepare('SELECT count(*) FROM reminders').pluck().get() as number;
  await page.goto('about:blank');
  await page.addInitScript({
    content: `(() => {
      const tick = () => document.querySelector('.reminder-row') ? (globalThis.__firstReminderAt = performance.now()) : requestAnimationFrame(tick);
      if (location.hash.startsWith('#/reminders')) requestAnimationFrame(tick);
    })();`,
  });
  let firstAnswerBytes = 0;
  const onResponse = async (res: import('playwright-core').Response) => {
    if (res.url().includes('/api/reminders.list')) firstAnswerBytes ||= (await res.body()).length;
  };
  page.on('response', onResponse);
  calls.length = 0;
  await page.goto(`${url}#/reminders`);
  await page.locator('.reminder-row').first().waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => (globalThis as unknown as { __firstReminderAt?: number }).__firstReminderAt !== undefined);
  const firstRowsMs = await page.evaluate(() => (globalThis as unknown as { __firstReminderAt: number }).__firstReminderAt);
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  for (const c of calls) c.startMs -= navigationStart;
  const firstLoadCalls = calls.filter((c) => c.startMs <= firstRowsMs).map(({ method, startMs, serviceMs }) => ({ method, startMs, serviceMs }));
  const headerLabel = (await page.locator('.reminders-page .page-header p.subtle').first().textContent())?.trim() ?? '';
  await shot('reminders-first-rows');
  await definePageScrollStep(page);
  const scroll = await page.locator('.reminders-page').evaluate(async (el) => {
    const scrollStep = (globalThis as unknown as { __kithScrollStep: PageScrollStep }).__kithScrollStep;
    const rows = () => el.querySelectorAll('.reminder-row').length;
    const frames: number[] = [];
    const work: number[] = [];
    let maxRowElements = rows();
    let steps = 0;
    for (; steps < 60; steps++) {
      // the scroll event comes in the frame: its handling is in the frame's work
      const step = await scrollStep(() => {
        el.scrollTop += el.clientHeight;
      });
      frames.push(step.frame);
      work.push(step.work);
      maxRowElements = Math.max(maxRowElements, rows());
      await new Promise((r) => setTimeout(r, 100)); // a next page may arrive
    }
    const posinset = [...el.querySelectorAll('.reminder-row')].map((r) => Number(r.getAttribute('aria-posinset')));
    return { frames, work, steps, maxRowElements, rowsLoaded: Math.max(0, ...posinset), domNodes: document.getElementsByTagName('*').length };
  });
  page.off('response', onResponse);
  await shot('reminders-scrolled');
  if (scroll.maxRowElements >= MAX_ROWS) failures.push(`Reminders: ${scroll.maxRowElements} row elements in the DOM; the limit is ${MAX_ROWS}`);
  return { firstRowsMs, firstLoadCalls, headerLabel, remindersInFile, firstAnswerBytes, scrollSteps: scroll.steps, maxRowElements: scroll.maxRowElements, rowsLoaded: scroll.rowsLoaded, scrollFrame: summarise(scroll.frames), frameWork: summarise(scroll.work), domNodes: scroll.domNodes };
}

/** what to type: the start of a real name with a letter beyond ASCII (as people with such names type them), else any name */
function searchWord(names: string[]): string {
  const first = (n: string) => n.split(/\s+/)[0] ?? '';
  const pick = names.find((n) => first(n).length >= 5 && /[^\x00-\x7f]/.test(first(n).slice(0, 5))) ?? names.find((n) => first(n).length >= 5) ?? names[0] ?? 'a';
  return first(pick).slice(0, 5) || pick.slice(0, 5);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

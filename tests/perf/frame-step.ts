// The browser bench's one measure of a scroll step, defined in the page once (definePageScrollStep)
// and called from the callers' page.evaluate code as `globalThis.__kithScrollStep(move)`:
// - frame: from the step to two animation frames later (the frame that shows it has been painted);
// - work: the main thread's part of it — the step's own handling (`move`, synchronous), then the
//   frame that follows, from its start (requestAnimationFrame's timestamp) to a message posted at
//   its end, which runs once style, layout and paint are done.
// Code run in the page cannot import: this text is what all of browser-at-scale.ts and
// scroll-profile.ts measure with, so their figures stay comparable.
import type { Page } from 'playwright-core';

export interface ScrollStep {
  frame: number;
  /** the step's own synchronous handling (setting scrollTop, a dispatched scroll event) */
  handled: number;
  work: number;
}

const SCRIPT = `globalThis.__kithScrollStep = async (move) => {
  const t = performance.now();
  move();
  const handled = performance.now() - t;
  const painted = new Promise((r) => requestAnimationFrame((begin) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r(performance.now() - begin);
    c.port2.postMessage(0);
  }));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const frame = performance.now() - t;
  return { frame, handled, work: handled + (await painted) };
};`;

/** defines __kithScrollStep in the page as it is now (call again after a navigation) */
export async function definePageScrollStep(page: Page): Promise<void> {
  await page.evaluate(SCRIPT);
}

/** how page code reaches it (typed) */
export type PageScrollStep = (move: () => void) => Promise<ScrollStep>;

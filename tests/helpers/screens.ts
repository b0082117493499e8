// What every changed screen is held to in the e2e tests: clean under axe, and looked at in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import type { WebSession } from './browser';

/** no axe violations on the page as it is, once any toast has gone (one mid-animation is measured wrong) */
export async function expectAxeClean(s: WebSession, screen: string): Promise<void> {
  await s.page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: 10_000 });
  const r = await new AxeBuilder({ page: s.page }).analyze();
  expect(r.violations.map((v) => `${screen}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

/** `${name}-dark.png` and `${name}-light.png` in test-results, ending in light */
export async function screenshotBothThemes(s: WebSession, name: string): Promise<void> {
  await s.page.emulateMedia({ colorScheme: 'dark' });
  await s.screenshot(`${name}-dark`);
  await s.page.emulateMedia({ colorScheme: 'light' });
  await s.screenshot(`${name}-light`);
}

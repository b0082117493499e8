// End to end in Chromium (issue 17.6): an address added by keyboard in the contact form, part by
// part with the country picked by typing, is shown on the contact page as its country writes it,
// with a map link that leaves Kith; the edited page is axe-clean and looked at in both themes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { expectAxeClean, screenshotBothThemes } from '../helpers/screens';

let s: WebSession;
let ada = '';
beforeAll(async () => {
  s = await openWebSession({
    viewport: { width: 1320, height: 900 },
    seed: async (k) => {
      ada = (await k.call('contacts.create', { displayName: 'Ada Lovelace', methods: [{ kind: 'email', value: 'ada@example.org' }] })).id;
    },
  });
});
afterAll(async () => s?.close());

describe('addresses', { timeout: 150_000 }, () => {
  it('adds an address by keyboard and sees it formatted, with a map link', async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/contacts/${ada}`);
    await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await s.page.getByRole('button', { name: 'Edit', exact: true }).first().click();
    const dialog = s.page.getByRole('dialog', { name: 'Edit Ada Lovelace' });
    await dialog.getByRole('button', { name: '+ Address' }).click();
    const fields = dialog.getByRole('group', { name: 'Address' });
    await dialog.getByLabel('Address: label').fill('Home');
    await fields.getByLabel('Street').focus();
    await s.page.keyboard.type('Invalidenstraße 117');
    await s.page.keyboard.press('Enter');
    await s.page.keyboard.type('Hinterhaus');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.type('10115');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.type('Berlin');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Tab'); // past the region, to the country picker
    await s.page.keyboard.type('Germany');
    expect(await fields.getByLabel('Country').inputValue()).toBe('DE');
    await expectAxeClean(s, 'address form');
    await fields.scrollIntoViewIfNeeded();
    await screenshotBothThemes(s, 'address-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    const shown = s.page.locator('dt', { hasText: 'Address · Home' }).locator('xpath=following-sibling::dd');
    await shown.locator('address').waitFor();
    expect(await shown.locator('address > span').allInnerTexts()).toEqual(['Invalidenstraße 117', 'Hinterhaus', '10115 Berlin', 'Germany']);
    const map = shown.getByRole('link', { name: /Show on map/ });
    expect(await map.getAttribute('href')).toBe('https://www.openstreetmap.org/search?query=Invalidenstra%C3%9Fe%20117%2C%20Hinterhaus%2C%2010115%2C%20Berlin%2C%20Germany');
    expect(await map.getAttribute('target')).toBe('_blank');
    expect(await map.getAttribute('rel')).toBe('noopener noreferrer');
    // the link is reachable by keyboard
    await map.focus();
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Show on map/);
    const [row] = s.kith.sqlite.prepare(`SELECT address_parts FROM contact_methods WHERE kind = 'address'`).pluck().all() as string[];
    expect(JSON.parse(row!)).toEqual({ street: 'Invalidenstraße 117\nHinterhaus', city: 'Berlin', region: '', postcode: '10115', countryCode: 'DE', country: '' });
    await expectAxeClean(s, 'contact page with an address');
    await screenshotBothThemes(s, 'address-contact-page');
    // found by its city
    const hits = await s.kith.call('contacts.search', { query: 'Berlin' });
    expect(hits.map((h) => h.displayName)).toEqual(['Ada Lovelace']);
  });
});

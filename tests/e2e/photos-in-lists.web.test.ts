// Photos in lists (issue 15 point 6): a contact with a photo shows its thumbnail in the contacts
// list and search results, one without shows initials; light and dark, axe clean.
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../helpers/backend';
import { openWebSession, type WebSession } from '../helpers/browser';

const sessions: WebSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close();
});

async function open(colorScheme: 'light' | 'dark') {
  const photo = await sharp({ create: { width: 240, height: 240, channels: 3, background: { r: 30, g: 140, b: 200 } } }).jpeg().toBuffer();
  const s = await openWebSession({
    colorScheme,
    clock: fixedClock('2026-11-20T10:00:00Z', 'Europe/Berlin'),
    seed: async (kith) => {
      const ada = await kith.call('contacts.create', { displayName: 'Ada Photo', circleId: 'circle-friends' });
      await kith.call('contacts.create', { displayName: 'Bea Initials', circleId: 'circle-friends' });
      await kith.call('contacts.setPhoto', { id: ada.id, photo: `data:image/jpeg;base64,${photo.toString('base64')}` });
    },
  });
  sessions.push(s);
  return s;
}

describe.each(['light', 'dark'] as const)('photos in lists (%s)', (theme) => {
  it('the contacts list and the search page show the photo, or the initials', async () => {
    const s = await open(theme);
    await s.page.evaluate(() => (window.location.hash = '#/contacts'));
    const list = s.page.getByRole('list', { name: 'Contacts' });
    const ada = list.getByRole('listitem').filter({ hasText: 'Ada Photo' });
    const bea = list.getByRole('listitem').filter({ hasText: 'Bea Initials' });
    await expect.poll(() => ada.locator('img.avatar').getAttribute('src').catch(() => null), { timeout: 10_000 }).toMatch(/^data:image\/webp;base64,/);
    expect(await ada.locator('img.avatar').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    expect(await bea.locator('img').count()).toBe(0);
    expect(await bea.locator('.avatar').textContent()).toBe('BI');
    await s.screenshot(`photos-contacts-${theme}`);
    const axe = await new AxeBuilder({ page: s.page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    await s.page.evaluate(() => (window.location.hash = '#/search/a'));
    const hit = s.page.locator('.search-hit').filter({ hasText: 'Ada Photo' });
    await expect.poll(() => hit.locator('img.avatar').count(), { timeout: 10_000 }).toBe(1);
    expect(await s.page.locator('.search-hit').filter({ hasText: 'Bea Initials' }).locator('img').count()).toBe(0);
    await s.screenshot(`photos-search-${theme}`);
  }, 90_000);

  it('rows already on screen show the photos an import brings, without a reload', async () => {
    const s = await open(theme);
    await s.page.evaluate(() => (window.location.hash = '#/contacts'));
    const list = s.page.getByRole('list', { name: 'Contacts' });
    const bea = list.getByRole('listitem').filter({ hasText: 'Bea Initials' });
    await expect.poll(() => bea.locator('.avatar').textContent(), { timeout: 10_000 }).toBe('BI');
    // Bea's row asked for her thumbnail already (none); the import gives her a photo and brings Cleo with one
    const bea64 = (await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 200, g: 60, b: 90 } } }).jpeg().toBuffer()).toString('base64');
    const beaId = s.kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Bea Initials'`).pluck().get() as string;
    const cards = [
      ['BEGIN:VCARD', 'VERSION:3.0', `UID:${beaId}`, 'FN:Bea Initials', `PHOTO;ENCODING=b;TYPE=JPEG:${bea64}`, 'END:VCARD'],
      ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Cleo Imported', `PHOTO;ENCODING=b;TYPE=JPEG:${bea64}`, 'END:VCARD'],
    ].map((c) => c.join('\r\n')).join('\r\n');
    const preview = await s.kith.call('transfer.importPreview', { source: { kind: 'upload', fileName: 'photos.vcf', base64: Buffer.from(cards).toString('base64') } });
    const summary = await s.kith.call('transfer.importCommit', { sessionId: preview!.sessionId, defaultAction: 'merge' });
    expect([summary.added, summary.merged]).toEqual([1, 1]);
    const cleo = list.getByRole('listitem').filter({ hasText: 'Cleo Imported' });
    for (const row of [bea, cleo]) await expect.poll(() => row.locator('img.avatar').getAttribute('src').catch(() => null), { timeout: 10_000 }).toMatch(/^data:image\/webp;base64,/);
    await s.screenshot(`photos-after-import-${theme}`);
    const axe = await new AxeBuilder({ page: s.page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }, 90_000);
});

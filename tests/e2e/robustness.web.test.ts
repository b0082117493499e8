// In Chromium, through the real page: a remote image in a note is never requested (a placeholder
// with its link instead), and the status banner shows a failed automatic backup and damage with the
// offer to restore, axe-clean in light and dark (screenshots in test-results/).
import AxeBuilder from '@axe-core/playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { backupFolder, newestGoodBackup } from '../../electron/transfer/backups';

let session: WebSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('notes with remote images', () => {
  it('never fetch them: no request leaves 127.0.0.1, a placeholder with the link shows', async () => {
    let contactId = '';
    session = await openWebSession({
      seed: async (kith) => {
        contactId = (await kith.call('contacts.create', { displayName: 'Pixel Target', notes: 'Met at the fair.\n\n![open tracker](http://tracker.example/pixel.gif?id=42)\n\n![](https://images.example/photo.png)' })).id;
      },
    });
    const { page } = session;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.evaluate((id) => (window.location.hash = `#/contacts/${id}`), contactId);
    await page.getByText('Met at the fair.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.markdown img').count()).toBe(0);
    const placeholders = page.locator('.md-image-placeholder a');
    expect(await placeholders.allTextContents()).toEqual(['Image: open tracker', 'Image: https://images.example/photo.png']);
    expect(await placeholders.first().getAttribute('href')).toBe('http://tracker.example/pixel.gif?id=42');
    const foreign = requests.filter((url) => !url.startsWith(session!.host.origin));
    expect(foreign).toEqual([]);
    await session.screenshot('robust-note-image-placeholder');
  });
});

describe.each(['light', 'dark'] as const)('the status banner (%s)', (colorScheme) => {
  it('shows a failed backup and damage with the offer to restore; restoring works', async () => {
    session = await openWebSession({
      colorScheme,
      seed: async (kith) => {
        await kith.call('contacts.create', { displayName: 'Kept in the backup' });
        await kith.call('transfer.backupNow', {});
        kith.status.report('backup', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
        kith.status.setDamage('Page 7: btreeInitPage() returns error code 11', 'Kith’s data file is damaged.', newestGoodBackup(backupFolder(kith.ctx.databasePath)));
      },
    });
    const { page } = session;
    const damage = page.getByRole('alert', { name: 'Your data file is damaged' });
    await damage.waitFor();
    expect(await page.getByRole('alert', { name: 'A background task failed' }).textContent()).toContain('The automatic backup failed: The disk holding your Kith file is full');
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await session.screenshot(`robust-status-banner-${colorScheme}`);
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await damage.waitFor({ state: 'detached' });
    expect((await session.kith.dispatch('contacts.create', { displayName: 'After' })).ok).toBe(true);
  });
});

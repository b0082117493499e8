// The list stays small in the DOM with many contacts (pages load as they scroll into view), and
// screenshots of the dialogs and settings for a look in light and dark.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';

const COUNT = 20_000;
let s: WebSession;
beforeAll(async () => {
  s = await openWebSession({
    viewport: { width: 1320, height: 860 },
    seed: async (kith) => {
      const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, company, circle_id, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`);
      const circles = ['circle-family', 'circle-friends', 'circle-colleagues', 'circle-clients'];
      kith.sqlite.transaction(() => {
        for (let i = 0; i < COUNT; i++) insert.run(randomUUID(), `Person ${String(i).padStart(5, '0')}`, `Company ${i % 300}`, circles[i % 4]);
      })();
      const ada = await kith.call('contacts.create', {
        displayName: 'Ada Lovelace',
        company: 'Analytical Engines',
        title: 'Programmer',
        circleId: 'circle-friends',
        importance: 'inner',
        birthday: { month: 12, day: 10, year: 1815 },
        methods: [
          { kind: 'email', label: 'work', value: 'ada@engines.example' },
          { kind: 'phone', label: 'mobile', value: '+44 20 7946 0000' },
        ],
        tags: ['math', 'poetry'],
        notes: 'Writes **poetical science**.\n\n- Daughter: Annabella\n- Loves horses',
      });
      await kith.call('interactions.log', { kind: 'call', direction: 'inbound', participantIds: [ada.id], summary: 'Talked about the Engine', rating: 5, durationMinutes: 40 });
    },
  });
}, 180_000);
afterAll(async () => s?.close());

describe('many contacts', () => {
  it(`keeps the DOM to the visible rows with ${COUNT.toLocaleString('en')} contacts and loads pages while scrolling`, async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/contacts`);
    const list = s.page.getByRole('list', { name: 'Contacts' });
    await list.getByText('Ada Lovelace').waitFor();
    await s.page.getByText(`${(COUNT + 1).toLocaleString('en')} people`).waitFor();
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);
    // jump to the middle: the rows there arrive from their page
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await list.getByText(/Person 1\d{4}/).first().waitFor();
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await list.getByText('Person 19999').waitFor();
    expect(await s.page.locator('*').count()).toBeLessThan(1500);
  });

  it('shows the first rows again after scrolling through more pages than it keeps', async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/contacts`);
    const list = s.page.getByRole('list', { name: 'Contacts' });
    await list.getByText('Ada Lovelace').waitFor();
    // 60 jumps of ~330 rows: every jump lands on pages not loaded yet, ~60 pages in all (more than KEPT_PAGES)
    for (let i = 1; i <= 60; i++) {
      await list.evaluate((el, step) => (el.scrollTop = (el.scrollHeight * step) / 61), i);
      await list.locator('.contact-row:not(.placeholder)').first().waitFor();
      await s.page.waitForFunction(() => !document.querySelector('.contact-row.placeholder'));
    }
    await list.evaluate((el) => (el.scrollTop = 0));
    // the first page was dropped long ago: it is asked for again, and its rows come back as they were
    await list.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await list.getByText('Person 00000').waitFor();
    expect(await list.locator('.contact-row.placeholder').count()).toBe(0);
  });

  it('looks right: contact form, quick-log, archive and circles settings, light and dark', async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/contacts`);
    await s.page.getByRole('button', { name: 'New contact' }).click();
    await s.page.getByRole('dialog', { name: 'New contact' }).waitFor();
    await s.screenshot('contacts-form-light');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('contacts-form-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.page.keyboard.press('Escape');

    await s.page.getByRole('list', { name: 'Contacts' }).getByRole('link', { name: 'Ada Lovelace' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await s.screenshot('contacts-ada-light');
    await s.page.keyboard.press('Control+l');
    await s.page.getByRole('dialog', { name: 'Log an interaction' }).waitFor();
    await s.screenshot('contacts-quicklog-light');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('contacts-quicklog-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.page.keyboard.press('Escape');

    await s.page.getByRole('button', { name: 'Archive', exact: true }).click();
    await s.page.getByRole('link', { name: 'Contacts' }).first().click();
    await s.page.getByRole('link', { name: 'Archive' }).click();
    await s.page.getByRole('list', { name: 'Archived contacts' }).getByText('Ada Lovelace').waitFor();
    await s.screenshot('contacts-archive-light');

    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await s.page.getByRole('heading', { name: 'Circles' }).waitFor();
    await s.screenshot('contacts-settings-light');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('contacts-settings-dark');
  });
});

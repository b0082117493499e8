// End to end in Chromium through the web host: a new user's first session with contacts,
// relationships, the quick-log shortcut, search, and the archive. Screenshots in light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { jpegSize, solidPng } from '../helpers/images';

let s: WebSession;
beforeAll(async () => (s = await openWebSession({ viewport: { width: 1320, height: 860 } })));
afterAll(async () => s?.close());

const q = <T>(sql: string, ...args: unknown[]) => s.kith.sqlite.prepare(sql).all(...args) as T[];

async function addContact(name: string, fill: { company?: string; email?: string; notes?: string; tags?: string[] } = {}) {
  await s.page.getByRole('button', { name: 'New contact' }).click();
  const dialog = s.page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  if (fill.company) await dialog.getByLabel('Company', { exact: true }).fill(fill.company);
  if (fill.email) await dialog.getByLabel('Email', { exact: true }).fill(fill.email);
  for (const tag of fill.tags ?? []) {
    await dialog.getByLabel('Tags').fill(tag);
    await dialog.getByLabel('Tags').press('Enter');
  }
  if (fill.notes) await dialog.getByLabel('Notes').fill(fill.notes);
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await dialog.waitFor({ state: 'detached' });
  await s.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: name }).waitFor();
}

async function openContact(name: string) {
  await s.page.getByRole('list', { name: 'Contacts' }).getByRole('link', { name, exact: true }).click();
  await s.page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('a new user keeping people close', () => {
  it('starts from an empty list that says what to do first, and adds three people', async () => {
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await s.page.getByText('No one here yet').waitFor();
    await s.page.getByRole('button', { name: 'Add your first contact' }).waitFor();
    await addContact('Ada Lovelace', { company: 'Analytical Engines', email: 'ada@engines.example', tags: ['math'], notes: 'Writes **poetical science**. Loves horses.' });
    await addContact('Charles Babbage', { company: 'Difference Engines', email: 'charles@engines.example', tags: ['math', 'inventor'] });
    await addContact('Grace Hopper', { company: 'US Navy', notes: 'Debugged the Mark II by taping a moth into the logbook.' });
    expect(q<{ display_name: string }>('SELECT display_name FROM contacts ORDER BY display_name').map((r) => r.display_name)).toEqual(['Ada Lovelace', 'Charles Babbage', 'Grace Hopper']);
  });

  it('links two of them as partners, shown on both pages and navigable', async () => {
    await openContact('Ada Lovelace');
    await s.page.getByRole('button', { name: 'Link someone' }).click();
    await s.page.getByLabel('Relationship', { exact: true }).selectOption('partner');
    await s.page.getByRole('combobox', { name: 'Linked person' }).fill('charl');
    await s.page.getByRole('option', { name: /Charles Babbage/ }).waitFor();
    await s.page.getByRole('combobox', { name: 'Linked person' }).press('Enter');
    const links = s.page.locator('.relations');
    await links.getByText('Charles Babbage').waitFor();
    await links.getByRole('link', { name: 'Charles Babbage' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Charles Babbage' }).waitFor();
    await s.page.locator('.relations').getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    expect(await s.page.locator('.relations li').first().innerText()).toContain('Partner');
    expect(q('SELECT kind FROM relationships')).toEqual([{ kind: 'partner' }]);
  });

  it('logs a dinner with all three from the quick-log shortcut, typing names and pressing Enter', async () => {
    // on Charles's page, so he is already in the dialog
    await s.page.keyboard.press('Control+l');
    const dialog = s.page.getByRole('dialog', { name: 'Log an interaction' });
    await dialog.waitFor();
    await dialog.getByText('Charles Babbage').waitFor();
    const people = dialog.getByRole('combobox', { name: 'People' });
    expect(await people.evaluate((el) => el === document.activeElement)).toBe(true);
    for (const partial of ['ada', 'hopp']) {
      await people.fill(partial);
      await dialog.getByRole('option').first().waitFor();
      await people.press('Enter');
    }
    await dialog.getByText('Grace Hopper').waitFor();
    await dialog.getByRole('radio', { name: 'Meeting' }).check();
    await dialog.getByLabel('Summary').fill('Dinner at the Royal Society');
    await dialog.getByLabel('Summary').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await s.page.getByRole('list', { name: 'Interactions with Charles Babbage' }).getByText('Dinner at the Royal Society').waitFor();
    const participants = q<{ display_name: string }>(
      `SELECT c.display_name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id JOIN interactions i ON i.id = p.interaction_id
       WHERE i.summary = 'Dinner at the Royal Society' AND i.kind = 'meeting' ORDER BY 1`,
    );
    expect(participants.map((p) => p.display_name)).toEqual(['Ada Lovelace', 'Charles Babbage', 'Grace Hopper']);
    await s.screenshot('contacts-contact-page-light');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('contacts-contact-page-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
  });

  it('finds a contact by a partial word of their notes and opens them', async () => {
    const search = s.page.getByRole('combobox', { name: 'Search contacts' });
    await s.page.keyboard.press('/');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.pressSequentially('debug');
    const hit = s.page.getByRole('listbox', { name: 'Search results' }).getByRole('option', { name: /Grace Hopper/ });
    await hit.waitFor();
    expect(await hit.innerText()).toMatch(/Debugged/);
    await search.press('Enter');
    await s.page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor();
  });

  it('archives one (hidden from the list and search) and restores her', async () => {
    await s.page.getByRole('button', { name: 'Archive', exact: true }).click();
    await s.page.getByText('Grace Hopper is archived').waitFor();
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    const list = s.page.getByRole('list', { name: 'Contacts' });
    await list.getByRole('listitem').filter({ hasText: 'Ada Lovelace' }).waitFor();
    expect(await list.getByRole('listitem').filter({ hasText: 'Grace Hopper' }).count()).toBe(0);
    await s.page.getByRole('combobox', { name: 'Search contacts' }).fill('hopper');
    await s.page.getByText('No one matches “hopper”').waitFor();
    await s.page.getByRole('combobox', { name: 'Search contacts' }).fill('');

    await s.page.getByRole('link', { name: 'Archive' }).click();
    const archived = s.page.getByRole('list', { name: 'Archived contacts' }).getByRole('listitem').filter({ hasText: 'Grace Hopper' });
    await archived.getByRole('button', { name: 'Restore' }).click();
    await s.page.getByText('Nothing archived').waitFor();
    await s.page.getByRole('link', { name: 'All' }).click();
    await list.getByRole('listitem').filter({ hasText: 'Grace Hopper' }).waitFor();
    expect(q('SELECT archived_at FROM contacts WHERE display_name = ?', 'Grace Hopper')).toEqual([{ archived_at: null }]);
    await s.screenshot('contacts-list-light');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('contacts-list-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens the command palette with Ctrl+K and jumps to a person', async () => {
    await s.page.keyboard.press('Control+k');
    const input = s.page.getByRole('combobox', { name: 'Command palette' });
    await input.fill('lovel');
    await s.page.getByRole('option', { name: /Ada Lovelace/ }).waitFor();
    await s.screenshot('contacts-palette');
    await input.press('Enter');
    await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    // Markdown notes are rendered, not shown raw
    expect(await s.page.locator('.markdown strong').first().innerText()).toBe('poetical science');
  });

  it('adds a photo, scaled down in the window to a JPEG of at most 256 px before it is stored', async () => {
    await s.page.getByRole('button', { name: 'Edit', exact: true }).first().click();
    const dialog = s.page.getByRole('dialog', { name: 'Edit Ada Lovelace' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'ada.png', mimeType: 'image/png', buffer: solidPng(1200, 800) });
    await dialog.getByRole('button', { name: 'Remove photo' }).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await s.page.locator('.contact-hero img.avatar').waitFor();
    const [photo] = q<{ mime: string; data: Buffer }>('SELECT mime, data FROM contact_photos');
    expect(photo!.mime).toBe('image/jpeg');
    expect(jpegSize(photo!.data)).toEqual({ width: 256, height: 171 });
  });
});

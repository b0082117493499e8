// End to end in Chromium: what matters about a person (issue 17), by keyboard where a user would.
// Personal facts added, reordered and found by search. Screenshots in light and dark, axe-clean.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';

let s: WebSession;
let ada = '';
beforeAll(async () => {
  s = await openWebSession({
    viewport: { width: 1320, height: 900 },
    seed: async (k) => {
      // her birthday five days ahead, so the dashboard's next two weeks show it whatever the date
      const soon = new Date(Date.now() + 5 * 86_400_000);
      ada = (await k.call('contacts.create', { displayName: 'Ada Lovelace', company: 'Analytical Engines', birthday: { month: soon.getMonth() + 1, day: soon.getDate(), year: null } })).id;
      await k.call('contacts.create', { displayName: 'Charles Babbage' });
    },
  });
});
afterAll(async () => s?.close());

const q = <T>(sql: string, ...args: unknown[]) => s.kith.sqlite.prepare(sql).all(...args) as T[];
async function axe(screen: string) {
  // a toast fading in or out is measured mid-animation; wait for it to go
  await s.page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: 10_000 });
  const r = await new AxeBuilder({ page: s.page }).analyze();
  expect(r.violations.map((v) => `${screen}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}
async function openAda() {
  await s.page.goto(`${s.host.url.split('#')[0]}#/contacts/${ada}`);
  await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
}

describe('personal facts', { timeout: 150_000 }, () => {
  it('adds facts by keyboard, a suggested label bringing its type, and refuses a bad value in place', async () => {
    await openAda();
    const card = s.page.getByRole('region', { name: 'Personal facts' });
    await card.getByRole('button', { name: 'Add fact' }).click();
    await s.page.keyboard.type('Kids');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.type('Luis (7), Ana (4)');
    await s.page.keyboard.press('Enter');
    await card.getByRole('listitem', { name: 'Kids: Luis (7), Ana (4)' }).waitFor();

    await card.getByRole('button', { name: 'Add fact' }).click();
    await card.getByLabel('Label').fill('Wishlist');
    expect(await card.getByLabel('Type').inputValue()).toBe('link');
    await card.getByLabel('Value').fill('not a link');
    await card.getByLabel('Value').press('Enter');
    await card.getByRole('alert').filter({ hasText: 'web address' }).waitFor();
    await card.getByLabel('Value').fill('https://example.org/ada-wishlist');
    await card.getByLabel('Value').press('Enter');
    await card.getByRole('link', { name: 'example.org/ada-wishlist' }).waitFor();

    await card.getByRole('button', { name: 'Add fact' }).click();
    await card.getByLabel('Label').fill('Favourite wine');
    await card.getByLabel('Value').fill('Rioja');
    await card.getByLabel('Value').press('Enter');
    await card.getByRole('listitem', { name: 'Favourite wine: Rioja' }).waitFor();
    expect(q<{ label: string; type: string }>('SELECT label, type FROM contact_facts ORDER BY sort_order')).toEqual([
      { label: 'Kids', type: 'text' },
      { label: 'Wishlist', type: 'link' },
      { label: 'Favourite wine', type: 'text' },
    ]);

    // Escape leaves an unsaved fact unsaved
    await card.getByRole('button', { name: 'Add fact' }).click();
    await card.getByLabel('Label').fill('Nothing');
    await s.page.keyboard.press('Escape');
    await card.getByRole('button', { name: 'Add fact' }).waitFor();
    expect(q('SELECT label FROM contact_facts WHERE label = ?', 'Nothing')).toEqual([]);
  });

  it('moves a fact with Alt+arrows, keeping the focus on it, and edits it with Enter', async () => {
    const card = s.page.getByRole('region', { name: 'Personal facts' });
    await card.getByRole('listitem', { name: 'Favourite wine: Rioja' }).focus();
    await s.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => q<{ label: string }>('SELECT label FROM contact_facts ORDER BY sort_order').map((r) => r.label)).toEqual(['Kids', 'Favourite wine', 'Wishlist']);
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Favourite wine: Rioja');
    await s.page.keyboard.press('Enter');
    await card.getByLabel('Value').fill('Rioja Reserva');
    await card.getByLabel('Value').press('Enter');
    await card.getByRole('listitem', { name: 'Favourite wine: Rioja Reserva' }).waitFor();
    await axe('facts');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-facts-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-facts-light');
  });

  it('finds the person by a fact from the search box, showing the fact', async () => {
    await s.page.keyboard.press('Control+k');
    await s.page.locator('.palette').waitFor();
    await s.page.keyboard.type('reserva');
    const option = s.page.getByRole('option', { name: /Ada Lovelace/ });
    await option.waitFor();
    expect(await option.innerText()).toContain('Favourite wine: Rioja Reserva');
    await s.page.keyboard.press('Escape');
  });
});

describe('next-time topics', { timeout: 150_000 }, () => {
  it('adds topics on the contact page by typing and Enter', async () => {
    await openAda();
    const card = s.page.getByRole('region', { name: 'Next time' });
    const input = card.getByRole('textbox', { name: 'Add a topic for next time with Ada Lovelace' });
    await input.fill('Ask about the marathon');
    await input.press('Enter');
    await card.getByRole('checkbox', { name: 'Ask about the marathon' }).waitFor();
    await input.fill('How is the new flat?');
    await input.press('Enter');
    await card.getByRole('checkbox', { name: 'How is the new flat?' }).waitFor();
    expect(await input.inputValue()).toBe('');
    await input.press('Enter');
    await card.getByRole('alert').waitFor();
  });

  it('the quick-log dialog offers them, and logging ticks off the checked one', async () => {
    await s.page.keyboard.press('Control+l');
    const dialog = s.page.getByRole('dialog', { name: 'Log an interaction' });
    await dialog.waitFor();
    const marathon = dialog.getByRole('checkbox', { name: 'Ask about the marathon' });
    await marathon.waitFor();
    await marathon.focus();
    await s.page.keyboard.press('Space');
    expect(await marathon.isChecked()).toBe(true);
    await axe('quick-log with topics');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-quicklog-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-quicklog-light');
    await s.page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => q<{ text: string; done: number }>('SELECT text, done_interaction_id IS NOT NULL AS done FROM next_topics ORDER BY text')).toEqual([
      { text: 'Ask about the marathon', done: 1 },
      { text: 'How is the new flat?', done: 0 },
    ]);
    const card = s.page.getByRole('region', { name: 'Next time' });
    await card.getByRole('checkbox', { name: 'Ask about the marathon' }).waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Done (1)' }).click();
    expect(await card.getByRole('checkbox', { name: 'Ask about the marathon' }).isChecked()).toBe(true);
    await axe('topics');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-topics-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-topics-light');
  });
});

describe('life events', { timeout: 150_000 }, () => {
  it('adds a new job by keyboard with its suggested follow-up, shown on the timeline among interactions', async () => {
    await openAda();
    await s.page.getByRole('button', { name: 'Add life event' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Life event for Ada Lovelace' });
    await dialog.waitFor();
    // the title has the focus; New job is picked, with its follow-up
    await s.page.keyboard.type('Started at the Engine Works');
    expect(await dialog.getByLabel('Reminder', { exact: true }).inputValue()).toBe('Ask how the new job is going');
    expect(await dialog.getByLabel('In days').inputValue()).toBe('30');
    expect(await dialog.getByRole('checkbox', { name: 'Remind me every year on this date' }).isChecked()).toBe(false);
    await dialog.getByLabel('What happened').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const timeline = s.page.getByRole('list', { name: 'Interactions with Ada Lovelace' });
    await timeline.getByText('Started at the Engine Works').waitFor();
    expect(q<{ title: string }>(`SELECT title FROM reminders WHERE source = 'manual'`)).toEqual([{ title: 'Ask how the new job is going' }]);

    // a wedding: the yearly reminder is suggested
    await s.page.getByRole('button', { name: 'Add life event' }).click();
    await dialog.getByRole('radio', { name: 'Married' }).check();
    expect(await dialog.getByRole('checkbox', { name: 'Remind me every year on this date' }).isChecked()).toBe(true);
    await dialog.getByLabel('What happened').fill('Married William');
    await dialog.getByLabel('Date', { exact: true }).fill('2019-07-08');
    await axe('life event form');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-life-event-form-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-life-event-form-light');
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.waitFor({ state: 'detached' });
    await timeline.getByText('Married William').waitFor();
    expect(q<{ recurrence_unit: string; anchor_date: string }>(`SELECT recurrence_unit, anchor_date FROM reminders WHERE title LIKE '%anniversary'`)).toEqual([{ recurrence_unit: 'year', anchor_date: '2019-07-08' }]);
    // newest first: today's call and job, then the wedding of 2019
    const rows = await timeline.getByRole('listitem').allInnerTexts();
    expect(rows.findIndex((r) => r.includes('Married William'))).toBe(rows.length - 1);
    await timeline.scrollIntoViewIfNeeded();
    await axe('timeline with life events');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-timeline-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-timeline-light');
  });

  it('deleting one that made reminders asks whether they go too', async () => {
    const timeline = s.page.getByRole('list', { name: 'Interactions with Ada Lovelace' });
    await timeline.getByRole('button', { name: 'Delete life event Started at the Engine Works' }).click();
    await s.page.getByRole('button', { name: 'Delete them too' }).click();
    await timeline.getByText('Started at the Engine Works').waitFor({ state: 'detached' });
    expect(q(`SELECT title FROM reminders WHERE title = 'Ask how the new job is going'`)).toEqual([]);
  });
});

describe('gifts and money', { timeout: 150_000 }, () => {
  it('adds a gift idea with a link and a price, shown beside her upcoming birthday on the dashboard', async () => {
    await openAda();
    const card = s.page.getByRole('region', { name: 'Gifts' });
    await card.getByRole('button', { name: 'Add gift' }).click();
    await s.page.keyboard.type('A book on Bernoulli numbers');
    await card.getByLabel('Link').fill('https://example.org/book');
    await card.getByLabel('Price').fill('1.234');
    await card.getByLabel('Price').press('Enter');
    await card.getByRole('alert').filter({ hasText: 'decimal places' }).waitFor();
    await card.getByLabel('Price').fill('24,50');
    await card.getByLabel('Currency').fill('EUR');
    await card.getByLabel('Price').press('Enter');
    await card.getByRole('link', { name: 'A book on Bernoulli numbers' }).waitFor();
    expect(q('SELECT status, price_minor, currency FROM gifts')).toEqual([{ status: 'idea', price_minor: 2450, currency: 'EUR' }]);

    await s.page.goto(`${s.host.url.split('#')[0]}#/`);
    const coming = s.page.getByRole('list', { name: 'Coming up' });
    await coming.getByText(/Gift ideas: A book on Bernoulli numbers \(€24\.50\)/).waitFor();
  });

  it('keeps money lent and borrowed per currency on the contact page and in a small summary', async () => {
    await openAda();
    const card = s.page.getByRole('region', { name: 'Money between you' });
    await card.getByRole('button', { name: 'Add loan' }).click();
    await card.getByLabel('Amount').fill('20');
    await card.getByLabel('For').fill('Concert tickets');
    await card.getByLabel('For').press('Enter');
    await card.getByText('Ada owes you').waitFor();
    await card.getByRole('button', { name: 'Add loan' }).click();
    await card.getByLabel('Who paid').selectOption('borrowed');
    await card.getByLabel('Amount').fill('15');
    await card.getByLabel('Currency').fill('GBP');
    await card.getByLabel('Amount').press('Enter');
    await card.getByText('You owe Ada').waitFor();
    expect(await card.getByLabel('Open balance').innerText()).toMatch(/Ada owes you\s*€20\.00\s*You owe Ada\s*£15\.00/);
    await axe('gifts and loans');
    await card.scrollIntoViewIfNeeded();
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-gifts-loans-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-gifts-loans-light');

    await card.getByRole('button', { name: /^Open; mark €20\.00/ }).click();
    await expect.poll(() => q('SELECT count(*) AS n FROM money_loans WHERE settled_on IS NOT NULL')).toEqual([{ n: 1 }]);
    await s.page.goto(`${s.host.url.split('#')[0]}#/`);
    const summary = s.page.getByRole('region', { name: 'Money lent and borrowed' });
    await summary.getByText('you owe £15.00').first().waitFor();
    expect(await summary.innerText()).not.toContain('€');
    await axe('dashboard');
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.screenshot('remember-dashboard-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await s.screenshot('remember-dashboard-light');
  });
});

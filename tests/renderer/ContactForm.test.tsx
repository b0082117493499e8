import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContactForm } from '../../renderer/src/components/ContactForm';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';
import { MAX_PHOTO_MB, MAX_PHOTO_SOURCE_BYTES, PHOTO_SOURCE_TOO_LARGE } from '../../shared/api/limits';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => kith.dispose());

const contactsInFile = () => kith.sqlite.prepare('SELECT display_name FROM contacts').pluck().all();

async function renderForm() {
  const circles = await kith.call('circles.list', {});
  const onSaved = vi.fn();
  render(<ContactForm circles={circles} onSaved={onSaved} onCancel={() => {}} />);
  return { onSaved, user: userEvent.setup() };
}

describe('the contact form', { timeout: 30_000 }, () => {
  it('refuses an empty name and a malformed email without saving anything', async () => {
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('Enter a name')).toBeVisible();
    expect(screen.getByText('This is not a valid email address')).toBeVisible();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
    expect(contactsInFile()).toEqual([]);
  });

  it('refuses a picture over the photo limit at once, naming the limit, and saves no photo', async () => {
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Big Picture');
    const big = new File([new Uint8Array(MAX_PHOTO_SOURCE_BYTES + 1)], 'camera.jpg', { type: 'image/jpeg' });
    await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, big);
    expect(await screen.findByText(PHOTO_SOURCE_TOO_LARGE)).toBeVisible();
    expect(PHOTO_SOURCE_TOO_LARGE).toContain(`${MAX_PHOTO_MB} MB`);
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(kith.sqlite.prepare('SELECT count(*) FROM contact_photos').pluck().get()).toBe(0);
  });

  it('saves name, circle and email into the SQLite file', async () => {
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Grace Hopper');
    await user.selectOptions(screen.getByLabelText('Circle'), 'Colleagues');
    await user.type(screen.getByLabelText('Email'), 'grace@navy.mil');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ displayName: 'Grace Hopper', circleId: 'circle-colleagues' });
    expect(kith.sqlite.prepare(`SELECT c.display_name, m.value FROM contacts c JOIN contact_methods m ON m.contact_id = c.id`).get()).toEqual({
      display_name: 'Grace Hopper',
      value: 'grace@navy.mil',
    });
  });
});

describe('the contact form, every field', { timeout: 30_000 }, () => {
  it('refuses 31 February with a message at the birthday, and writes nothing', async () => {
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Feb Person');
    await user.selectOptions(screen.getByLabelText('Birthday month'), 'February');
    await user.type(screen.getByLabelText('Birthday day'), '31');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('February has no day 31')).toBeVisible();
    expect(screen.getByLabelText('Birthday day')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
    expect(contactsInFile()).toEqual([]);
  });

  it('shows the server’s refusal of an unknown circle next to the circle, and writes nothing', async () => {
    const circles = [...(await kith.call('circles.list', {})), { id: 'circle-gone', name: 'Deleted meanwhile', color: '#000000', defaultCadenceDays: 5, sortOrder: 9, contactCount: 0, updatedAt: 0 }];
    const onSaved = vi.fn();
    render(<ContactForm circles={circles} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Orphan');
    await user.selectOptions(screen.getByLabelText('Circle'), 'Deleted meanwhile');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('Unknown circle')).toBeVisible();
    expect(onSaved).not.toHaveBeenCalled();
    expect(contactsInFile()).toEqual([]);
  });

  it('saves names, several emails with a chosen primary, tags, a birthday without a year, a cadence, introduced-by and notes', async () => {
    const intro = await kith.call('contacts.create', { displayName: 'Ivy Introducer' });
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    // the name filled its parts
    expect(screen.getByLabelText('Given name')).toHaveValue('Ada');
    await user.type(screen.getByLabelText('Nickname'), 'Countess');
    await user.type(screen.getByLabelText('Email'), 'ada@work.example');
    await user.type(screen.getByLabelText('Email: label'), 'work');
    await user.click(screen.getByRole('button', { name: '+ Email' }));
    await user.type(screen.getByLabelText('Email 2'), 'ada@home.example');
    await user.click(screen.getByLabelText('Email 2: primary'));
    await user.type(screen.getByLabelText('Phone'), '+44 20 7946 0000');
    await user.type(screen.getByLabelText('Tags'), 'math,poetry{Enter}');
    await user.selectOptions(screen.getByLabelText('Birthday month'), 'December');
    await user.type(screen.getByLabelText('Birthday day'), '10');
    await user.clear(screen.getByLabelText('Days between check-ins'));
    await user.type(screen.getByLabelText('Days between check-ins'), '21');
    await user.type(screen.getByRole('combobox', { name: 'Introduced by' }), 'ivy');
    await user.click(await screen.findByRole('option', { name: /Ivy Introducer/ }));
    await user.type(screen.getByLabelText('Notes'), 'Writes **poetical science**');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    const saved = await kith.call('contacts.get', { id: onSaved.mock.calls[0]![0].id });
    expect(saved).toMatchObject({
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      nickname: 'Countess',
      tags: ['math', 'poetry'],
      birthday: { month: 12, day: 10, year: null },
      cadenceDays: 21,
      introducedById: intro.id,
      notes: 'Writes **poetical science**',
    });
    expect(saved.methods.map((m) => [m.kind, m.label, m.value, m.isPrimary])).toEqual([
      ['email', 'work', 'ada@work.example', false],
      ['phone', null, '+44 20 7946 0000', true],
      ['email', null, 'ada@home.example', true],
    ]);
  });

  it('edits a contact: "never remind" stores cadence 0 and other fields stay', async () => {
    const made = await kith.call('contacts.create', { displayName: 'Ben', company: 'Acme', tags: ['x'], cadenceDays: 10 });
    const circles = await kith.call('circles.list', {});
    const onSaved = vi.fn();
    render(<ContactForm circles={circles} initial={made} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Never remind me'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(await kith.call('contacts.get', { id: made.id })).toMatchObject({ cadenceDays: 0, effectiveCadenceDays: 0, company: 'Acme', tags: ['x'] });
  });

  it('shows an imported anniversary in the form, changes it, and clears it; other dates stay', async () => {
    const file = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Wed Person', 'ANNIVERSARY:2001-06-09', 'item1.X-ABDATE:2010-01-02', 'item1.X-ABLabel:Moved in', 'END:VCARD', ''].join('\r\n');
    const preview = (await kith.call('transfer.importPreview', { source: { kind: 'upload', fileName: 'w.vcf', base64: Buffer.from(file).toString('base64') } }))!;
    await kith.call('transfer.importCommit', { sessionId: preview.sessionId });
    const id = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Wed Person'`).pluck().get() as string;
    const circles = await kith.call('circles.list', {});
    const onSaved = vi.fn();
    const { unmount } = render(<ContactForm circles={circles} initial={await kith.call('contacts.get', { id })} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    expect(screen.getByLabelText('Anniversary month')).toHaveValue('6');
    expect(screen.getByLabelText('Anniversary day')).toHaveValue(9);
    expect(screen.getByLabelText('Anniversary year (optional)')).toHaveValue(2001);
    await user.clear(screen.getByLabelText('Anniversary day'));
    await user.type(screen.getByLabelText('Anniversary day'), '10');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    const dates = () => kith.sqlite.prepare(`SELECT label, month, day, year FROM contact_dates WHERE contact_id = ? ORDER BY label`).all(id);
    expect(dates()).toEqual([
      { label: 'Anniversary', month: 6, day: 10, year: 2001 },
      { label: 'Moved in', month: 1, day: 2, year: 2010 },
    ]);
    unmount();

    const onSavedAgain = vi.fn();
    render(<ContactForm circles={circles} initial={await kith.call('contacts.get', { id })} onSaved={onSavedAgain} onCancel={() => {}} />);
    const clears = screen.getAllByRole('button', { name: 'Clear' });
    await user.click(clears[clears.length - 1]!); // the anniversary's (there is no birthday)
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSavedAgain).toHaveBeenCalledOnce());
    expect(dates()).toEqual([{ label: 'Moved in', month: 1, day: 2, year: 2010 }]);
  });
});

describe('the contact form, edited elsewhere meanwhile', { timeout: 30_000 }, () => {
  it('refuses to overwrite, shows the latest version and says what happened', async () => {
    const circles = await kith.call('circles.list', {});
    const opened = await kith.call('contacts.create', { displayName: 'Ada', company: 'Analytical' });
    const onSaved = vi.fn();
    render(<ContactForm circles={circles} initial={opened} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    // another window changes the company while this form is open
    await kith.call('contacts.update', { id: opened.id, company: 'Engines Ltd' });
    await user.clear(screen.getByLabelText('Nickname'));
    await user.type(screen.getByLabelText('Nickname'), 'Countess');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/changed elsewhere.*not saved.*latest version/);
    expect(screen.getByLabelText('Company')).toHaveValue('Engines Ltd');
    expect(onSaved).not.toHaveBeenCalled();
    expect(kith.sqlite.prepare('SELECT company, nickname FROM contacts WHERE id = ?').get(opened.id)).toEqual({ company: 'Engines Ltd', nickname: null });
    // saving again, on the latest version, works
    await user.type(screen.getByLabelText('Nickname'), 'Countess');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(kith.sqlite.prepare('SELECT company, nickname FROM contacts WHERE id = ?').get(opened.id)).toEqual({ company: 'Engines Ltd', nickname: 'Countess' });
  });
});

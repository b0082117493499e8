// Contacts → Duplicates against a real back end: the groups with their reasons, "not the same
// person", merging with a field chosen by hand, and Undo from the toast.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster } from 'sonner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuplicatesPage } from '../../renderer/src/pages/DuplicatesPage';
import { dataChanged } from '../../renderer/src/lib/refresh';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
const clock = fixedClock('2026-06-15T10:00:00Z');
beforeAll(async () => {
  kith = await startTestBackend({ clock });
  installBridge(kith);
});
afterAll(async () => kith.dispose());
beforeEach(() => kith.sqlite.exec(`DELETE FROM contacts; DELETE FROM merge_undo;`));
// each contact added a minute after the one before: the oldest is listed (and kept) first
const create: typeof kith.call<'contacts.create'> = (method, input) => {
  clock.advance(60_000);
  return kith.call(method, input);
};

const page = () =>
  render(
    <>
      <DuplicatesPage />
      <Toaster />
    </>,
  );

describe('the duplicates view', () => {
  it('says when there is nobody to merge', async () => {
    await create('contacts.create', { displayName: 'Only One' });
    page();
    expect(await screen.findByText('No possible duplicates')).toBeVisible();
  });

  it('lists each group with how sure and why, and remembers "not the same person"', async () => {
    await create('contacts.create', { displayName: 'Rachel Kim', methods: [{ kind: 'email', value: 'rachel@example.com' }] });
    await create('contacts.create', { displayName: 'R. Kim', methods: [{ kind: 'email', value: 'Rachel@Example.com' }, { kind: 'phone', value: '+1 646 555 0177' }] });
    await create('contacts.create', { displayName: 'Sofía García' });
    await create('contacts.create', { displayName: 'Garcia, Sofia' });
    const user = userEvent.setup();
    page();
    const list = await screen.findByRole('list', { name: 'Possible duplicates' });
    const groups = within(list).getAllByRole('listitem', { name: /and/ });
    expect(groups.map((g) => within(g).getByRole('heading').textContent)).toEqual(['Rachel Kim and R. Kim', 'Sofía García and Garcia, Sofia']);
    expect(within(groups[0]!).getByText('Same email: rachel@example.com')).toBeVisible();
    expect(within(groups[0]!).getByText(/Very likely · 90%/)).toBeVisible();
    expect(within(groups[1]!).getByText('Same name')).toBeVisible();
    expect(within(groups[0]!).getByText('(646) 555-0177')).toBeVisible(); // the user's format

    await user.click(within(groups[1]!).getByRole('button', { name: 'Sofía García and Garcia, Sofia are different people' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Sofía García and Garcia, Sofia' })).toBeNull());
    expect(await screen.findByText('Kept apart: Sofía García and Garcia, Sofia')).toBeVisible();
    expect((await kith.call('duplicates.list', {})).total).toBe(1);
  });

  it('merges with the fuller values chosen, lets a field be chosen by hand, and undoes from the toast', async () => {
    const first = await create('contacts.create', { displayName: 'Jane Doe', company: 'Acme', methods: [{ kind: 'email', value: 'jane@example.com' }], tags: ['Work'] });
    const second = await create('contacts.create', { displayName: 'Doe, Jane', company: 'Acme Corporation', methods: [{ kind: 'phone', value: '646-555-0100' }], tags: ['Climbing'], notes: 'Likes tea' });
    const user = userEvent.setup();
    page();
    await user.click(await screen.findByRole('button', { name: 'Merge Jane Doe and Doe, Jane' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge 2 contacts' });
    // the oldest is kept; the longer company is chosen; names differ, so there is a choice
    expect(await within(dialog).findByRole('radio', { name: /Jane Doe.*Acme/ })).toBeChecked();
    const company = within(dialog).getByRole('group', { name: 'Company' });
    expect(within(company).getByRole('radio', { name: 'Acme Corporation' })).toBeChecked();
    await user.click(within(company).getByRole('radio', { name: 'Acme' }));
    expect(within(dialog).getByText(/Kept from all of them: 2 emails, phones and addresses \(each once\), 2 tags, the notes, every interaction/)).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Merge into Jane Doe' }));

    expect(await screen.findByText('Merged 2 contacts into Jane Doe')).toBeVisible();
    const merged = await kith.call('contacts.get', { id: first.id });
    expect(merged).toMatchObject({ company: 'Acme', tags: ['Climbing', 'Work'], notes: 'Likes tea' });
    expect(merged.methods.map((m) => m.value)).toEqual(['jane@example.com', '646-555-0100']);
    await expect(kith.call('contacts.get', { id: second.id })).rejects.toMatchObject({ code: 'not_found' });

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Merge undone: Jane Doe and Doe, Jane are back as they were')).toBeVisible();
    expect((await kith.call('contacts.get', { id: second.id })).company).toBe('Acme Corporation');
    expect((await kith.call('contacts.get', { id: first.id })).methods.map((m) => m.value)).toEqual(['jane@example.com']);
    dataChanged();
    expect(await screen.findByRole('heading', { name: 'Jane Doe and Doe, Jane' })).toBeVisible();
  });
});

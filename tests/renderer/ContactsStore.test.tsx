// The contacts list's store against a real back end: a page asked for by a scroll is sent one
// macrotask later (after the frame that needed it), and a filter changed in between wins.
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_SIZE, useContacts } from '../../renderer/src/stores/contacts';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
/** the contacts.list calls the store made, with what they asked for */
let listCalls: Array<{ archived?: boolean; offset?: number }>;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
  listCalls = [];
  const bridge = window.kith!;
  const list = bridge['contacts.list'];
  bridge['contacts.list'] = (input) => {
    const asked = input as { archived?: boolean; offset?: number };
    listCalls.push({ archived: asked.archived, offset: asked.offset });
    return list(input);
  };
  useContacts.setState({ filter: { archived: false, sort: 'name' }, generation: 0 });
});
afterEach(async () => {
  await kith.dispose();
});

async function addPeople(n: number, archived = 0) {
  for (let i = 0; i < n; i++) {
    const r = await kith.dispatch('contacts.create', { displayName: `Person ${String(i).padStart(3, '0')}` });
    if (!r.ok) throw new Error(r.error.message);
    if (i < archived) await kith.dispatch('contacts.archive', { id: (r.value as { id: string }).id });
  }
}

describe('contacts store paging', () => {
  it('fetches a scrolled-to page with the filter it was asked under', async () => {
    await addPeople(PAGE_SIZE + 20);
    await act(() => useContacts.getState().load());
    listCalls = [];
    await act(async () => {
      useContacts.getState().ensureRows(PAGE_SIZE, PAGE_SIZE + 19);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(listCalls).toEqual([{ archived: false, offset: PAGE_SIZE }]);
    const { rows } = useContacts.getState();
    expect(rows.hasPage(1)).toBe(true);
  });

  it('asks nothing for a page of a list the filter replaced before the request went out', async () => {
    await addPeople(PAGE_SIZE + 20, 3);
    await act(() => useContacts.getState().load());
    listCalls = [];
    await act(async () => {
      useContacts.getState().ensureRows(PAGE_SIZE, PAGE_SIZE + 19);
      // in the same turn: the archived list replaces the active one before the page is sent
      const switched = useContacts.getState().setFilter({ archived: true });
      await switched;
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    // only the archived list's first page: no request for page 2 of either list
    expect(listCalls).toEqual([{ archived: true, offset: 0 }]);
    expect(useContacts.getState().total).toBe(3);
  });
});

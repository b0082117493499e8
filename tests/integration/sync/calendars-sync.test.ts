// Reminders ↔ VTODO and interactions ↔ VJOURNAL against real servers: two Kith back ends on one
// account and a phone (raw HTTP, a hand-written VTODO as a reminders app PUTs it). After syncing
// they agree; a to-do completed on the phone is done in Kith; an interaction logged on one Kith is
// on the other with its people; an edit on both sides is kept as a conflict for the user.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { journalKind } from '../../../electron/sync/journal-ical';
import { todoKind } from '../../../electron/sync/todo-ical';
import { startDavServer, type DavServer, type DavServerKind } from '../../helpers/davServers';
import { kithOn, type SyncedKith } from '../../helpers/syncPeers';

const ics = (lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Apple Inc.//iOS 17.4//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

describe.each<DavServerKind>(['radicale', 'xandikos'])('reminders and interactions sync on %s', (kind) => {
  let server: DavServer;
  let a: SyncedKith;
  let b: SyncedKith;
  let tasksUrl: string;
  let journalUrl: string;
  let annId: string;
  const auth = () => ({ authorization: server.authHeader });
  const phoneGet = async (href: string) => {
    const res = await fetch(href, { headers: auth() });
    expect(res.status, `GET ${href}`).toBe(200);
    return { etag: res.headers.get('etag')!, text: await res.text() };
  };
  const phonePut = async (href: string, text: string, etag?: string) => {
    const res = await fetch(href, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/calendar; charset=utf-8', ...(etag ? { 'if-match': etag } : { 'if-none-match': '*' }) }, body: text });
    await res.arrayBuffer();
    return res.status;
  };
  const reminders = (kith: SyncedKith) => kith.sqlite.prepare(`SELECT id, title, due_date, due_time, status, contact_id, recurrence_unit FROM reminders WHERE series_id IS NULL ORDER BY title`).all() as { id: string; title: string; due_date: string; due_time: string | null; status: string; contact_id: string | null; recurrence_unit: string }[];

  beforeAll(async () => {
    server = await startDavServer(kind);
    a = await kithOn(server);
    b = await kithOn(server);
    annId = (await a.call('contacts.create', { displayName: 'Ann Lee', givenName: 'Ann', familyName: 'Lee' })).id;
    await a.call('contacts.create', { displayName: 'Bob Stone' });
    await a.sync();
    await b.sync();
  }, 60_000);
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await server?.stop();
  });

  it('finds the calendar home, makes a task list and a journal, and the other Kith chooses them', async () => {
    const options = await a.call('sync.calendars.list', { accountId: a.accountId });
    expect(options.canCreate).toBe(true);
    expect(options.chosen).toEqual({ tasks: null, journal: null });
    tasksUrl = (await a.call('sync.calendars.choose', { accountId: a.accountId, kind: 'tasks', choice: { mode: 'create', name: 'Kith reminders' } })).chosen!.url;
    journalUrl = (await a.call('sync.calendars.choose', { accountId: a.accountId, kind: 'journal', choice: { mode: 'create', name: 'Kith' } })).chosen!.url;
    const seen = await b.call('sync.calendars.list', { accountId: b.accountId });
    expect(seen.tasks.map((c) => c.url)).toContain(tasksUrl);
    expect(seen.journal.map((c) => c.url)).toContain(journalUrl);
    await b.call('sync.calendars.choose', { accountId: b.accountId, kind: 'tasks', choice: { mode: 'existing', url: tasksUrl } });
    await b.call('sync.calendars.choose', { accountId: b.accountId, kind: 'journal', choice: { mode: 'existing', url: journalUrl } });
    expect((await b.call('sync.accounts.list', {}))[0]!.calendars).toEqual({ tasks: { url: tasksUrl, name: 'Kith reminders' }, journal: { url: journalUrl, name: 'Kith' } });
  });

  it('a reminder and an interaction made on Kith A reach Kith B, with the person and the fields', async () => {
    const bobId = (a.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Bob Stone'`).get() as { id: string }).id;
    await a.call('reminders.create', { title: 'Ask Ann about the move', notes: 'Boxes?', contactId: annId, dueDate: '2026-12-10', dueTime: '09:30', recurrence: { unit: 'none', interval: 1 } });
    await a.call('reminders.create', { title: 'Call Ann', contactId: annId, dueDate: '2026-12-15', dueTime: null, recurrence: { unit: 'month', interval: 1 } });
    const logged = await a.call('interactions.log', { participantIds: [annId, bobId], kind: 'call', direction: 'inbound', rating: 4, durationMinutes: 25, summary: 'Caught up about the new flat', notes: 'She moves in January', occurredAt: Date.parse('2026-11-30T18:00:00Z') });
    const [first] = await a.sync();
    expect(first).toMatchObject({ ok: true, pushed: 3, conflicts: 0, problems: 0 });
    const [received] = await b.sync();
    expect(received).toMatchObject({ ok: true, pulled: 3, pushed: 0, problems: 0 });

    expect(reminders(b)).toEqual(reminders(a));
    expect(reminders(b).map((r) => [r.title, r.contact_id, r.due_date, r.due_time, r.recurrence_unit])).toEqual([
      ['Ask Ann about the move', annId, '2026-12-10', '09:30', 'none'],
      ['Call Ann', annId, '2026-12-15', null, 'month'],
    ]);
    const onB = await b.call('interactions.get', { id: logged.id });
    expect(onB).toMatchObject({ kind: 'call', direction: 'inbound', rating: 4, durationMinutes: 25, summary: 'Caught up about the new flat', notes: 'She moves in January', occurredAt: Date.parse('2026-11-30T18:00:00Z') });
    expect(onB.participants.map((p) => p.id).sort()).toEqual([annId, bobId].sort());
    // health is B's own, rebuilt from the interaction it received
    expect((await b.call('contacts.get', { id: annId })).lastInteractionAt).toBe(Date.parse('2026-11-30T18:00:00Z'));
    // nothing changed: a second pass on either side sends and takes nothing
    expect((await a.sync())[0]).toMatchObject({ pulled: 0, pushed: 0 });
    expect((await b.sync())[0]).toMatchObject({ pulled: 0, pushed: 0 });
  });

  it('a pass reads only what changed: nothing changed on either side reads no reminder and no interaction; one edit reads that one', async () => {
    const readTodos = vi.spyOn(todoKind, 'readLocal');
    const readJournal = vi.spyOn(journalKind, 'readLocal');
    const idsRead = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.flatMap((args) => (args[1] as string[] | undefined) ?? ['(all of them)']);
    try {
      // a write that is no change to a to-do (a notification rang) marks nothing either
      a.sqlite.prepare(`UPDATE reminders SET last_notified_at = 1`).run();
      expect((await a.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 0 });
      expect((await b.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 0 });
      expect(idsRead(readTodos)).toEqual([]);
      expect(idsRead(readJournal)).toEqual([]);

      const call = reminders(a).find((r) => r.title === 'Call Ann')!;
      await a.call('reminders.update', { id: call.id, notes: 'Ask about January' });
      expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 1 });
      expect(new Set(idsRead(readTodos))).toEqual(new Set([call.id]));
      readTodos.mockClear();
      expect((await b.sync())[0]).toMatchObject({ ok: true, pulled: 1 });
      expect(new Set(idsRead(readTodos))).toEqual(new Set([call.id])); // the one the server changed (and, once written, marked)
      expect(idsRead(readJournal)).toEqual([]);
      expect((b.sqlite.prepare(`SELECT notes FROM reminders WHERE id = ?`).get(call.id) as { notes: string }).notes).toBe('Ask about January');
      // agreed on both sides: nothing is left marked
      for (const kith of [a, b]) expect(kith.sqlite.prepare(`SELECT count(*) FROM sync_item_changes`).pluck().get()).toBe(0);
    } finally {
      readTodos.mockRestore();
      readJournal.mockRestore();
    }
  });

  it('an edit in Kith goes out by a send-only pass, with no listing; a write refused with 412 falls back to the full pass, which merges: nothing is lost', async () => {
    // every request Kith's passes make (the back end is in this process and its DAV client uses the global fetch)
    const seen: { method: string; url: string; status: number; body: string }[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      seen.push({ method: init?.method ?? 'GET', url: String(input), status: res.status, body: typeof init?.body === 'string' ? init.body : '' });
      return res;
    });
    const sendOnly = async () => {
      seen.length = 0;
      spy.mockClear();
      return (await a.call('sync.now', { accountId: a.accountId, sendOnly: true }))[0]!;
    };
    const listings = () => seen.filter((r) => r.method === 'PROPFIND' || (r.method === 'REPORT' && r.body.includes('sync-collection')));
    try {
      const call = reminders(a).find((r) => r.title === 'Call Ann')!;
      const ask = reminders(a).find((r) => r.title === 'Ask Ann about the move')!;
      const interaction = (a.sqlite.prepare(`SELECT id FROM interactions`).get() as { id: string }).id;
      const todoHref = (id: string) => new URL(`${id}.ics`, tasksUrl).href;
      const entryHref = new URL(`${interaction}.ics`, journalUrl).href;

      // 1. nobody else wrote: the two edits go out as two conditional PUTs, and nothing else is asked
      await a.call('reminders.update', { id: call.id, notes: 'Bring the map' });
      await a.call('interactions.update', { id: interaction, rating: 3 });
      expect(await sendOnly()).toMatchObject({ ok: true, pushed: 2, pulled: 0, conflicts: 0 });
      expect(listings()).toEqual([]);
      expect(seen.map((r) => [r.method, r.status < 300])).toEqual([['PUT', true], ['PUT', true]]);
      expect((await phoneGet(todoHref(call.id))).text).toMatch(/DESCRIPTION:Bring the map/);
      expect((await phoneGet(entryHref)).text).toMatch(/X-KITH-RATING:3/);
      expect(a.sqlite.prepare(`SELECT count(*) FROM sync_item_changes`).pluck().get()).toBe(0);

      // 2. the phone changed the same items first (other fields): the PUTs answer 412, the full pass follows and merges
      const todo = await phoneGet(todoHref(ask.id));
      expect(await phonePut(todoHref(ask.id), todo.text.replace(/^DUE[^\r\n]*/m, 'DUE:20261211T093000'), todo.etag)).toBeLessThan(300);
      const entry = await phoneGet(entryHref);
      expect(await phonePut(entryHref, entry.text.replace(/^DESCRIPTION:[^\r\n]*/m, 'DESCRIPTION:She moves in February'), entry.etag)).toBeLessThan(300);
      await a.call('reminders.update', { id: ask.id, notes: 'Bring boxes' });
      await a.call('interactions.update', { id: interaction, durationMinutes: 40 });
      expect(await sendOnly()).toMatchObject({ ok: true, merged: 2, conflicts: 0 });
      const refused = seen.filter((r) => r.method === 'PUT' && r.status === 412).map((r) => r.url);
      expect(new Set(refused)).toEqual(new Set([todoHref(ask.id), entryHref]));
      expect(listings().length).toBeGreaterThan(0); // the fallback's change list
      // both edits on both sides, in Kith and on the server
      expect(reminders(a).find((r) => r.id === ask.id)).toMatchObject({ due_date: '2026-12-11', due_time: '09:30' });
      expect((a.sqlite.prepare(`SELECT notes FROM reminders WHERE id = ?`).get(ask.id) as { notes: string }).notes).toBe('Bring boxes');
      expect(await a.call('interactions.get', { id: interaction })).toMatchObject({ notes: 'She moves in February', durationMinutes: 40, rating: 3 });
      const todoNow = (await phoneGet(todoHref(ask.id))).text;
      expect(todoNow).toMatch(/DUE:20261211T093000/);
      expect(todoNow).toMatch(/DESCRIPTION:Bring boxes/);
      const entryNow = (await phoneGet(entryHref)).text;
      expect(entryNow).toMatch(/DESCRIPTION:She moves in February/);
      expect(entryNow).toMatch(/X-KITH-DURATION-MINUTES:40/);
      expect(a.sqlite.prepare(`SELECT count(*) FROM sync_item_changes`).pluck().get()).toBe(0);
    } finally {
      spy.mockRestore();
    }
    // and the other Kith takes all of it with its next pass
    expect((await b.sync())[0]).toMatchObject({ ok: true, conflicts: 0 });
    expect(await b.call('interactions.get', { id: (a.sqlite.prepare(`SELECT id FROM interactions`).get() as { id: string }).id })).toMatchObject({ notes: 'She moves in February', durationMinutes: 40, rating: 3 });
    expect(reminders(b)).toEqual(reminders(a));
  });

  it("a to-do made on the phone appears in Kith; one completed on the phone is done in Kith, a repeating one moves on", async () => {
    const href = new URL('phone-todo-1.ics', tasksUrl).href;
    const todo = ics(['BEGIN:VTODO', 'UID:phone-todo-1', 'DTSTAMP:20261201T080000Z', 'CREATED:20261201T080000Z', 'SUMMARY:Send Ann the photos', 'DUE;VALUE=DATE:20261205', `RELATED-TO:${annId}`, 'STATUS:NEEDS-ACTION', 'X-APPLE-SORT-ORDER:12345', 'END:VTODO']);
    expect(await phonePut(href, todo)).toBeLessThan(300);
    expect((await a.sync())[0]).toMatchObject({ ok: true, pulled: 1, problems: 0 });
    const made = reminders(a).find((r) => r.title === 'Send Ann the photos')!;
    expect(made).toMatchObject({ due_date: '2026-12-05', due_time: null, status: 'open', contact_id: annId });

    // the phone ticks off Kith's one-off reminder and the repeating one
    for (const title of ['Ask Ann about the move', 'Call Ann']) {
      const id = reminders(a).find((r) => r.title === title)!.id;
      const item = await phoneGet(new URL(`${id}.ics`, tasksUrl).href);
      const done = item.text.replace(/STATUS:NEEDS-ACTION/, 'STATUS:COMPLETED\r\nCOMPLETED:20261201T090000Z');
      expect(await phonePut(new URL(`${id}.ics`, tasksUrl).href, done, item.etag)).toBeLessThan(300);
    }
    expect((await a.sync())[0]).toMatchObject({ ok: true, pulled: 2, conflicts: 0 });
    const after = reminders(a);
    expect(after.find((r) => r.title === 'Ask Ann about the move')!.status).toBe('done');
    const series = after.find((r) => r.title === 'Call Ann')!;
    expect(series).toMatchObject({ status: 'open', due_date: '2027-01-15' }); // the next month's
    expect(a.sqlite.prepare(`SELECT status, due_date FROM reminders WHERE series_id = ?`).all(series.id)).toEqual([{ status: 'done', due_date: '2026-12-15' }]);
    // the series went back up with its next date, and the phone's own property stayed on its to-do
    const callItem = await phoneGet(new URL(`${series.id}.ics`, tasksUrl).href);
    expect(callItem.text).toMatch(/STATUS:NEEDS-ACTION/);
    expect(callItem.text).toMatch(/DUE;VALUE=DATE:20270115/);
    expect((await b.sync())[0]).toMatchObject({ ok: true, conflicts: 0 });
    expect(reminders(b).map((r) => [r.title, r.status, r.due_date])).toEqual(reminders(a).map((r) => [r.title, r.status, r.due_date]));
    // Kith's edit of the phone's to-do keeps the phone's property
    await b.call('reminders.update', { id: made.id, title: 'Send Ann the photos (prints)' });
    await b.sync();
    expect((await phoneGet(href)).text).toMatch(/X-APPLE-SORT-ORDER:12345/);
  });

  it('the same interaction edited on both Kith is kept as a conflict; the user chooses and both agree', async () => {
    const id = (a.sqlite.prepare(`SELECT id FROM interactions`).get() as { id: string }).id;
    await a.call('interactions.update', { id, summary: 'Flat talk (A)', rating: 5 });
    await b.call('interactions.update', { id, summary: 'Flat talk (B)' });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 1 });
    const [onB] = await b.sync();
    expect(onB).toMatchObject({ ok: true, conflicts: 1 });
    // neither side lost its version: B keeps its own, the server keeps A's
    expect((await b.call('interactions.get', { id })).summary).toBe('Flat talk (B)');
    const [conflict] = await b.call('sync.conflicts.list', {});
    expect(conflict).toMatchObject({ kind: 'journal', contactId: id, fields: [{ field: 'summary', local: 'Flat talk (B)', remote: 'Flat talk (A)' }] });
    await b.call('sync.conflicts.resolve', { id: conflict!.id, choices: { summary: 'local' } });
    expect((await b.sync())[0]).toMatchObject({ ok: true, conflicts: 0 });
    await a.sync();
    for (const kith of [a, b]) expect(await kith.call('interactions.get', { id })).toMatchObject({ summary: 'Flat talk (B)', rating: 5 });
    expect(await b.call('sync.conflicts.list', {})).toEqual([]);
  });

  it('a pass killed after its PUT and before its status row (the row is missing) pairs the item again: no copy, no conflict', async () => {
    const r = await a.call('reminders.create', { title: 'Book the table', contactId: annId, dueDate: '2026-12-20', dueTime: '19:00', recurrence: { unit: 'none', interval: 1 } });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 1 });
    // what a kill between the server's write and the local transaction leaves behind
    a.sqlite.prepare(`DELETE FROM sync_items WHERE kind = 'tasks' AND item_id = ?`).run(r.id);
    a.sqlite.prepare(`UPDATE sync_collections SET sync_token = NULL WHERE kind = 'tasks'`).run();
    expect((await a.sync())[0]).toMatchObject({ ok: true, conflicts: 0, problems: 0 });
    expect(a.sqlite.prepare(`SELECT count(*) AS n FROM reminders WHERE title = 'Book the table'`).get()).toEqual({ n: 1 });
    expect(a.sqlite.prepare(`SELECT count(*) AS n FROM sync_items WHERE kind = 'tasks' AND item_id = ?`).get(r.id)).toEqual({ n: 1 });
    expect((await b.sync())[0]).toMatchObject({ ok: true, conflicts: 0 });
    expect(b.sqlite.prepare(`SELECT count(*) AS n FROM reminders WHERE title = 'Book the table'`).get()).toEqual({ n: 1 });
  });

  it('a malformed to-do from the server is read leniently and reported with its href; the rest goes on', async () => {
    const href = new URL('phone-broken.ics', tasksUrl).href;
    // an unparseable DUE: the to-do is kept, due the day it was made, and the report says so
    const broken = ics(['BEGIN:VTODO', 'UID:phone-broken', 'DTSTAMP:20261201T080000Z', 'SUMMARY:Water the plants', 'DUE:not-a-date', 'END:VTODO']);
    const status = await phonePut(href, broken);
    if (status >= 300) return; // a server that validates (radicale) refuses it itself: nothing reaches Kith
    const kept = await fetch(href, { headers: auth() });
    await kept.arrayBuffer();
    if (kept.status !== 200) return; // accepted but not kept (xandikos): nothing reaches Kith either
    expect((await a.sync())[0]).toMatchObject({ ok: true, problems: 1 });
    expect(reminders(a).find((r) => r.title === 'Water the plants')).toMatchObject({ due_date: '2026-12-01' });
    const problems = (await a.call('sync.accounts.list', {}))[0]!.problems;
    expect(problems.find((p) => p.href === href)?.reason).toMatch(/read with changes/);
  });
});

// Search as you type over the FTS5 index: partial words, case and diacritics folded, exact names
// first, and the index kept in step by triggers whoever writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { refreshSearchIndex } from '../../electron/services/searchIndex';

let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

/** until app.status no longer says the search index is catching up in the background */
async function indexCaughtUp() {
  while ((await kith.call('app.status', {})).searchIndexing) await new Promise((resolve) => setTimeout(resolve, 20));
}

const names = async (query: string) => (await kith.call('contacts.search', { query })).map((h) => h.displayName);

describe('contact search', () => {
  it('finds partial words in names and inside notes, folding case and diacritics both ways', async () => {
    await kith.call('contacts.create', { displayName: 'Margaret Hamilton', notes: 'Wrote the Apollo guidance software' });
    await kith.call('contacts.create', { displayName: 'José Müller', company: 'Zürich Bank' });
    await kith.call('contacts.create', { displayName: 'Someone Else' });
    expect(await names('ham')).toEqual(['Margaret Hamilton']);
    expect(await names('HAMIL')).toEqual(['Margaret Hamilton']);
    expect(await names('guidan')).toEqual(['Margaret Hamilton']);
    expect(await names('jose')).toEqual(['José Müller']);
    expect(await names('MÜLL')).toEqual(['José Müller']);
    expect(await names('zurich')).toEqual(['José Müller']);
    expect(await names('nobody-has-this')).toEqual([]);
  });

  it('says where a contact matched, with an excerpt of the notes', async () => {
    await kith.call('contacts.create', { displayName: 'Ann', notes: 'Met her at the climbing gym in Leeds, great belayer.' });
    const [hit] = await kith.call('contacts.search', { query: 'belay' });
    expect(hit).toMatchObject({ displayName: 'Ann', matchedIn: 'notes' });
    expect(hit!.excerpt).toContain('\u0002belay\u0003');
  });

  it('searches nickname, company, emails, phones and tags', async () => {
    await kith.call('contacts.create', {
      displayName: 'Robert Tables',
      nickname: 'Bobby',
      company: 'Initech',
      methods: [
        { kind: 'email', value: 'rob@tables.example' },
        { kind: 'phone', value: '+1 (555) 123-4567' },
      ],
      tags: ['Climbing'],
    });
    for (const q of ['bobb', 'initech', 'tables.exa', '5551234', '123-45', 'climb']) expect(await names(q), q).toEqual(['Robert Tables']);
    const [byPhone] = await kith.call('contacts.search', { query: '555' });
    expect(byPhone?.matchedIn).toBe('methods');
  });

  it('ranks the exact name first, then names starting with the query, then other matches', async () => {
    await kith.call('contacts.create', { displayName: 'Ann Annotated', notes: 'ann ann ann ann' });
    await kith.call('contacts.create', { displayName: 'Joanne Smith' });
    await kith.call('contacts.create', { displayName: 'Zed', notes: 'knows Ann from school' });
    await kith.call('contacts.create', { displayName: 'Ann' });
    await kith.call('contacts.create', { displayName: 'Annabel Lee' });
    const hits = await names('ann');
    expect(hits[0]).toBe('Ann');
    expect(hits.slice(1, 3).sort()).toEqual(['Ann Annotated', 'Annabel Lee']);
    expect(hits.slice(3).sort()).toEqual(['Joanne Smith', 'Zed']);
  });

  it('matches the start of names for one or two letters', async () => {
    await kith.call('contacts.create', { displayName: 'Al Green' });
    await kith.call('contacts.create', { displayName: 'Bea Alvarez' });
    await kith.call('contacts.create', { displayName: 'Carl' });
    expect(await names('al')).toEqual(['Al Green', 'Bea Alvarez']);
    expect(await names('%')).toEqual([]);
  });

  it('matches one or two letters folded as longer queries are, names first, then later words, and follows renames, archives and deletes', async () => {
    for (const n of ['Ólafur Jónsson', 'Élodie Martin', 'Anna Łukasz', 'Łukasz Nowak', 'Zoë Smith', 'Siobhán Ó Ceallaigh', "Seán O'Brien"]) await kith.call('contacts.create', { displayName: n });
    // case and accents folded both ways, as for three letters and more (LIKE and NOCASE fold ASCII only)
    expect(await names('ó')).toEqual(['Ólafur Jónsson', "Seán O'Brien", 'Siobhán Ó Ceallaigh']);
    expect(await names('É')).toEqual(['Élodie Martin']);
    expect(await names('zö')).toEqual(['Zoë Smith']);
    // names starting with the letters first (by name), then names with a later word starting with them
    expect(await names('ł')).toEqual(['Łukasz Nowak', 'Anna Łukasz']);
    expect(await names('jo')).toEqual(['Ólafur Jónsson']);
    // punctuation left out, as "oneill" finds O'Neill
    expect(await names('ob')).toEqual(["Seán O'Brien"]);
    const zoe = (await kith.call('contacts.search', { query: 'zo' }))[0]!;
    await kith.call('contacts.update', { id: zoe.id, displayName: 'Zuzana Smith' });
    expect(await names('zo')).toEqual([]);
    expect(await names('zu')).toEqual(['Zuzana Smith']);
    await kith.call('contacts.archive', { id: zoe.id });
    expect(await names('zu')).toEqual([]);
    expect((await kith.call('contacts.search', { query: 'zu', includeArchived: true })).map((h) => h.displayName)).toEqual(['Zuzana Smith']);
    kith.sqlite.prepare(`DELETE FROM contacts WHERE id = ?`).run(zoe.id);
    expect((await kith.call('contacts.search', { query: 'zu', includeArchived: true })).map((h) => h.displayName)).toEqual([]);
    expect(kith.sqlite.prepare(`SELECT count(*) FROM search_name_prefixes p JOIN search_keys k ON k.key = p.key WHERE k.contact_id = ?`).pluck().get(zoe.id)).toBe(0);
  });

  it('treats FTS syntax in the query as plain text', async () => {
    await kith.call('contacts.create', { displayName: 'O"Brien AND NOT' });
    await expect(names('"bri')).resolves.toEqual(['O"Brien AND NOT']);
    await expect(names('NOT*')).resolves.toEqual([]);
    await expect(names('AND NOT')).resolves.toEqual(['O"Brien AND NOT']);
  });

  it('stays in step with every writer: updates, methods, tag renames, raw SQL and deletes', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Old Name', tags: ['sailing'] });
    await kith.call('contacts.update', { id: c.id, displayName: 'Newname Person', methods: [{ kind: 'email', value: 'fresh@mail.example' }] });
    expect(await names('old name')).toEqual([]);
    expect(await names('newna')).toEqual(['Newname Person']);
    expect(await names('fresh@')).toEqual(['Newname Person']);
    const tag = (await kith.call('tags.list', {})).find((t) => t.name === 'sailing')!;
    await kith.call('tags.rename', { id: tag.id, name: 'yachting' });
    expect(await names('sailing')).toEqual([]);
    expect(await names('yacht')).toEqual(['Newname Person']);
    // a writer that knows nothing of the index, as an import or a restore might be
    kith.sqlite.prepare(`UPDATE contacts SET notes = 'plays the theremin' WHERE id = ?`).run(c.id);
    kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('raw', 'Raw Insert', 0, 0)`).run();
    expect(await names('theremi')).toEqual(['Newname Person']);
    expect(await names('raw ins')).toEqual(['Raw Insert']);
    await kith.call('tags.delete', { id: tag.id });
    expect(await names('yacht')).toEqual([]);
    kith.sqlite.prepare(`DELETE FROM contacts WHERE id = 'raw'`).run();
    expect(await names('raw ins')).toEqual([]);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(1);
  });

  it('keys the index by a stable integer, so VACUUM (which may renumber contacts) leaves it right', async () => {
    for (const n of ['Alpha One', 'Bravo Two', 'Charlie Three']) await kith.call('contacts.create', { displayName: n, notes: `${n.split(' ')[1]} notes` });
    await kith.call('contacts.search', { query: 'one' });
    kith.sqlite.prepare(`DELETE FROM contacts WHERE display_name = 'Alpha One'`).run();
    kith.sqlite.exec('VACUUM');
    expect(await names('three')).toEqual(['Charlie Three']);
    expect(await names('two not')).toEqual(['Bravo Two']);
  });

  it('indexes a bulk write once, at the next search', async () => {
    const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`);
    const method = kith.sqlite.prepare(`INSERT INTO contact_methods (id, contact_id, kind, value, value_normalized) VALUES (?, ?, 'email', ?, ?)`);
    kith.sqlite.transaction(() => {
      for (let i = 0; i < 500; i++) {
        insert.run(`c${i}`, `Imported ${i}`);
        method.run(`m${i}`, `c${i}`, `imp${i}@bulk.example`, `imp${i}@bulk.example`);
      }
    })();
    expect(kith.sqlite.prepare('SELECT count(DISTINCT contact_id) FROM search_dirty').pluck().get()).toBe(500);
    expect(await names('imp42@')).toEqual(['Imported 42']);
    expect(kith.sqlite.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(500);
  });

  it('re-indexes a large change in slices: other calls answer while the first search catches up', async () => {
    // 400 people with 20 interactions each: re-indexing all their text at once held the one
    // connection for seconds on a large file (0018 marks every contact after an upgrade)
    const person = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`);
    const talk = kith.sqlite.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, summary, notes, created_at, updated_at) VALUES (?, ?, 'call', 'mutual', ?, ?, 0, 0)`);
    const part = kith.sqlite.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction) VALUES (?, ?, ?, 'call', 'mutual')`);
    kith.sqlite.transaction(() => {
      for (let c = 0; c < 400; c++) {
        person.run(`p${c}`, `Person ${c}`);
        for (let i = 0; i < 20; i++) {
          talk.run(`i${c}-${i}`, i * 86_400_000, `Talked about topic ${c}-${i}`, `Longer notes for ${c}, ${i}: `.repeat(8));
          part.run(`i${c}-${i}`, `p${c}`, i * 86_400_000);
        }
      }
    })();
    const order: string[] = [];
    const search = kith.call('contacts.search', { query: 'topic 399-19' }).then((hits) => (order.push('search'), hits));
    // issued after the search, answered before it finished: the search yields between slices
    const list = kith.call('circles.list', {}).then(() => order.push('circles'));
    const [hits] = await Promise.all([search, list]);
    expect(order).toEqual(['circles', 'search']);
    expect(hits.map((h) => h.displayName)).toEqual(['Person 399']);
    await indexCaughtUp();
    expect(kith.sqlite.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
  });

  it('answers at once however large the backlog, the newest change first; the rest is indexed in the background while the banner says so', async () => {
    // a fresh upgrade of 100,000 people marks them all: the first search waited for the whole
    // index, minutes, and the app's search box looked dead. 2,000 people with 20 interactions each
    // take ~0.7 s to index in one pass here, several times what a search waits
    kith.sqlite.exec(`WITH RECURSIVE n(c) AS (SELECT 0 UNION ALL SELECT c + 1 FROM n WHERE c < 1999)
      INSERT INTO contacts (id, display_name, created_at, updated_at) SELECT 'p' || c, 'Person ' || c, 0, 0 FROM n`);
    kith.sqlite.exec(`WITH RECURSIVE n(c) AS (SELECT 0 UNION ALL SELECT c + 1 FROM n WHERE c < 1999), k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 19)
      INSERT INTO interactions (id, occurred_at, kind, direction, summary, notes, created_at, updated_at)
      SELECT 'i' || c || '-' || i, i * 86400000, 'call', 'mutual', 'Talked about topic ' || c || '-' || i, 'Longer notes for ' || c || ', ' || i || ': ' || replace(printf('%.8c', '_'), '_', 'and more '), 0, 0 FROM n, k`);
    kith.sqlite.exec(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction)
      SELECT id, 'p' || substr(id, 2, instr(id, '-') - 2), occurred_at, 'call', 'mutual' FROM interactions`);
    // the oldest marked person is edited last: newest first, it is indexed in the search's own slices
    const p0 = await kith.call('contacts.get', { id: 'p0' });
    await kith.call('contacts.update', { id: 'p0', updatedAt: p0.updatedAt, displayName: 'Zebediah Quux' });
    expect(await names('Zebediah')).toEqual(['Zebediah Quux']);
    // it answered before the backlog was done, and says a search may miss some for now
    expect(kith.sqlite.prepare('SELECT count(DISTINCT contact_id) FROM search_dirty').pluck().get()).toBeGreaterThan(100);
    expect((await kith.call('app.status', {})).searchIndexing).toBe(true);
    // the background catch-up gets through the rest by itself, and the note goes
    await indexCaughtUp();
    expect(kith.sqlite.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
    expect((await kith.call('app.status', {})).searchIndexing).toBe(false);
    expect((await names('Person 1234'))[0]).toBe('Person 1234');
  });

  it('a slice clears its own contacts’ marks through an index, however many others are still waiting', async () => {
    // after an import every write left a mark: dozens per contact, millions at 100,000 contacts.
    // A slice that scanned them all (over 100 ms on huge) shrank to one contact per slice, and the
    // first search after the import ran for hours
    kith.sqlite.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO search_dirty SELECT 'waiting-' || (i % 1000) FROM n`);
    const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`);
    for (let i = 0; i < 3; i++) insert.run(`s${i}`, `Sliced ${i}`);
    expect(refreshSearchIndex(kith.sqlite, 5)).toBe(true);
    const plan = kith.sqlite.prepare(`EXPLAIN QUERY PLAN DELETE FROM search_dirty WHERE contact_id IN (SELECT contact_id FROM temp.search_batch)`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/SEARCH search_dirty USING (COVERING )?INDEX search_dirty_contact/);
    // and the slices still get through all of them
    while (refreshSearchIndex(kith.sqlite, 200));
    expect(kith.sqlite.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
    expect((await names('Sliced 2'))[0]).toBe('Sliced 2');
  });

  it('a re-index limited to a batch leaves the rest marked, and says some are still waiting', async () => {
    const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`);
    kith.sqlite.transaction(() => {
      for (let i = 0; i < 30; i++) insert.run(`b${i}`, `Batch ${i}`);
    })();
    expect(refreshSearchIndex(kith.sqlite, 20)).toBe(true);
    expect(kith.sqlite.prepare('SELECT count(DISTINCT contact_id) FROM search_dirty').pluck().get()).toBe(10);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(20);
    expect(refreshSearchIndex(kith.sqlite, 20)).toBe(false);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(30);
  });
});

describe('search reaches everything written about a person (issue 15)', () => {
  it('finds how we met, interaction summaries and notes, and says which field with the match marked', async () => {
    const met = await kith.call('contacts.create', { displayName: 'Priya Raman', howMet: 'Sat next to her on the sleeper train to Inverness' });
    const talked = await kith.call('contacts.create', { displayName: 'Tomas Berg' });
    const other = await kith.call('contacts.create', { displayName: 'Someone Else' });
    await kith.call('interactions.log', { kind: 'call', participantIds: [talked.id], summary: 'Planned the Kilimanjaro climb' });
    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [talked.id, other.id], summary: 'Dinner', notes: 'Talked about her new pottery studio' });

    const [byHowMet] = await kith.call('contacts.search', { query: 'inverness' });
    expect(byHowMet).toMatchObject({ id: met.id, matchedIn: 'howMet' });
    expect(byHowMet!.excerpt).toContain('\u0002Inverness\u0003');

    const [bySummary] = await kith.call('contacts.search', { query: 'kilimanj' });
    expect(bySummary).toMatchObject({ id: talked.id, matchedIn: 'interactions', excerpt: 'Planned the \u0002Kilimanj\u0003aro climb' });
    expect((await kith.call('contacts.search', { query: 'pottery' })).map((h) => h.id).sort()).toEqual([talked.id, other.id].sort());

    // editing and deleting interactions keeps the index in step, for every participant
    await kith.call('interactions.update', { id: dinner.id, notes: 'Talked about ceramics' });
    expect(await kith.call('contacts.search', { query: 'pottery' })).toEqual([]);
    expect((await kith.call('contacts.search', { query: 'ceramics' })).map((h) => h.matchedIn)).toEqual(['interactions', 'interactions']);
    await kith.call('interactions.delete', { id: dinner.id });
    expect(await kith.call('contacts.search', { query: 'ceramics' })).toEqual([]);
    await kith.call('contacts.update', { id: met.id, howMet: 'Climbing gym' });
    expect(await kith.call('contacts.search', { query: 'inverness' })).toEqual([]);
  });

  it('marks the match in company, emails and tags too', async () => {
    await kith.call('contacts.create', { displayName: 'Robert Tables', company: 'Initech', methods: [{ kind: 'email', value: 'rob@tables.example' }], tags: ['Climbing'] });
    expect((await kith.call('contacts.search', { query: 'inite' }))[0]).toMatchObject({ matchedIn: 'company', excerpt: '\u0002Inite\u0003ch' });
    expect((await kith.call('contacts.search', { query: 'tables.ex' }))[0]).toMatchObject({ matchedIn: 'methods', excerpt: 'rob@\u0002tables.ex\u0003ample' });
    expect((await kith.call('contacts.search', { query: 'climb' }))[0]).toMatchObject({ matchedIn: 'tags', excerpt: '\u0002Climb\u0003ing' });
  });

  it('tolerates one typo in a name, after the exact matches, and never two', async () => {
    await kith.call('contacts.create', { displayName: 'Anna Schmidt' });
    await kith.call('contacts.create', { displayName: 'Katherine Johnson' });
    await kith.call('contacts.create', { displayName: 'Hanna Anand' });
    const anan = await kith.call('contacts.search', { query: 'Anan' });
    // "Anand" holds "anan" as typed, so it comes first; Anna is one swap away
    expect(anan.map((h) => [h.displayName, h.typo])).toEqual([['Hanna Anand', false], ['Anna Schmidt', true]]);
    expect(await names('kahterine')).toEqual(['Katherine Johnson']);
    expect(await names('katerine jonson')).toEqual(['Katherine Johnson']);
    expect(await names('schmdit')).toEqual(['Anna Schmidt']);
    expect(await names('kahtreine')).toEqual([]);
    expect(await names('ana')).toEqual(['Hanna Anand']); // three letters: too short for a typo
  });

  it('ignores punctuation and accents in names: "oneill" finds O\'Neill', async () => {
    await kith.call('contacts.create', { displayName: "Siobhán O'Neill" });
    await kith.call('contacts.create', { displayName: 'Jean-Luc Picard' });
    expect(await names('oneill')).toEqual(["Siobhán O'Neill"]);
    expect(await names("o'neill")).toEqual(["Siobhán O'Neill"]);
    expect(await names('siobhan oneil')).toEqual(["Siobhán O'Neill"]);
    expect(await names('jeanluc')).toEqual(['Jean-Luc Picard']);
    expect((await kith.call('contacts.search', { query: 'oneill' }))[0]?.matchedIn).toBe('name');
  });

  it('pages past the first results with offset, in the same order', async () => {
    for (let i = 0; i < 25; i++) await kith.call('contacts.create', { displayName: `Walker ${String(i).padStart(2, '0')}` });
    const all = (await kith.call('contacts.search', { query: 'walker', limit: 25 })).map((h) => h.displayName);
    const pages = [];
    for (let offset = 0; offset < 25; offset += 10) pages.push(...(await kith.call('contacts.search', { query: 'walker', limit: 10, offset })).map((h) => h.displayName));
    expect(all).toHaveLength(25);
    expect(pages).toEqual(all);
    expect(await kith.call('contacts.search', { query: 'walker', limit: 10, offset: 30 })).toEqual([]);
    expect(await kith.dispatch('contacts.search', { query: 'walker', offset: 5000 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps one mark per contact waiting for the index, its newest: a slice deletes one row per contact, not one per write', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Often Edited' });
    const b = await kith.call('contacts.create', { displayName: 'Edited Once' });
    let version = a.updatedAt;
    for (let i = 0; i < 20; i++) version = (await kith.call('contacts.update', { id: a.id, updatedAt: version, notes: `revision ${i}` })).updatedAt;
    await kith.call('interactions.log', { participantIds: [b.id], kind: 'call', summary: 'a call' });
    const marks = kith.sqlite.prepare('SELECT contact_id FROM search_dirty ORDER BY rowid').pluck().all();
    expect(marks).toEqual([a.id, b.id]);
    expect(await names('revision 19')).toEqual(['Often Edited']);
  });
});

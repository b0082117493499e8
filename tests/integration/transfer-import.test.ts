// Importing vCard and CSV files through the API into a real SQLite file: exactly what lands in the
// database and exactly what is reported for the records that could not be read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { contactsByName, importFile, methodsOf, previewFile } from '../helpers/transfer';
import { ApiError } from '../../shared/api/errors';

const PNG_PREFIX = 'data:image/png;base64,iVBORw0KGgo';
let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend({ clock: fixedClock('2026-03-01T10:00:00Z', 'Europe/London') })));
afterEach(async () => kith.dispose());

describe('vCard import', () => {
  it('reads a vCard 3.0 file as Apple writes it: labels, folded lines, escapes, a photo, a birthday without year', async () => {
    const { preview, summary } = await importFile(kith, 'vcard3-apple.vcf');
    expect(preview.format).toBe('vcard');
    expect(preview.total).toBe(2);
    expect(summary).toMatchObject({ added: 2, merged: 0, skipped: 0, failed: [], warnings: [] });
    const [ada, charles] = await contactsByName(kith);
    expect(ada).toMatchObject({
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      nickname: 'Countess',
      company: 'Analytical Engines Ltd.',
      title: 'Mathematician, first programmer',
      birthday: { month: 12, day: 10, year: null },
      notes: "Met at Babbage's salon; talked about the engine.\nSecond line, with a comma.",
      tags: ['Friends, old', 'Mathematics'],
      dates: [{ label: 'Anniversary', month: 7, day: 8, year: 1835 }],
    });
    expect(methodsOf(ada!)).toEqual([
      ['email', 'Other', 'ada@example.org', true],
      ['email', 'Work', 'ada.lovelace@engines.example', false],
      ['phone', 'Mobile', '+44 20 7946 0001', true],
      ['phone', 'Lab, desk', '020 7946 0002', false],
      ['address', 'Home', "12 St James's Square, Flat 3, London, SW1Y 4JH, United Kingdom", true],
      ['website', 'HomePage', 'https://ada.example.org', true],
    ]);
    expect(ada!.photo).toMatch(new RegExp(`^${PNG_PREFIX}`));
    expect(charles!.notes).toBe('A long note that is folded across several physical lines because vCard lines should not be longer than seventy-five octets; the parser must join them without adding or losing a space.');
  });

  it('reads vCard 4.0 with a BOM and LF endings: data-URI photo, anniversary, PREF, tel: URIs, and keeps the UID as the id', async () => {
    const { summary } = await importFile(kith, 'vcard4.vcf');
    expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
    const [grace, kathleen] = await contactsByName(kith);
    expect(grace).toMatchObject({
      id: '6f1c2d54-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
      displayName: 'Grace Hopper',
      birthday: { month: 12, day: 9, year: 1906 },
      dates: [{ label: 'Anniversary', month: 6, day: 15, year: 1930 }],
      notes: 'Compilers, bugs; and nanoseconds.',
      tags: ['COBOL', 'Navy'],
    });
    expect(methodsOf(grace!)).toEqual([
      ['email', 'Work', 'grace@navy.example', true],
      ['email', 'Home', 'amazing.grace@example.com', false],
      ['phone', 'Mobile', '+1-202-555-0143', true],
      ['address', 'Work', 'Navy Yard, Arlington, VA, 22202, USA', true],
      ['website', null, 'https://grace.example', true],
    ]);
    expect(grace!.photo).toMatch(new RegExp(`^${PNG_PREFIX}`));
    expect(kathleen).toMatchObject({ displayName: 'Kathleen Booth', birthday: { month: 2, day: 9, year: null } });
  });

  it('reads vCard 2.1 from an old phone: quoted-printable, UTF-8 and Latin-1 charsets, bare types, CR line endings', async () => {
    const { summary } = await importFile(kith, 'vcard21.vcf');
    expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
    const [jose, juergen] = await contactsByName(kith);
    expect(jose).toMatchObject({ displayName: 'José García', givenName: 'José', familyName: 'García', company: 'Café Ltd' });
    expect(methodsOf(jose!)).toEqual([['phone', 'Work', '+34 91 123 45 67', true]]);
    expect(jose!.photo).toMatch(new RegExp(`^${PNG_PREFIX}`));
    expect(juergen).toMatchObject({
      displayName: 'Jürgen Müller',
      givenName: 'Jürgen',
      familyName: 'Müller',
      notes: 'Erste Zeile\nZweite Zeile, mit Komma; und Semikolon und ein sehr langer Text',
    });
    expect(methodsOf(juergen!)).toEqual([
      ['phone', 'Mobile', '+49 170 1234567', true],
      ['phone', 'Home', '030 1234567', false],
      ['email', null, 'juergen@example.de', true],
      ['address', 'Home', 'Hauptstraße 5, Berlin, 10115, Deutschland', true],
    ]);
  });

  it('reads every card it can: a card without END:VCARD (before the next or at the end of the file) is read with a warning, and only a card with nothing to call the person fails', async () => {
    const { preview, summary } = await importFile(kith, 'vcard-broken.vcf');
    const failed = [{ record: 6, line: 27, reason: 'card has no name, organisation or email' }];
    const warnings = [
      { record: 2, line: 6, reason: 'card has no END:VCARD before the next card begins; what it holds was read' },
      { record: 3, line: 14, reason: 'photo is not valid base64; the contact was imported without it' },
      { record: 5, line: 25, reason: 'email "not-an-email" is not a valid address; it was kept in the notes' },
      { record: 7, line: 31, reason: 'card has no END:VCARD (the file ends inside it); what it holds was read' },
    ];
    expect(preview.failed).toEqual(failed);
    expect(preview.warnings).toEqual(warnings);
    expect(summary).toEqual({ added: 6, merged: 0, skipped: 0, failed, warnings, restored: null });
    const names = (await contactsByName(kith)).map((c) => [c.displayName, c.photo, c.methods.map((m) => m.value), c.notes]);
    expect(names).toEqual([
      ['Bad Photo', null, ['badphoto@example.com'], ''],
      ['Cut Off', null, ['cutoff@example.com'], ''],
      ['Good One', null, ['one@example.com'], ''],
      ['Good Two', null, ['+1 555 0102'], 'Email (not a valid address): not-an-email'],
      ['Never Ended', null, ['never@example.com'], ''],
      // an unknown CHARSET does not matter for plain ASCII
      ['Worf', null, [], ''],
    ]);
  });

  it('leaves out a photo over 2 MB that cannot be scaled down, with a warning naming the limit, and keeps the contact', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64');
    const card = `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Huge Photo\r\nPHOTO:data:image/jpeg;base64,${big}\r\nEND:VCARD\r\n`;
    const { summary } = await importFile(kith, 'big-photo.vcf', card);
    expect(summary).toMatchObject({ added: 1, failed: [], warnings: [{ record: 1, line: 4, reason: 'The photo is larger than 2 MB, the most Kith keeps for a person, and it is not an image Kith can scale down; the contact was imported without it' }] });
    expect(kith.sqlite.prepare('SELECT count(*) FROM contact_photos').pluck().get()).toBe(0);
  });

  it('refuses a preview without a file, and writes nothing', async () => {
    const err = await kith.call('transfer.importPreview', {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.field).toBe('source');
    const empty = await kith.call('transfer.importPreview', { source: { kind: 'upload', fileName: 'x.vcf', base64: '' } }).catch((e) => e);
    expect(empty.message).toBe('x.vcf is empty');
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  });
});

describe('CSV import', () => {
  it('recognises Google Contacts (current) with its BOM, " ::: " values and labels', async () => {
    const { preview, summary } = await importFile(kith, 'google.csv');
    expect(preview.format).toBe('google');
    expect(preview.csv).toBeNull();
    expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
    const [alan, joan] = await contactsByName(kith);
    expect(alan).toMatchObject({
      displayName: 'Alan Mathison Turing',
      givenName: 'Alan',
      familyName: 'Turing',
      nickname: 'Prof',
      company: 'Bletchley Park',
      title: 'Cryptanalyst',
      birthday: { month: 6, day: 23, year: 1912 },
      notes: 'Enigma; Bombe, and the "imitation game"',
      tags: ['Colleagues'],
      dates: [{ label: 'Anniversary', month: 6, day: 7, year: null }],
    });
    expect(methodsOf(alan!)).toEqual([
      ['email', 'Work', 'alan@bletchley.example', true],
      ['email', 'Work', 'turing@example.org', false],
      ['email', 'Home', 'alan.home@example.org', false],
      ['phone', 'Mobile', '+44 7700 900123', true],
      ['phone', 'Mobile', '+44 7700 900124', false],
      ['address', 'Home', 'Sherborne, Dorset, UK', true],
      ['website', 'Profile', 'https://turing.example', true],
    ]);
    expect(joan).toMatchObject({ displayName: 'Joan Clarke', birthday: { month: 6, day: 24, year: null }, tags: [] });
  });

  it('recognises the legacy Google header', async () => {
    const { preview, summary } = await importFile(kith, 'google-legacy.csv');
    expect(preview.format).toBe('google-legacy');
    expect(summary.added).toBe(1);
    const [hedy] = await contactsByName(kith);
    expect(hedy).toMatchObject({ displayName: 'Hedy Lamarr', company: 'MGM', title: 'Actress and inventor', birthday: { month: 11, day: 9, year: 1914 }, notes: 'Frequency hopping', tags: ['Inventors'] });
    expect(methodsOf(hedy!)).toEqual([
      ['email', 'Home', 'hedy@example.com', true],
      ['email', 'Home', 'hedy@studio.example', false],
      ['phone', 'Mobile', '+1 310 555 0199', true],
    ]);
  });

  it('finds the LinkedIn header after the notes and reads "12 Mar 2024" dates', async () => {
    const { preview, summary } = await importFile(kith, 'linkedin.csv');
    expect(preview.format).toBe('linkedin');
    expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
    const [linus, margaret] = await contactsByName(kith);
    expect(margaret).toMatchObject({ displayName: 'Margaret Hamilton', company: 'MIT Instrumentation Lab', title: 'Director of Software Engineering', howMet: 'Connected on LinkedIn on 2024-03-12' });
    expect(methodsOf(margaret!)).toEqual([
      ['email', null, 'margaret@mit.example', true],
      ['social', 'LinkedIn', 'https://www.linkedin.com/in/margaret-hamilton', true],
    ]);
    expect(linus).toMatchObject({ howMet: 'Connected on LinkedIn on 2023-02-01' });
  });

  it('recognises Outlook: phones by kind, addresses from parts, US dates, blank 0/0/00 dates, categories', async () => {
    const { preview, summary } = await importFile(kith, 'outlook.csv');
    expect(preview.format).toBe('outlook');
    expect(summary).toMatchObject({ added: 1, failed: [], warnings: [] });
    const [tim] = await contactsByName(kith);
    expect(tim).toMatchObject({ displayName: 'Tim Berners-Lee', company: 'W3C', title: 'Director', birthday: { month: 7, day: 8, year: 1955 }, notes: 'Invented the Web', tags: ['Standards', 'Web'], dates: [] });
    expect(methodsOf(tim!)).toEqual([
      ['email', null, 'tim@w3.example', true],
      ['phone', 'Mobile', '+44 7700 900555', true],
      ['phone', 'Work', '+44 1865 000000', false],
      ['address', 'Work', 'Kings Place, London, N1 9AG, UK', true],
      ['website', null, 'https://www.w3.example', true],
    ]);
  });

  it('shows an unknown CSV with a suggested mapping and its first rows; the chosen mapping is what gets imported; a ragged row is kept with a warning', async () => {
    const preview = await previewFile(kith, 'generic.csv');
    expect(preview.format).toBe('generic');
    expect(preview.csv!.headers).toEqual(['Full name', 'E-mail', 'Mobile', 'Employer', 'Remarks', 'Tags']);
    expect(preview.csv!.mapping).toEqual(['displayName', 'email', 'phone', 'company', 'notes', 'tags']);
    expect(preview.csv!.rows[0]).toEqual(['Radia Perlman', 'radia@example.com', '+1 555 0111', 'Dell EMC', 'Spanning tree', 'networking;protocols']);
    expect(preview.failed).toEqual([]);
    expect(preview.warnings).toEqual([{ record: 3, line: 4, reason: 'row has 7 fields but the header has 6; the 1 without a column are listed as left out' }]);
    expect(preview.leftOut).toEqual([{ record: 3, line: 4, field: 'column 7 (no header)', value: 'here' }]);

    // the user decides "Remarks" is not notes but how they met, and ignores the tags
    const remapped = await kith.call('transfer.importPreview', { sessionId: preview.sessionId, mapping: ['displayName', 'email', 'phone', 'company', 'howMet', 'ignore'] });
    expect(remapped!.csv!.mapping).toEqual(['displayName', 'email', 'phone', 'company', 'howMet', 'ignore']);
    const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId });
    expect(summary).toMatchObject({ added: 4, failed: [] });
    const contacts = await contactsByName(kith);
    expect(contacts.map((c) => [c.displayName, c.company, c.howMet, c.notes, c.tags])).toEqual([
      ['Barbara Liskov', 'MIT', 'Substitution principle', '', []],
      ['Frances Allen', 'IBM', 'Compilers', '', []],
      ['Radia Perlman', 'Dell EMC', 'Spanning tree', '', []],
      ['Too Many', 'Somewhere', 'extra', '', []],
    ]);
  });

  it('refuses a mapping that does not fit the columns', async () => {
    const preview = await previewFile(kith, 'generic.csv');
    const err = await kith.call('transfer.importPreview', { sessionId: preview.sessionId, mapping: ['displayName'] }).catch((e) => e);
    expect(err.field).toBe('mapping');
  });
});

describe('duplicates', () => {
  const card = (fn: string, lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${fn}`, ...lines, 'END:VCARD'].join('\r\n') + '\r\n';

  beforeEach(async () => {
    await kith.call('contacts.create', {
      displayName: 'Ada Lovelace',
      company: null,
      notes: 'Knows Babbage.',
      tags: ['Friends'],
      methods: [
        { kind: 'email', value: 'ADA@example.org', label: 'Home' },
        { kind: 'phone', value: '+44 (20) 7946-0001', label: 'Mobile' },
      ],
    });
    await kith.call('contacts.create', { displayName: 'Charles Babbage', methods: [{ kind: 'phone', value: '0044 20 7946 0100' }] });
    await kith.call('contacts.create', { displayName: 'Mary Somerville' });
  });

  it('finds a match by email, by normalised phone and by exact full name', async () => {
    const file =
      card('A. Lovelace', ['EMAIL:ada@EXAMPLE.org']) + card('Charlie', ['TEL:+44 20 7946 0100']) + card('mary  somerville', []) + card('Someone New', ['EMAIL:new@example.org']);
    const preview = await previewFile(kith, 'd.vcf', file);
    expect(preview.newCount).toBe(1);
    expect(preview.duplicates.map((d) => [d.record, d.existing!.displayName, d.matchedBy])).toEqual([
      [1, 'Ada Lovelace', 'email'],
      [2, 'Charles Babbage', 'phone'],
      [3, 'Mary Somerville', 'name'],
    ]);
  });

  it('a merge keeps every method, tag and note of both, and fills empty fields', async () => {
    const file = card('Ada King', ['EMAIL:ada@example.org', 'EMAIL:countess@example.org', 'TEL:+44 20 7946 0001', 'ORG:Engines', 'NOTE:Wrote the first program.', 'CATEGORIES:Mathematics']);
    const { summary } = await importFile(kith, 'm.vcf', file, { defaultAction: 'merge' });
    expect(summary).toMatchObject({ added: 0, merged: 1, skipped: 0 });
    const ada = (await contactsByName(kith)).find((c) => c.displayName === 'Ada Lovelace')!;
    expect(ada.company).toBe('Engines');
    expect(ada.notes).toBe('Knows Babbage.\n\nWrote the first program.');
    expect(ada.tags).toEqual(['Friends', 'Mathematics']);
    expect(methodsOf(ada)).toEqual([
      ['email', 'Home', 'ADA@example.org', true],
      ['phone', 'Mobile', '+44 (20) 7946-0001', true],
      ['email', null, 'countess@example.org', false],
    ]);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(3);
  });

  it('keep both, skip, and a choice per record over the choice for all', async () => {
    const file = card('Ada Lovelace', ['NOTE:second Ada']) + card('Charles Babbage', []) + card('Mary Somerville', ['NOTE:merged']);
    const { summary } = await importFile(kith, 'k.vcf', file, { defaultAction: 'skip', nameOnlyAction: 'skip', actions: { '1': 'keepBoth', '3': 'merge' } });
    expect(summary).toMatchObject({ added: 1, merged: 1, skipped: 1 });
    const names = (await contactsByName(kith)).map((c) => `${c.displayName}: ${c.notes}`).sort();
    expect(names).toEqual(['Ada Lovelace: Knows Babbage.', 'Ada Lovelace: second Ada', 'Charles Babbage: ', 'Mary Somerville: merged']);
  });
});

describe('a match by name alone', () => {
  const card = (fn: string, lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${fn}`, ...lines, 'END:VCARD'].join('\r\n') + '\r\n';
  // two people can share a name: the file's two Anas and the Mary already in Kith are three people
  const file = card('Ana Souza', ['NOTE:from Lisbon']) + card('Ana Souza', ['NOTE:from Porto']) + card('Mary Somerville', ['NOTE:the astronomer']) + card('Ada L.', ['EMAIL:ada@example.org']);
  beforeEach(async () => {
    await kith.call('contacts.create', { displayName: 'Mary Somerville', notes: 'the one I know' });
    await kith.call('contacts.create', { displayName: 'Ada Lovelace', methods: [{ kind: 'email', value: 'ADA@example.org' }] });
  });

  it('is offered as a possible duplicate but kept as a separate person by default, while an email match is merged', async () => {
    const { preview, summary } = await importFile(kith, 'names.vcf', file);
    expect(preview.duplicates.map((d) => [d.record, d.matchedBy, d.inFile?.record ?? null])).toEqual([
      [2, 'name', 1],
      [3, 'name', null],
      [4, 'email', null],
    ]);
    expect(summary).toMatchObject({ added: 3, merged: 1, skipped: 0, failed: [], warnings: [] });
    const names = (await contactsByName(kith)).map((c) => `${c.displayName}: ${c.notes}`).sort();
    expect(names).toEqual(['Ada Lovelace: ', 'Ana Souza: from Lisbon', 'Ana Souza: from Porto', 'Mary Somerville: the astronomer', 'Mary Somerville: the one I know']);
  });

  it('is merged when the user chooses that, for all of them or for one', async () => {
    const all = await importFile(kith, 'names.vcf', file, { nameOnlyAction: 'merge' });
    expect(all.summary).toMatchObject({ added: 1, merged: 3 });
    expect((await contactsByName(kith)).map((c) => `${c.displayName}: ${c.notes}`)).toEqual(['Ada Lovelace: ', 'Ana Souza: from Lisbon\n\nfrom Porto', 'Mary Somerville: the one I know\n\nthe astronomer']);
  });

  it('a choice for one record wins over the choice for name matches', async () => {
    const { summary } = await importFile(kith, 'names.vcf', file, { actions: { '3': 'merge' } });
    expect(summary).toMatchObject({ added: 2, merged: 2 });
    expect((await contactsByName(kith)).map((c) => c.displayName)).toEqual(['Ada Lovelace', 'Ana Souza', 'Ana Souza', 'Mary Somerville']);
  });
});

describe('one transaction', () => {
  const many = (n: number, prefix = 'Person') =>
    Array.from({ length: n }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${prefix} ${i}\r\nEMAIL:${prefix.toLowerCase()}${i}@example.com\r\nTEL:+1 555 ${prefix.length}${String(i).padStart(5, '0')}\r\nEND:VCARD\r\n`).join('');

  it('a cancel during a big import rolls all of it back; progress is readable while it runs', async () => {
    const preview = await previewFile(kith, 'big.vcf', many(3000));
    expect(preview.total).toBe(3000);
    const commit = kith.call('transfer.importCommit', { sessionId: preview.sessionId });
    const seen: number[] = [];
    // poll like the renderer does, then cancel part way
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const p = await kith.call('transfer.importProgress', { sessionId: preview.sessionId });
      seen.push(p.processed);
      if (p.processed >= 500) break;
    }
    // the import writes on its own connection: reads go on and see only what is committed
    expect((await kith.call('contacts.list', {})).total).toBe(0);
    // another write (a backup) waits for the import to end, without blocking anything
    const backup = kith.call('transfer.backupNow', {});
    // a JSON export reads on its own connection in its worker: it goes ahead
    const exported = kith.call('transfer.export', { format: 'json' });
    expect(await kith.call('transfer.importCancel', { sessionId: preview.sessionId })).toEqual({ cancelled: true });
    const outcome = commit.catch((e) => e);
    expect(JSON.parse((await exported).content!).tables.contacts).toEqual([]);
    expect((await backup).kind).toBe('manual');
    const err = await outcome;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('Import cancelled: nothing from this file was saved');
    expect(seen.some((n) => n > 0 && n < 3000)).toBe(true);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contact_methods').pluck().get()).toBe(0);
    expect((await kith.call('transfer.importProgress', { sessionId: preview.sessionId })).state).toBe('cancelled');
  });

  it('a record the database refuses is listed as failed, leaves nothing behind, and the others are saved', async () => {
    // a trigger stands in for any write that fails half way through a record (after its methods were written)
    kith.sqlite.exec(`CREATE TRIGGER refuse_tag BEFORE INSERT ON contact_tags WHEN (SELECT name FROM tags WHERE id = NEW.tag_id) = 'explode' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const file = many(2) + 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Explodes\r\nEMAIL:boom@example.com\r\nCATEGORIES:explode\r\nEND:VCARD\r\n' + many(2, 'Later');
    const { summary } = await importFile(kith, 'mixed.vcf', file);
    expect(summary).toMatchObject({ added: 4, failed: [{ record: 3, line: 13, reason: 'could not be saved: refused by the test' }] });
    expect(kith.sqlite.prepare(`SELECT display_name FROM contacts ORDER BY display_name`).pluck().all()).toEqual(['Later 0', 'Later 1', 'Person 0', 'Person 1']);
    expect(kith.sqlite.prepare(`SELECT count(*) FROM contact_methods WHERE value = 'boom@example.com'`).pluck().get()).toBe(0);
  });

  it('imports 10,000 vCards in one go', async () => {
    const preview = await previewFile(kith, 'huge.vcf', many(10_000));
    const started = performance.now();
    const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId });
    const ms = performance.now() - started;
    expect(summary.added).toBe(10_000);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contact_methods').pluck().get()).toBe(20_000);
    console.log(`[benchmark] committed 10,000 vCards in ${Math.round(ms)} ms`);
    // a second commit of the same session is refused rather than importing twice
    const again = await kith.call('transfer.importCommit', { sessionId: preview.sessionId }).catch((e) => e);
    expect(again.code).toBe('conflict');
  });

  it('imports 10,000 vCards that each remember a fact, a life event, a topic and a gift idea', async () => {
    const remembering = many(10_000).replaceAll(
      'END:VCARD',
      'item1.X-KITH-FACT;X-KITH-TYPE=text:Cats\r\nitem1.X-ABLabel:Pets\r\nX-KITH-EVENT;X-KITH-DATE=2020-05-01;X-KITH-KIND=moved:Moved to Lyon\r\nX-KITH-TOPIC:The move\r\nX-KITH-GIFT-IDEA;X-KITH-URL="https://example.org/a,b":Map\r\nEND:VCARD',
    );
    const preview = await previewFile(kith, 'remembering.vcf', remembering);
    expect(preview.leftOutCount).toBe(0);
    const started = performance.now();
    const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId });
    const ms = performance.now() - started;
    expect(summary).toMatchObject({ added: 10_000, warnings: [] });
    const count = (sql: string) => kith.sqlite.prepare(sql).pluck().get();
    expect([
      count(`SELECT count(*) FROM contact_facts WHERE label = 'Pets' AND value = 'Cats'`),
      count(`SELECT count(*) FROM life_events WHERE kind = 'moved' AND occurred_on = '2020-05-01'`),
      count(`SELECT count(*) FROM next_topics WHERE text = 'The move' AND done_at IS NULL`),
      count(`SELECT count(*) FROM gifts WHERE status = 'idea' AND url = 'https://example.org/a,b'`),
    ]).toEqual([10_000, 10_000, 10_000, 10_000]);
    console.log(`[benchmark] committed 10,000 remembering vCards in ${Math.round(ms)} ms`);
  });
});

describe('for every new contact', () => {
  it('puts each added contact in the chosen circle with the tags and cadence, leaves merged ones as they were, and refuses an unknown circle', async () => {
    const existing = await kith.call('contacts.create', { displayName: 'Old Friend', methods: [{ kind: 'email', value: 'old@example.com', label: null }] });
    const file = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:New Person', 'CATEGORIES:from-file', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Old Friend', 'EMAIL:old@example.com', 'END:VCARD', ''].join('\r\n');
    const bad = await previewFile(kith, 'people.vcf', file);
    const err = await kith.call('transfer.importCommit', { sessionId: bad.sessionId, forNew: { circleId: 'no-such-circle' } }).catch((e) => e);
    expect([err.code, err.field]).toEqual(['invalid_input', 'forNew.circleId']);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);

    const preview = await previewFile(kith, 'people.vcf', file);
    const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId, defaultAction: 'merge', forNew: { circleId: 'circle-friends', tags: ['imported', 'From-File'], cadenceDays: 45 } });
    expect(summary).toMatchObject({ added: 1, merged: 1 });
    const [newPerson, old] = await contactsByName(kith);
    expect(newPerson).toMatchObject({ displayName: 'New Person', circleId: 'circle-friends', cadenceDays: 45 });
    expect([...newPerson!.tags].sort()).toEqual(['from-file', 'imported']);
    expect(old).toMatchObject({ id: existing.id, circleId: null, cadenceDays: null, tags: [] });
  });

  it('refuses a binary file with what it seems to be, and a calendar file, writing nothing', async () => {
    for (const [name, bytes, message] of [
      ['photo.vcf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /^photo\.vcf is a picture\./],
      ['cal.ics', Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), /^cal\.ics is a calendar file, not an address book/],
    ] as const) {
      const err = await previewFile(kith, name, bytes).catch((e) => e);
      expect([err.code, err.field]).toEqual(['invalid_input', 'source']);
      expect(err.message).toMatch(message);
    }
  });
});

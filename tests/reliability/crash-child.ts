// The victim of the crash test: runs Kith's real services on a database file, doing mixed writes
// as fast as it can, and after each commit appends what it committed to a journal. The parent
// SIGKILLs it at a random moment. Usage: node crash-child.mjs <db> <journal> <seed> [migrate]
import { appendFileSync } from 'node:fs';
import { sql } from 'kysely';
import { startBackend } from '../../electron/kith';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { insertContact } from '../../electron/services/contacts';

const [dbPath, journal, seedArg, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
let seed = Number(seedArg);
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0), seed / 2 ** 32);
const record = (line: string) => appendFileSync(journal, line + '\n');

async function migrationVictim() {
  // a long migration of several steps; a kill anywhere must leave all or nothing
  const handle = openDatabase(dbPath);
  const slow = {
    ...migrations,
    '9000_crash_test_a': { up: async (db: never) => void (await sql`CREATE TABLE crash_a (x INTEGER)`.execute(db)) },
    '9001_crash_test_b': {
      up: async (db: never) => {
        for (let i = 0; i < 3000; i++) await sql`INSERT INTO crash_a VALUES (${i})`.execute(db);
      },
    },
    '9002_crash_test_c': { up: async (db: never) => void (await sql`ALTER TABLE contacts ADD COLUMN crash_c TEXT`.execute(db)) },
  };
  process.stdout.write('ready\n');
  await migrateToLatest(handle, { migrations: slow });
  record('migrated');
  process.stdout.write('done\n');
}

async function writesVictim() {
  const kith = await startBackend({ databasePath: dbPath, host: 'web' });
  const call = async (method: string, input: unknown) => {
    const r = await kith.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as { id: string };
  };
  const ids = kith.handle.sqlite.prepare(`SELECT id FROM contacts WHERE display_name LIKE 'Crash %' LIMIT 200`).pluck().all() as string[];
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    const r = random();
    if (ids.length < 2 || r < 0.3) {
      const methods = 1 + Math.floor(random() * 4);
      const c = await call('contacts.create', {
        displayName: `Crash ${methods}`,
        methods: Array.from({ length: methods }, (_, i) => ({ kind: 'email', value: `c${n}.${i}.${seed}@example.org` })),
        tags: ['crash', `n${methods}`],
      });
      ids.push(c.id);
      record(`contact ${c.id} ${methods}`);
    } else if (r < 0.6) {
      const people = [...new Set([ids[Math.floor(random() * ids.length)]!, ids[Math.floor(random() * ids.length)]!, ids[Math.floor(random() * ids.length)]!])];
      const i = await call('interactions.log', { kind: 'meeting', participantIds: people, summary: `with ${people.length}` });
      record(`interaction ${i.id} ${people.length}`);
    } else if (r < 0.85) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const methods = 1 + Math.floor(random() * 4);
      await call('contacts.update', {
        id,
        displayName: `Crash ${methods}`,
        methods: Array.from({ length: methods }, (_, i) => ({ kind: 'phone', value: `+49 30 ${n}${i}${seed % 1000}` })),
      });
      record(`edit ${id} ${methods}`);
    } else {
      // a bulk write (as an import makes): 200 contacts in one transaction, all or none
      const batch = `batch-${n}-${seed}`;
      const now = Date.now();
      await kith.handle.db.transaction().execute(async (trx) => {
        for (let k = 0; k < 200; k++) {
          await insertContact(trx, { displayName: `Bulk ${k}`, givenName: null, familyName: null, nickname: null, company: null, title: null, circleId: null, importance: 'regular', birthday: null, howMet: null, introducedById: null, notes: '', cadenceDays: null, cadenceLatestDays: null, methods: [{ kind: 'email', label: null, value: `b${k}@${batch}.example`, isPrimary: true }], tags: [batch] }, now, 'US');
        }
      });
      record(`batch ${batch} 200`);
    }
  }
}

(mode === 'migrate' ? migrationVictim() : writesVictim()).catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});

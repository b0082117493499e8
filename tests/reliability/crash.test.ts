// Crash safety: Kith's real services in a child process on a real file, killed with SIGKILL at
// random moments during mixed writes (contacts, interactions, edits, bulk writes) and during a
// migration. After every kill: integrity_check is ok, every write the child reported committed is
// there, and no multi-row write is half there.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';

const KILLS = Number(process.env.KITH_CRASH_KILLS ?? 50);
const MIGRATION_KILLS = Number(process.env.KITH_CRASH_MIGRATION_KILLS ?? 10);
let dir: string;
let cleanup: () => void;
let childScript: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('kith-crash-'));
  // inside the project, so the bundle finds better-sqlite3 in node_modules
  childScript = join(__dirname, '..', '.tmp', `crash-child-${process.pid}.mjs`);
  // bundled once, so each run starts in a fraction of a second
  await build({
    entryPoints: [join(__dirname, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childScript,
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __bannerCreateRequire } from 'node:module'; const require = __bannerCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => {
  cleanup();
  rmSync(childScript, { force: true });
});

/** start the child, wait until it is working, let it run for a random while, then SIGKILL it */
function runAndKill(args: string[], aliveMs: number): Promise<{ finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      if (text.includes('done')) finished = true;
      if (text.includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), aliveMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolve({ finished });
      else reject(new Error(`the child failed by itself (code ${code}): ${stderr}`));
    });
  });
}

function checkWritesFile(dbPath: string, journal: string) {
  const db = new Database(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const lines = existsSync(journal) ? readFileSync(journal, 'utf8').trim().split('\n').filter(Boolean) : [];
    for (const line of lines) {
      const [kind, id, n] = line.split(' ') as [string, string, string];
      if (kind === 'contact' || kind === 'edit') expect(db.prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(id), line).toBe(1);
      if (kind === 'interaction') expect(db.prepare('SELECT count(*) FROM interaction_participants WHERE interaction_id = ?').pluck().get(id), line).toBe(Number(n));
      if (kind === 'batch') expect(db.prepare('SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?').pluck().get(id), line).toBe(200);
    }
    // no multi-row write half there, committed or not:
    // every "Crash k" contact has exactly k methods (create and edit both write name and methods together)
    const torn = db
      .prepare(`SELECT c.id, c.display_name, (SELECT count(*) FROM contact_methods m WHERE m.contact_id = c.id) AS n FROM contacts c WHERE c.display_name LIKE 'Crash %' AND n <> CAST(substr(c.display_name, 7) AS INTEGER)`)
      .all();
    expect(torn).toEqual([]);
    // every interaction has participants, each a copy of its interaction's fields
    expect(db.prepare(`SELECT count(*) FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM interaction_participants p WHERE p.interaction_id = i.id)`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id WHERE p.occurred_at <> i.occurred_at OR p.kind <> i.kind`).pluck().get()).toBe(0);
    // every bulk batch is all 200 or absent
    expect(db.prepare(`SELECT t.name, count(*) AS n FROM tags t JOIN contact_tags ct ON ct.tag_id = t.id WHERE t.name LIKE 'batch-%' GROUP BY t.id HAVING n <> 200`).all()).toEqual([]);
    return { lines: lines.length, contacts: db.prepare('SELECT count(*) FROM contacts').pluck().get() as number };
  } finally {
    db.close();
  }
}

describe('killed at random moments', () => {
  it(`survives ${KILLS} SIGKILLs during mixed writes with nothing lost and nothing torn`, async () => {
    const dbPath = join(dir, 'writes.sqlite');
    const journal = join(dir, 'writes.journal');
    let last = { lines: 0, contacts: 0 };
    for (let k = 0; k < KILLS; k++) {
      await runAndKill([dbPath, journal, String(1000 + k)], 40 + Math.floor(Math.random() * 400));
      last = checkWritesFile(dbPath, journal);
    }
    console.log(`[crash] ${KILLS} kills during writes survived: integrity ok every time, ${last.lines} committed writes all present, ${last.contacts} contacts in the file`);
    expect(last.lines).toBeGreaterThan(KILLS); // the child did real work between kills
  }, 600_000);

  it(`survives ${MIGRATION_KILLS} SIGKILLs during a migration: all or nothing, then it completes`, async () => {
    let completed = 0;
    for (let k = 0; k < MIGRATION_KILLS; k++) {
      const dbPath = join(dir, `migrate-${k}.sqlite`);
      const journal = join(dir, `migrate-${k}.journal`);
      writeFileSync(journal, '');
      // an existing database at the current schema, with data
      const seedDb = await import('../../db/connection').then((m) => m.openDatabase(dbPath));
      await (await import('../../db/migrate')).migrateToLatest(seedDb);
      seedDb.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('keep', 'Kept', 1, 1)`).run();
      await seedDb.close();

      await runAndKill([dbPath, journal, String(k), 'migrate'], 5 + Math.floor(Math.random() * 400));
      const db = new Database(dbPath);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const versions = db.prepare(`SELECT version FROM schema_versions WHERE version LIKE '900%'`).pluck().all();
      const hasTable = db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'crash_a'`).pluck().get();
      const hasColumn = db.prepare(`SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'crash_c'`).pluck().get();
      if (versions.length === 0) {
        expect([hasTable, hasColumn]).toEqual([0, 0]); // nothing of it
      } else {
        expect(versions).toEqual(['9000_crash_test_a', '9001_crash_test_b', '9002_crash_test_c']); // all of it
        expect([hasTable, hasColumn]).toEqual([1, 1]);
        expect(db.prepare('SELECT count(*) FROM crash_a').pluck().get()).toBe(3000);
      }
      expect(db.prepare(`SELECT display_name FROM contacts WHERE id = 'keep'`).pluck().get()).toBe('Kept');
      db.close();
      if (versions.length === 0) {
        // started again, the interrupted migration runs to the end
        const rerun = await runAndKill([dbPath, journal, String(k), 'migrate'], 120_000);
        expect(rerun.finished).toBe(true);
        const after = new Database(dbPath, { readonly: true });
        expect(after.prepare(`SELECT count(*) FROM schema_versions WHERE version LIKE '900%'`).pluck().get()).toBe(3);
        after.close();
      } else completed++;
    }
    console.log(`[crash] ${MIGRATION_KILLS} kills during a migration survived: each left all of it (${completed}) or none of it (${MIGRATION_KILLS - completed}, then completed on restart)`);
  }, 300_000);
});

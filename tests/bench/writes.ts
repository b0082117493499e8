// Benchmark: what the search index's triggers cost a bulk import (10,000 contacts, 2 methods, 1 tag each),
// and what indexing them costs at the next search.
// Run: npx tsx tests/bench/writes.ts
import { randomUUID } from 'node:crypto';
import { startTestBackend } from '../helpers/backend';
import { refreshSearchIndex } from '../../electron/services/searchIndex';

async function run(withTriggers: boolean) {
  const kith = await startTestBackend();
  const db = kith.sqlite;
  if (!withTriggers) for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) db.exec(`DROP TRIGGER ${t}`);
  const c = db.prepare(`INSERT INTO contacts (id, display_name, company, notes, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`);
  const m = db.prepare(`INSERT INTO contact_methods (id, contact_id, kind, value, value_normalized) VALUES (?, ?, ?, ?, ?)`);
  const tag = db.prepare(`INSERT INTO tags (id, name, created_at) VALUES ('t1', 'imported', 0)`);
  const ct = db.prepare(`INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, 't1')`);
  const t0 = performance.now();
  db.transaction(() => {
    tag.run();
    for (let i = 0; i < 10_000; i++) {
      const id = randomUUID();
      c.run(id, `Person ${i}`, `Company ${i % 300}`, 'Met at a conference in Lisbon; likes climbing and coffee.');
      m.run(randomUUID(), id, 'email', `p${i}@example.org`, `p${i}@example.org`);
      m.run(randomUUID(), id, 'phone', `+1 555 ${i}`, `+1555${i}`);
      ct.run(id);
    }
  })();
  const ms = performance.now() - t0;
  if (withTriggers) {
    const t1 = performance.now();
    const n = refreshSearchIndex(db);
    console.log(`  indexing the ${n} noted contacts at the next search: ${(performance.now() - t1).toFixed(0)} ms`);
  }
  await kith.dispose();
  return ms;
}
console.log(`without search triggers: ${(await run(false)).toFixed(0)} ms`);
console.log(`with search triggers:    ${(await run(true)).toFixed(0)} ms`);

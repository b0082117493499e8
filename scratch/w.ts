import Database from 'better-sqlite3';
const db = new Database('/tmp/stall-large.sqlite');
console.log(db.prepare('select count(*) n, count(distinct contact_id) d from search_dirty').get());
db.exec("INSERT INTO search_dirty (contact_id) SELECT id FROM contacts ORDER BY random()");
const q = db.prepare(`SELECT w.contact_id AS id, 1 + (SELECT count(*) FROM interaction_participants p WHERE p.contact_id = w.contact_id) AS weight
        FROM (SELECT contact_id, max(rowid) AS newest FROM (SELECT rowid, contact_id FROM search_dirty ORDER BY rowid DESC LIMIT 2048) GROUP BY contact_id) w
        ORDER BY w.newest DESC LIMIT 256`);
for (let i = 0; i < 5; i++) { const t = performance.now(); const r = q.all(); console.log(r.length, (performance.now() - t).toFixed(2), r.reduce((a, b) => a + (b as any).weight, 0)); }
const q2 = db.prepare(`SELECT contact_id, max(rowid) AS newest FROM (SELECT rowid, contact_id FROM search_dirty ORDER BY rowid DESC LIMIT 2048) GROUP BY contact_id ORDER BY newest DESC LIMIT 256`);
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = q2.all(); console.log('no weight', r.length, (performance.now() - t).toFixed(2)); }
const q3 = db.prepare(`SELECT contact_id FROM search_dirty ORDER BY rowid DESC LIMIT 1024`).pluck();
const cnt = db.prepare(`SELECT count(*) FROM interaction_participants WHERE contact_id = ?`).pluck();
for (let i = 0; i < 3; i++) { const t = performance.now(); const ids = [...new Set(q3.all() as string[])]; const t2 = performance.now(); let w = 0, k = 0; for (const id of ids) { w += 1 + (cnt.get(id) as number); k++; if (w > 1000) break; } console.log('js', ids.length, (t2 - t).toFixed(2), (performance.now() - t2).toFixed(2), k, w); }

// A day's slide of the health windows, one cadence at a time. It ran as one transaction over every
// cadence: ~280 ms of work and a ~700 ms commit on huge (100,000 contacts), 40–70 ms on large,
// which held the one connection at the first open of a day. Sliced, each cadence is its own
// transaction, and an app closed half way must not slide a cadence twice: this table says, while a
// slide is under way, the local day each cadence's windows were already slid to (health_meta.day
// is still the day before; it moves, and the table empties, with the last cadence).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE TABLE health_slides (cadence INTEGER PRIMARY KEY, day INTEGER NOT NULL) STRICT`).execute(db);
}

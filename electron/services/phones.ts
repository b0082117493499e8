// The default phone region and the phone numbers' stored E.164 forms. The region is a setting
// (guessed once from the system locale the host passes in); every stored phone's value_normalized
// is computed with the region in effect, and computed again when the region changes, so "the same
// number" means one thing across the whole file.
import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js';
import { prepared } from '../../db/prepared';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import { asRegion, regionFromLocale } from '../../shared/domain/phone';

/** internal state: the region the stored phones were normalised with */
const NORMALIZED_WITH = 'phones.normalizedRegion';

function readJson(sqlite: Database.Database, key: string): unknown {
  const row = prepared(sqlite, `SELECT value FROM settings WHERE key = ?`).get(key) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

function writeJson(sqlite: Database.Database, key: string, value: unknown): void {
  prepared(sqlite, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, JSON.stringify(value));
}

/** the user's default region for numbers typed without a country code */
export function phoneRegion(sqlite: Database.Database): CountryCode {
  return asRegion(readJson(sqlite, 'phoneRegion') as string) ?? 'US';
}

/**
 * At start-up: the region setting guessed from the system locale when the user never chose one,
 * then the stored numbers brought in step with it (the first open after migration 0009 computes
 * every E.164 form).
 */
export function preparePhones(sqlite: Database.Database, locale: string | undefined): void {
  if (!asRegion(readJson(sqlite, 'phoneRegion') as string)) writeJson(sqlite, 'phoneRegion', regionFromLocale(locale));
  renormalizePhones(sqlite);
}

/** every phone's value_normalized recomputed when the region changed since the last time; returns how many changed */
export function renormalizePhones(sqlite: Database.Database): number {
  const region = phoneRegion(sqlite);
  if (readJson(sqlite, NORMALIZED_WITH) === region) return 0;
  const rows = prepared(sqlite, `SELECT id, value, value_normalized FROM contact_methods WHERE kind = 'phone'`).all() as { id: string; value: string; value_normalized: string }[];
  const update = prepared(sqlite, `UPDATE contact_methods SET value_normalized = ? WHERE id = ?`);
  let changed = 0;
  sqlite.transaction(() => {
    for (const r of rows) {
      const next = normalizeMethodValue('phone', r.value, region);
      if (next === r.value_normalized) continue;
      update.run(next, r.id);
      changed++;
    }
    writeJson(sqlite, NORMALIZED_WITH, region);
  })();
  return changed;
}

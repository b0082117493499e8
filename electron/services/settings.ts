// Settings: one row per setting in the key/value table, the value as JSON. Unknown or damaged
// values fall back to the default rather than breaking start-up.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import type { HandlerGroup } from './context';
import { renormalizePhones } from './phones';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export async function loadSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', KEYS).execute();
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const row of rows) {
    try {
      const value = JSON.parse(row.value) as unknown;
      const key = row.key as keyof Settings;
      if (typeof value === typeof DEFAULT_SETTINGS[key]) (settings as unknown as Record<string, unknown>)[key] = value;
    } catch {
      // keep the default
    }
  }
  return settings;
}

/** internal state kept beside the settings (not shown to the user) */
export async function readState<T>(db: Kysely<DB>, key: string): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

export async function writeState(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}

export const settingsHandlers: HandlerGroup<'settings.get' | 'settings.update'> = {
  async 'settings.get'(ctx) {
    return loadSettings(ctx.db);
  },
  async 'settings.update'(ctx, input) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(input)) {
        if (value !== undefined) await writeState(trx, key, value);
      }
      // numbers typed without a country code are read again in the new region
      if (input.phoneRegion !== undefined) renormalizePhones(ctx.sqlite);
    });
    return loadSettings(ctx.db);
  },
};

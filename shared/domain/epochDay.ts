// Local calendar days as integers (days since 1970-01-01), for hot paths that handle thousands of
// contacts at once: the health of every contact must come in milliseconds, and date-fns with
// @date-fns/tz costs tens of microseconds per call. Same answers as localDate.ts (a property test
// checks localEpochDay against localDateOf), only faster: a zone's UTC offset is looked up once per
// UTC day and kept.

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' -> days since 1970-01-01 (proleptic Gregorian) */
export function epochDayOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

// a few thousand distinct days cover every contact's dates: remember the strings
const dateStrings = new Map<number, string>();

/** days since 1970-01-01 -> 'YYYY-MM-DD' */
export function dateOfEpochDay(day: number): string {
  let s = dateStrings.get(day);
  if (s === undefined) {
    if (dateStrings.size > 50_000) dateStrings.clear();
    dateStrings.set(day, (s = formatEpochDay(day)));
  }
  return s;
}

function formatEpochDay(day: number): string {
  const t = new Date(day * DAY_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

interface ZoneCache {
  format: Intl.DateTimeFormat;
  /** UTC day -> the offset (ms) valid all that day, or null when the offset changes during it */
  offsets: Map<number, number | null>;
}
const zones = new Map<string, ZoneCache>();

function zone(timeZone: string): ZoneCache {
  let z = zones.get(timeZone);
  if (!z) {
    z = {
      format: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      offsets: new Map(),
    };
    zones.set(timeZone, z);
  }
  return z;
}

/** the zone's offset from UTC at an instant, in ms (local = utc + offset) */
function offsetAt(z: ZoneCache, instant: number): number {
  const p: Record<string, number> = {};
  for (const part of z.format.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** the local calendar day (days since 1970-01-01) of an instant in a zone */
export function localEpochDay(instant: number, timeZone: string): number {
  const z = zone(timeZone);
  const utcDay = Math.floor(instant / DAY_MS);
  let offset = z.offsets.get(utcDay);
  if (offset === undefined) {
    const first = offsetAt(z, utcDay * DAY_MS);
    const last = offsetAt(z, utcDay * DAY_MS + DAY_MS - 1);
    offset = first === last ? first : null;
    z.offsets.set(utcDay, offset);
  }
  // a day with a clock change: ask for this very instant
  const o = offset ?? offsetAt(z, instant);
  return Math.floor((instant + o) / DAY_MS);
}

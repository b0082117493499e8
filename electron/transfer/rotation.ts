// Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months that have a
// backup (a grandfather-father-son rotation). Pure: the caller passes the list, "now" is not needed
// because buckets are counted from the newest backup backwards. Days, weeks and months are the
// user's, in their time zone.
import { TZDate } from '@date-fns/tz';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface Dated {
  takenAt: number;
}

export function backupsToKeep<T extends Dated>(backups: readonly T[], timeZone: string, policy: RotationPolicy = DEFAULT_ROTATION): Set<T> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt - a.takenAt);
  const keep = new Set<T>();
  const buckets: [number, (d: TZDate) => string][] = [
    [policy.daily, (d) => format(d, 'yyyy-MM-dd')],
    [policy.weekly, (d) => `${getISOWeekYear(d)}-W${getISOWeek(d)}`],
    [policy.monthly, (d) => format(d, 'yyyy-MM')],
  ];
  for (const [limit, keyOf] of buckets) {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      if (seen.size >= limit) break;
      const key = keyOf(new TZDate(b.takenAt, timeZone));
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(b);
    }
  }
  return keep;
}

// `npm run seed -- --size small|large|huge --out FILE [--seed N] [--now ISO] [--tz Zone]`
// Writes a realistic Kith database; the same options always give the same file.
import { resolve } from 'node:path';
import { DEFAULT_NOW, DEFAULT_SEED, DEFAULT_TIME_ZONE, SIZES, generateDatabase, type SizeName } from './generate';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('Usage: npm run seed -- --size small|large|huge --out FILE [--seed N] [--now 2026-11-01T12:00:00Z] [--tz Europe/Berlin]');
  process.exit(2);
}

export function parseSeedArgs(argv: string[]) {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) usage(`Unexpected argument: ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) usage(`--${key} needs a value`);
    opts[key] = value;
  }
  for (const key of Object.keys(opts)) if (!['size', 'out', 'seed', 'now', 'tz'].includes(key)) usage(`Unknown option --${key}`);
  const size = opts.size as SizeName | undefined;
  if (!size || !(size in SIZES)) usage(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  if (!opts.out) usage('--out FILE is required');
  const seed = opts.seed === undefined ? DEFAULT_SEED : Number(opts.seed);
  if (!Number.isInteger(seed) || seed < 0) usage('--seed must be a whole number ≥ 0');
  const now = new Date(opts.now ?? DEFAULT_NOW);
  if (Number.isNaN(now.getTime())) usage(`--now is not a date: ${opts.now}`);
  return { size, out: resolve(opts.out), seed, now, timeZone: opts.tz ?? DEFAULT_TIME_ZONE };
}

async function main() {
  const o = parseSeedArgs(process.argv.slice(2));
  const spec = SIZES[o.size];
  console.log(
    `Generating "${o.size}" (${spec.contacts.toLocaleString('en-US')} contacts, ${spec.interactions.toLocaleString('en-US')} interactions, ` +
      `${spec.reminders.toLocaleString('en-US')} reminders), seed ${o.seed}, now ${o.now.toISOString()} → ${o.out}`,
  );
  const report = await generateDatabase({ out: o.out, size: spec, seed: o.seed, now: o.now, timeZone: o.timeZone, log: (l) => console.log(l) });
  console.log(`Wrote ${o.out}: ${(report.bytes / 1024 / 1024).toFixed(1)} MB in ${report.seconds.toFixed(1)} s (peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
  console.log(`Try it: KITH_DB=${o.out} npm run web   (or npm start)`);
}

main().catch((err) => {
  console.error(`Seed failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});

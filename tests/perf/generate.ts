// The seeded data generator: a realistic Kith database of any size, the same bytes for the same seed.
// The file is created and migrated by the app's own code (openDatabase + migrateToLatest), then
// filled with prepared statements in big transactions on the raw connection. Triggers that
// migrations define fire by themselves, so aggregates they keep stay in step.
import { dropSecondaryIndexes, restoreIndexes } from '../../db/bulkIndexes';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { daysInMonth } from '../../shared/domain/calendar';
import { localDateOf } from '../../shared/domain/localDate';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import type { InteractionKind, Direction } from '../../shared/domain/interaction';
import type { MethodKindName } from '../../shared/domain/contact';
import { Random } from './random';
import {
  COMPANIES, CULTURES, GENERAL_REMINDERS, HOW_MET, NOTE_LINES, PLACES, REMINDER_TITLES, TAGS, TITLES, TOPICS, emailLocal, type Culture,
} from './names';

/** bump when the generator's output changes, so cached bench files are rebuilt */
export const GENERATOR_VERSION = 4;

export interface SizeSpec {
  contacts: number;
  interactions: number;
  reminders: number;
}

export const SIZES = {
  small: { contacts: 300, interactions: 6_000, reminders: 600 },
  large: { contacts: 10_000, interactions: 500_000, reminders: 20_000 },
  huge: { contacts: 100_000, interactions: 2_000_000, reminders: 100_000 },
} as const satisfies Record<string, SizeSpec>;
export type SizeName = keyof typeof SIZES;

export const DEFAULT_SEED = 42;
export const DEFAULT_NOW = '2026-11-01T12:00:00Z';
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

export interface GenerateOptions {
  out: string;
  size: SizeSpec;
  seed: number;
  /** the fixed "now" every date is placed around */
  now: Date;
  timeZone?: string;
  /** progress lines; default silent */
  log?: (line: string) => void;
}

export interface GenerateReport {
  path: string;
  seconds: number;
  bytes: number;
  historyYears: number;
  rows: Record<string, number>;
}

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

type Archetype = 'innerFamily' | 'family' | 'closeFriend' | 'friend' | 'club' | 'colleague' | 'client' | 'acquaintance';
type Pattern = 'regular' | 'bursts' | 'sparse';

interface ArchetypeSpec {
  share: number;
  circles: readonly string[];
  importance: readonly (readonly ['inner' | 'regular' | 'outer', number])[];
  /** interactions a year while the relationship is active */
  perYear: number;
  pattern: Pattern;
  /** the part of the history the relationship is active: [min, max] */
  activeFraction: readonly [number, number];
  kinds: readonly (readonly [InteractionKind, number])[];
  /** likely in working hours on weekdays */
  working: boolean;
}

const FAMILY = 'circle-family';
const FRIENDS = 'circle-friends';
const COLLEAGUES = 'circle-colleagues';
const CLIENTS = 'circle-clients';
/** two user-defined circles beside the four every user starts with */
const USER_CIRCLES = [
  { id: 'circle-book-club', name: 'Book club', color: '#8e4ec6', cadence: 30, order: 4 },
  { id: 'circle-climbing', name: 'Climbing partners', color: '#12a594', cadence: 21, order: 5 },
] as const;

const ARCHETYPES: Record<Archetype, ArchetypeSpec> = {
  innerFamily: { share: 0.012, circles: [FAMILY], importance: [['inner', 1]], perYear: 52, pattern: 'regular', activeFraction: [1, 1], kinds: [['call', 45], ['video', 15], ['meeting', 25], ['message', 15]], working: false },
  family: { share: 0.03, circles: [FAMILY], importance: [['regular', 3], ['inner', 1]], perYear: 12, pattern: 'regular', activeFraction: [1, 1], kinds: [['call', 40], ['meeting', 25], ['message', 25], ['video', 10]], working: false },
  closeFriend: { share: 0.035, circles: [FRIENDS], importance: [['inner', 1], ['regular', 1]], perYear: 18, pattern: 'regular', activeFraction: [0.5, 1], kinds: [['meeting', 35], ['message', 35], ['call', 20], ['social', 10]], working: false },
  friend: { share: 0.09, circles: [FRIENDS], importance: [['regular', 2], ['outer', 1]], perYear: 6, pattern: 'regular', activeFraction: [0.2, 1], kinds: [['message', 40], ['meeting', 25], ['social', 20], ['call', 15]], working: false },
  club: { share: 0.03, circles: USER_CIRCLES.map((c) => c.id), importance: [['regular', 1]], perYear: 12, pattern: 'regular', activeFraction: [0.2, 0.8], kinds: [['meeting', 70], ['message', 30]], working: false },
  colleague: { share: 0.14, circles: [COLLEAGUES], importance: [['regular', 3], ['outer', 2]], perYear: 20, pattern: 'regular', activeFraction: [0.2, 0.6], kinds: [['meeting', 35], ['email', 30], ['video', 20], ['message', 15]], working: true },
  client: { share: 0.07, circles: [CLIENTS], importance: [['regular', 3], ['inner', 1]], perYear: 30, pattern: 'bursts', activeFraction: [0.2, 1], kinds: [['email', 35], ['video', 25], ['call', 20], ['meeting', 20]], working: true },
  // the long tail: people met once or twice, long ago
  acquaintance: { share: 0, circles: [], importance: [['outer', 1]], perYear: 0, pattern: 'sparse', activeFraction: [0, 0], kinds: [['meeting', 40], ['email', 30], ['message', 20], ['other', 10]], working: false },
};

const ARCHETYPE_ORDER: Archetype[] = ['innerFamily', 'family', 'closeFriend', 'friend', 'club', 'colleague', 'client', 'acquaintance'];

interface PlannedContact {
  id: string;
  archetype: Archetype;
  culture: Culture;
  given: string;
  family: string;
  /** where the relationship sits in the history, as fractions of it (0 = the start, 1 = now) */
  from: number;
  to: number;
  /** interactions in the log whose first participant is this contact */
  count: number;
  outboundShare: number;
  meanRating: number;
  ratingShare: number;
  company: string | null;
  currency: string;
}

/** Generates the database at options.out (replacing a file there). */
export async function generateDatabase(options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const now = options.now.getTime();
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const dateOf = localDates(tz);
  const r = new Random(options.seed);
  const partial = `${options.out}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });

  // the app's own code creates and migrates the file …
  const handle = openDatabase(partial);
  await migrateToLatest(handle, { now: options.now });
  pinMigrationTimestamps(handle.sqlite, now);
  await handle.close();
  // … then a connection of our own fills it: nobody else has the file open, so no journal, no
  // fsync, a big cache (the app's connection cannot leave WAL mode); WAL again at the end
  const sqlite = new Database(partial);
  sqlite.pragma('journal_mode = DELETE');
  if (sqlite.pragma('journal_mode = OFF', { simple: true }) !== 'off') log('  (the journal could not be turned off: slower)');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -524288');
  sqlite.pragma('temp_store = MEMORY');

  const rows: Record<string, number> = {};
  const step = (name: string, count: number, t0: number) => {
    rows[name] = (rows[name] ?? 0) + count;
    log(`  ${name.padEnd(26)} ${count.toLocaleString('en-US').padStart(11)}  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  // ---- plan: who is who, and how many interactions each has over how many years of history
  let t0 = performance.now();
  const contacts = planContacts(r, options.size);
  const historyYears = allocateInteractions(r, contacts, options.size.interactions);
  const historyStart = Math.round(now - historyYears * YEAR);
  const at = (fraction: number) => historyStart + fraction * (now - historyStart);
  log(`  plan: ${contacts.length.toLocaleString('en-US')} contacts, ${historyYears.toFixed(1)} years of history  ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ---- circles and tags
  t0 = performance.now();
  const insertCircle = sqlite.prepare(`INSERT INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertTag = sqlite.prepare(`INSERT INTO tags (id, name, color, created_at) VALUES (?, ?, ?, ?)`);
  const tagIds = TAGS.map(() => r.uuid());
  sqlite.transaction(() => {
    for (const c of USER_CIRCLES) insertCircle.run(c.id, c.name, c.color, c.cadence, c.order, historyStart, historyStart);
    TAGS.forEach((name, i) => insertTag.run(tagIds[i], name, r.chance(0.3) ? r.pick(['#e5484d', '#30a46c', '#0090ff', '#f76b15']) : null, historyStart));
  })();
  step('circles (user-defined)', USER_CIRCLES.length, t0);
  step('tags', TAGS.length, t0);

  // ---- contacts with their methods, dates and tags
  t0 = performance.now();
  const insertContact = sqlite.prepare(`INSERT INTO contacts (id, display_name, given_name, family_name, nickname, company, title, circle_id, importance,
      birthday_month, birthday_day, birthday_year, how_met, introduced_by_id, notes, cadence_days, checkin_snoozed_until, created_at, updated_at, archived_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMethod = sqlite.prepare(`INSERT INTO contact_methods (id, contact_id, kind, label, value, value_normalized, is_primary, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDate = sqlite.prepare(`INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertContactTag = sqlite.prepare(`INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)`);
  const usedEmails = new Set<string>();
  let methodCount = 0;
  let dateCount = 0;
  let tagCount = 0;
  const nowYear = options.now.getUTCFullYear();
  sqlite.transaction(() => {
    contacts.forEach((c, index) => {
      const spec = ARCHETYPES[c.archetype];
      const circle = spec.circles.length ? r.pick(spec.circles) : r.chance(0.3) ? r.pick([FRIENDS, COLLEAGUES]) : null;
      const display = c.culture.familyFirst ? `${c.family} ${c.given}` : `${c.given} ${c.family}`;
      const created = Math.min(now, Math.round(at(c.from) - r.int(0, 30) * DAY));
      const birthdayKnown = r.chance(['innerFamily', 'family', 'closeFriend', 'friend'].includes(c.archetype) ? 0.75 : 0.3);
      const bMonth = birthdayKnown ? r.int(1, 12) : null;
      const bYear = birthdayKnown && r.chance(0.75) ? r.int(nowYear - 85, nowYear - 16) : null;
      const bDay = bMonth ? r.int(1, daysInMonth(bMonth, bYear)) : null;
      const introducer = index > 20 && r.chance(0.05) ? contacts[r.int(0, index - 1)]!.id : null;
      const cadence = r.chance(0.1) ? r.pick([7, 14, 21, 45, 90, 180, 0]) : null;
      const archived = c.archetype === 'acquaintance' && r.chance(0.03) ? Math.min(now, Math.round(at(c.to) + r.int(30, 400) * DAY)) : null;
      const notes = r.chance(0.2) ? Array.from({ length: r.int(1, 3) }, () => r.pick(NOTE_LINES)).join('\n\n') : '';
      insertContact.run(
        c.id, display, c.given, c.family, r.chance(0.05) ? c.given.slice(0, Math.max(2, Math.ceil(c.given.length / 2))) : null,
        c.company, c.company ? r.pick(TITLES) : r.chance(0.1) ? r.pick(TITLES) : null, circle, r.weighted(spec.importance),
        bMonth, bDay, bYear, r.chance(0.3) ? r.pick(HOW_MET) : null, introducer, notes, cadence,
        r.chance(0.01) ? now + r.int(1, 10) * DAY : null, created, created, archived,
      );

      // 1–4 ways to reach them, the first of each kind primary
      const methods: { kind: MethodKindName; label: string | null; value: string }[] = [];
      if (r.chance(0.92)) {
        let email = c.company && r.chance(0.7)
          ? `${emailLocal(c.given, c.family)}@${c.company.toLowerCase().normalize('NFKD').replace(/[^a-z]+/g, '')}.com`
          : `${emailLocal(c.given, c.family)}${r.chance(0.4) ? r.int(1, 99) : ''}@${r.pick(c.culture.emailDomain)}`;
        if (usedEmails.has(email)) email = email.replace('@', `.${index}@`);
        usedEmails.add(email);
        methods.push({ kind: 'email', label: c.company ? 'work' : 'home', value: email });
      }
      if (methods.length === 0 || r.chance(0.75)) methods.push({ kind: 'phone', label: r.pick(['mobile', 'mobile', 'home', 'work']), value: c.culture.phone(r) });
      if (r.chance(0.3)) methods.push({ kind: 'address', label: 'home', value: c.culture.address(r) });
      if (methods.length < 4 && r.chance(0.12)) {
        methods.push(r.chance(0.5)
          ? { kind: 'website', label: null, value: `https://${emailLocal(c.given, c.family).replace('.', '')}.example.org` }
          : { kind: 'social', label: r.pick(['Mastodon', 'LinkedIn', 'Instagram']), value: `@${emailLocal(c.given, c.family).replace('.', '_')}` });
      }
      const primaries = new Set<string>();
      methods.forEach((m, i) => {
        const primary = primaries.has(m.kind) ? 0 : 1;
        primaries.add(m.kind);
        insertMethod.run(r.uuid(), c.id, m.kind, m.label, m.value, normalizeMethodValue(m.kind, m.value, 'US'), primary, i);
      });
      methodCount += methods.length;

      // anniversaries and name days
      if ((c.archetype === 'innerFamily' || c.archetype === 'family' || c.archetype === 'closeFriend') && r.chance(0.12)) {
        const m = r.int(1, 12);
        insertDate.run(r.uuid(), c.id, 'Wedding anniversary', m, r.int(1, daysInMonth(m, 2023)), r.int(nowYear - 40, nowYear - 1));
        dateCount++;
      }
      if (c.archetype === 'colleague' && r.chance(0.05)) {
        const m = r.int(1, 12);
        insertDate.run(r.uuid(), c.id, 'Work anniversary', m, r.int(1, daysInMonth(m, 2023)), r.int(nowYear - 15, nowYear - 1));
        dateCount++;
      }
      if ((c.culture.key === 'pl' || c.culture.key === 'da') && r.chance(0.3)) {
        const m = r.int(1, 12);
        insertDate.run(r.uuid(), c.id, 'Name day', m, r.int(1, daysInMonth(m, null)), null);
        dateCount++;
      }

      const tagCountHere = r.weighted([[0, 45], [1, 30], [2, 17], [3, 8]] as const);
      const chosen = new Set<number>();
      while (chosen.size < tagCountHere) chosen.add(r.int(0, TAGS.length - 1));
      for (const t of [...chosen].sort((a, b) => a - b)) insertContactTag.run(c.id, tagIds[t]);
      tagCount += chosen.size;
    });
  })();
  step('contacts', contacts.length, t0);
  rows.contact_methods = methodCount;
  rows.contact_dates = dateCount;
  rows.contact_tags = tagCount;

  // ---- relationships: families, teams, friends, introductions
  t0 = performance.now();
  const byArchetype = new Map<Archetype, number[]>();
  contacts.forEach((c, i) => {
    const list = byArchetype.get(c.archetype);
    if (list) list.push(i);
    else byArchetype.set(c.archetype, [i]);
  });
  const insertRelationship = sqlite.prepare(`INSERT INTO relationships (id, from_contact_id, to_contact_id, kind, created_at) VALUES (?, ?, ?, ?, ?)`);
  const seenPairs = new Set<string>();
  let relationshipCount = 0;
  const relate = (a: number, b: number, kind: 'partner' | 'parent' | 'sibling' | 'colleague' | 'friend' | 'introduced') => {
    if (a === b) return;
    const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (seenPairs.has(pair)) return;
    seenPairs.add(pair);
    insertRelationship.run(r.uuid(), contacts[a]!.id, contacts[b]!.id, kind, Math.round(at(Math.max(contacts[a]!.from, contacts[b]!.from))));
    relationshipCount++;
  };
  sqlite.transaction(() => {
    const family = [...(byArchetype.get('innerFamily') ?? []), ...(byArchetype.get('family') ?? [])];
    for (const a of family) if (r.chance(0.6)) relate(a, r.pick(family), r.weighted([['sibling', 3], ['parent', 2], ['partner', 1]] as const));
    const colleagues = byArchetype.get('colleague') ?? [];
    for (const a of colleagues) if (r.chance(0.25)) relate(a, r.pick(colleagues), 'colleague');
    const friends = [...(byArchetype.get('closeFriend') ?? []), ...(byArchetype.get('friend') ?? [])];
    for (const a of friends) if (r.chance(0.15)) relate(a, r.pick(friends), r.chance(0.1) ? 'partner' : 'friend');
    for (let i = 0; i < contacts.length; i++) if (r.chance(0.03)) relate(r.int(0, contacts.length - 1), i, 'introduced');
  })();
  step('relationships', relationshipCount, t0);

  // ---- interactions: place every contact's rhythm in time, then write them oldest first
  t0 = performance.now();
  const total = options.size.interactions;
  const when = new Float64Array(total);
  const who = new Int32Array(total);
  let k = 0;
  contacts.forEach((c, i) => {
    for (const t of placeInteractions(r, c, ARCHETYPES[c.archetype], at, now)) {
      when[k] = t;
      who[k] = i;
      k++;
    }
  });
  if (k !== total) throw new Error(`planned ${total} interactions, placed ${k}`);
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => when[a]! - when[b]! || a - b);
  log(`  placed ${total.toLocaleString('en-US')} interactions in time  ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const rebuildIndexes = dropSecondaryIndexes(sqlite, ['interactions', 'interaction_participants']);
  const insertInteraction = sqlite.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, duration_minutes, rating, summary, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertParticipant = sqlite.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?, ?, ?, ?, ?, ?)`);
  const groupOf = (i: number) => byArchetype.get(contacts[i]!.archetype) ?? [i];
  let participantCount = 0;
  const BATCH = 100_000;
  t0 = performance.now();
  for (let start = 0; start < total; start += BATCH) {
    const end = Math.min(total, start + BATCH);
    sqlite.transaction(() => {
      for (let n = start; n < end; n++) {
        const idx = order[n]!;
        const c = contacts[who[idx]!]!;
        const spec = ARCHETYPES[c.archetype];
        const occurred = Math.round(when[idx]!);
        const kind = r.weighted(spec.kinds);
        const direction: Direction = r.chance(c.outboundShare) ? 'outbound' : r.chance(0.6) ? 'inbound' : 'mutual';
        const rating = r.chance(c.ratingShare) ? Math.max(1, Math.min(5, Math.round(r.gaussian(c.meanRating, 0.8)))) : null;
        const duration = durationOf(r, kind);
        const summary = r.chance(0.15) ? '' : summaryOf(r, kind);
        const notes = r.chance(0.08) ? r.pick(NOTE_LINES) : '';
        const created = Math.min(now, occurred + r.int(0, 2 * 3600) * 1000);
        const id = r.uuid();
        insertInteraction.run(id, occurred, kind, direction, duration, rating, summary, notes, created, created);
        insertParticipant.run(id, c.id, occurred, kind, direction, rating);
        participantCount++;
        // a dinner with several friends, a client meeting with their team
        if (c.archetype !== 'acquaintance' && (kind === 'meeting' || kind === 'video') && r.chance(0.18)) {
          const group = groupOf(who[idx]!);
          const extra = new Set<number>([who[idx]!]);
          const wanted = r.int(1, 3);
          for (let tries = 0; extra.size <= wanted && tries < 8; tries++) extra.add(r.pick(group));
          extra.delete(who[idx]!);
          for (const j of [...extra].sort((a, b) => a - b)) {
            insertParticipant.run(id, contacts[j]!.id, occurred, kind, direction, rating);
            participantCount++;
          }
        }
      }
    })();
    log(`  interactions ${end.toLocaleString('en-US').padStart(11)} / ${total.toLocaleString('en-US')}  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  rows.interactions = total;
  rows.interaction_participants = participantCount;
  if (rebuildIndexes.length) {
    t0 = performance.now();
    restoreIndexes(sqlite, rebuildIndexes);
    log(`  rebuilt ${rebuildIndexes.length} indexes  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  // ---- reminders: one-off and repeating, some done or dismissed, a few snoozed
  t0 = performance.now();
  const insertReminder = sqlite.prepare(`INSERT INTO reminders (id, contact_id, title, notes, due_date, due_time, recurrence_unit, recurrence_interval, status,
      snoozed_until, last_notified_at, completed_at, source, source_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', NULL, ?, ?)`);
  const active = contacts.map((_, i) => i).filter((i) => contacts[i]!.archetype !== 'acquaintance');
  sqlite.transaction(() => {
    for (let n = 0; n < options.size.reminders; n++) {
      const contactIndex = r.chance(0.8) ? (r.chance(0.85) ? r.pick(active) : r.int(0, contacts.length - 1)) : null;
      const contact = contactIndex === null ? null : contacts[contactIndex]!;
      const title = contact ? r.pick(REMINDER_TITLES).replace('{name}', contact.given) : r.pick(GENERAL_REMINDERS);
      const repeating = r.chance(0.25);
      const unit = repeating ? r.weighted([['week', 3], ['month', 4], ['year', 2], ['day', 1]] as const) : 'none';
      const interval = repeating ? (unit === 'week' ? r.int(1, 2) : unit === 'month' ? r.pick([1, 1, 3, 6]) : 1) : 1;
      // repeating ones sit at their next occurrence; one-offs spread over the last two years and the next four months
      const dueDay = repeating ? r.int(-20, 40) : Math.round(-730 * r.next() ** 1.5 + (r.chance(0.35) ? r.int(0, 120) : 0));
      const dueAt = now + dueDay * DAY;
      const dueDate = dateOf(dueAt);
      const dueTime = r.chance(0.35) ? `${String(r.int(8, 19)).padStart(2, '0')}:${r.pick(['00', '15', '30', '45'])}` : null;
      const past = dueDay < 0;
      const status = past && !repeating ? r.weighted([['done', 65], ['dismissed', 10], ['open', 25]] as const) : !past && r.chance(0.05) ? 'done' : 'open';
      const completed = status === 'done' ? Math.min(now, dueAt + r.int(0, 3) * DAY) : null;
      const notified = past && status !== 'dismissed' ? dueAt : null;
      const snoozed = status === 'open' && r.chance(0.03) ? now + r.int(1, 3) * DAY : null;
      const created = Math.min(now, dueAt - r.int(1, 60) * DAY);
      insertReminder.run(
        r.uuid(), contact?.id ?? null, title, r.chance(0.15) ? r.pick(NOTE_LINES) : '', dueDate, dueTime, unit, interval, status,
        snoozed, notified, completed, created, completed ?? created,
      );
    }
  })();
  step('reminders', options.size.reminders, t0);

  // ---- value entries: clients invoice through their active period and mostly pay
  t0 = performance.now();
  const insertValue = sqlite.prepare(`INSERT INTO value_entries (id, contact_id, occurred_on, amount_minor, currency, kind, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  let valueCount = 0;
  sqlite.transaction(() => {
    for (const i of byArchetype.get('client') ?? []) {
      const c = contacts[i]!;
      const months = Math.max(1, Math.round(((c.to - c.from) * (now - historyStart)) / (30 * DAY)));
      const invoices = Math.min(months, r.int(2, 24));
      for (let n = 0; n < invoices; n++) {
        // invoices go out around midday, which also keeps the date cache small
        const invoicedAt = Math.floor(at(c.from + ((c.to - c.from) * (n + r.next())) / invoices) / DAY) * DAY + 11 * 3600_000;
        const amount = r.int(50, 1500) * 1000;
        insertValue.run(r.uuid(), c.id, dateOf(invoicedAt), amount, c.currency, 'invoiced', `Invoice ${nowYear}-${String(n + 1).padStart(3, '0')}`, invoicedAt);
        valueCount++;
        const paidAt = invoicedAt + r.int(10, 45) * DAY;
        if (paidAt <= now && r.chance(0.88)) {
          insertValue.run(r.uuid(), c.id, dateOf(paidAt), amount, c.currency, 'paid', '', paidAt);
          valueCount++;
        }
      }
    }
  })();
  step('value_entries', valueCount, t0);

  // as the app leaves a file it has opened (services/phones.ts): the region is set and the numbers'
  // E.164 forms, computed with it above, are marked as such; without these the first open computed
  // every number's again (865 ms of huge's 1.07 s first open), which no file an import wrote needs
  const setting = sqlite.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`);
  setting.run('phoneRegion', JSON.stringify('US'));
  setting.run('phones.normalizedRegion', JSON.stringify('US'));

  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  if (existsSync(options.out)) rmSync(options.out);
  for (const f of [`${options.out}-wal`, `${options.out}-shm`]) rmSync(f, { force: true });
  renameSync(partial, options.out);
  const bytes = statSync(options.out).size;
  const seconds = (performance.now() - started) / 1000;
  log(`  done: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
  return { path: options.out, seconds, bytes, historyYears, rows };
}

/** localDateOf, remembered per quarter hour (every zone's offset is a multiple of 15 minutes): formatting in a zone is slow */
function localDates(timeZone: string): (instant: number) => string {
  const QUARTER = 900_000;
  const cache = new Map<number, string>();
  return (instant) => {
    const quarter = Math.floor(instant / QUARTER);
    let date = cache.get(quarter);
    if (date === undefined) {
      date = localDateOf(quarter * QUARTER, timeZone);
      cache.set(quarter, date);
    }
    return date;
  };
}

/** Migrations stamp their seed rows with the wall clock; pin those to "now" so the same seed gives the same file. */
function pinMigrationTimestamps(sqlite: Database.Database, now: number) {
  // a row the update moves (it grew a column a migration added) leaves its old bytes, with the
  // wall-clock time in them, in the freed space: zero them, so the same seed gives the same file
  sqlite.pragma('secure_delete = ON');
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  for (const table of tables) {
    const columns = sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[];
    for (const col of columns) {
      if (!/_at$/.test(col.name) || col.type.toUpperCase() !== 'INTEGER') continue;
      sqlite.prepare(`UPDATE "${table}" SET "${col.name}" = ? WHERE "${col.name}" IS NOT NULL`).run(now);
    }
  }
  sqlite.pragma('secure_delete = OFF');
}

function planContacts(r: Random, size: SizeSpec): PlannedContact[] {
  const cultureWeights = CULTURES.map((c) => [c, c.weight] as const);
  const out: PlannedContact[] = [];
  for (let i = 0; i < size.contacts; i++) {
    let archetype: Archetype = 'acquaintance';
    let u = r.next();
    for (const a of ARCHETYPE_ORDER) {
      u -= ARCHETYPES[a].share;
      if (u < 0) {
        archetype = a;
        break;
      }
    }
    const spec = ARCHETYPES[archetype];
    const culture = r.weighted(cultureWeights);
    const length = spec.activeFraction[0] + r.next() * (spec.activeFraction[1] - spec.activeFraction[0]);
    // colleagues: 60% still at the same place; the rest left some time ago
    let to = 1;
    if (archetype === 'colleague' && r.chance(0.4)) to = 0.4 + r.next() * 0.55;
    if (archetype === 'acquaintance') to = r.next() * 0.9;
    const from = archetype === 'acquaintance' ? Math.max(0, to - 0.05 * r.next()) : Math.max(0, to - length);
    const oneSided = r.chance(0.1);
    let given = r.pick(culture.given);
    if (culture.middleInitial && r.chance(0.2)) given = `${given} ${String.fromCharCode(65 + r.int(0, 25))}.`;
    let family = r.pick(culture.family);
    if (culture.doubleFamily && r.chance(0.8)) {
      const second = r.pick(culture.family);
      if (second !== family) family = `${family} ${second}`;
    }
    out.push({
      id: r.uuid(),
      archetype,
      culture,
      given,
      family,
      from,
      to,
      count: 0,
      outboundShare: oneSided ? 0.88 : 0.3 + r.next() * 0.3,
      meanRating: 3 + r.next() * 1.6,
      ratingShare: r.next() * 0.6,
      company: archetype === 'colleague' || archetype === 'client' || r.chance(0.15) ? r.pick(COMPANIES) : null,
      currency: r.weighted([['EUR', 60], ['USD', 20], ['GBP', 15], ['DKK', 3], ['PLN', 2]] as const),
    });
  }
  return out;
}

/**
 * Gives each contact its number of interactions so that the total is exactly `total`. Rhythms are
 * fixed (weekly is weekly); what adapts is how many years of history the log covers.
 * Returns that length in years.
 */
function allocateInteractions(r: Random, contacts: PlannedContact[], total: number): number {
  const perContactRate = contacts.map((c) => ARCHETYPES[c.archetype].perYear * (0.6 + r.next() * 0.8) * (c.to - c.from));
  const fixed = contacts.map((c): number => (c.archetype === 'acquaintance' ? r.weighted([[1, 40], [2, 30], [3, 20], [4, 10]] as const) : 0));
  const fixedSum = fixed.reduce((a, b) => a + b, 0);
  const rateSum = perContactRate.reduce((a, b) => a + b, 0);
  const years = Math.min(25, Math.max(1, (total - fixedSum) / Math.max(rateSum, 1e-9)));
  const expected = contacts.map((_, i) => fixed[i]! + perContactRate[i]! * years);
  const expectedSum = expected.reduce((a, b) => a + b, 0);
  const scaled = expected.map((e) => (e * total) / expectedSum);
  let assigned = 0;
  contacts.forEach((c, i) => {
    c.count = Math.floor(scaled[i]!);
    assigned += c.count;
  });
  // largest remainders get the last few, ties by position: exact and deterministic
  const byRemainder = contacts.map((_, i) => i).sort((a, b) => scaled[b]! - Math.floor(scaled[b]!) - (scaled[a]! - Math.floor(scaled[a]!)) || a - b);
  for (let n = 0; assigned < total; n = (n + 1) % contacts.length) {
    contacts[byRemainder[n]!]!.count++;
    assigned++;
  }
  return years;
}

/** the instants of one contact's interactions, following its archetype's rhythm */
function placeInteractions(r: Random, c: PlannedContact, spec: ArchetypeSpec, at: (fraction: number) => number, now: number): number[] {
  const n = c.count;
  if (n === 0) return [];
  const start = at(c.from);
  const end = Math.min(now - 3600_000, at(c.to));
  const span = Math.max(DAY, end - start);
  const times: number[] = [];
  if (spec.pattern === 'regular') {
    // some relationships have lapsed lately: the last contact lies a little before the end
    const lag = Math.min(span / 2, (r.chance(0.25) ? r.next() * 3 : r.next() * 0.5) * (span / n));
    const gap = (span - lag) / n;
    for (let i = 0; i < n; i++) times.push(end - lag - i * gap + r.gaussian(0, gap * 0.3));
  } else if (spec.pattern === 'bursts') {
    // projects: a few weeks of close contact, then quiet
    const bursts = Math.max(1, Math.round(n / 25));
    let left = n;
    for (let b = 0; b < bursts; b++) {
      const m = b === bursts - 1 ? left : Math.round(n / bursts);
      left -= m;
      const length = r.int(3, 10) * 7 * DAY;
      const burstStart = start + r.next() * Math.max(0, span - length);
      for (let i = 0; i < m; i++) times.push(burstStart + r.next() * length);
    }
  } else {
    for (let i = 0; i < n; i++) times.push(start + r.next() * Math.max(DAY, Math.min(span, 180 * DAY)));
  }
  return times.map((t) => timeOfDay(r, Math.min(end, Math.max(start, t)), spec.working, now));
}

/** moves an instant to a plausible hour: working hours on weekdays for work, else daytime and evenings */
function timeOfDay(r: Random, t: number, working: boolean, now: number): number {
  let day = Math.floor(t / DAY);
  if (working) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday === 0) day += 1;
    if (weekday === 6) day -= 1;
  }
  const hour = working ? r.int(8, 17) : r.int(9, 21);
  const result = day * DAY + hour * 3600_000 + r.int(0, 59) * 60_000;
  return result > now ? now - r.int(1, 600) * 60_000 : result;
}

function durationOf(r: Random, kind: InteractionKind): number | null {
  switch (kind) {
    case 'call':
      return r.int(3, 60);
    case 'video':
      return r.int(15, 90);
    case 'meeting':
      return r.int(30, 150);
    default:
      return null;
  }
}

function summaryOf(r: Random, kind: InteractionKind): string {
  const topic = r.pick(TOPICS);
  switch (kind) {
    case 'call':
      return `Call about ${topic}`;
    case 'video':
      return `Video call: ${topic}`;
    case 'meeting':
      return r.chance(0.5) ? `Lunch at ${r.pick(PLACES)}` : `Met to talk about ${topic}`;
    case 'message':
      return `Messages about ${topic}`;
    case 'email':
      return `Email re: ${topic}`;
    case 'social':
      return `Commented on ${topic}`;
    default:
      return `Ran into them at ${r.pick(PLACES)}`;
  }
}

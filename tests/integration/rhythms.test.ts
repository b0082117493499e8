// Rhythms by tag and a tolerance (issue 17, point 8) against a real file: which cadence applies
// (own, tags, circle: one rule, the same in SQL and TypeScript), "due at the ideal, overdue only
// past the latest" on the dashboard and in the score, the derived health table following tag
// changes, typed errors, and the JSON export keeping it all.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';
import { allContactsHealth, computeAllContactsHealth } from '../../db/queries/health';
import { rhythmPackedSql, unpackRhythm } from '../../db/queries/cadence';
import { effectiveRhythm } from '../../shared/domain/cadence';

const DAY = 86_400_000;
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
let kith: TestBackend;
beforeEach(async () => {
  clock.set('2026-03-01T10:00:00Z');
  kith = await startTestBackend({ clock });
});
afterEach(async () => kith.dispose());

const tagId = async (name: string) => (await kith.call('tags.list', {})).find((t) => t.name === name)!.id;
const daysAgo = (n: number) => clock.now().getTime() - n * DAY;
const dashboard = () => kith.call('health.dashboard', {});
/** the derived table must say what computing from scratch says */
const tableAgrees = () => {
  const now = clock.now().getTime();
  const byId = (rows: Array<{ id: string }>) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(byId(allContactsHealth(kith.sqlite, now, 'Europe/Berlin'))).toEqual(byId(computeAllContactsHealth(kith.sqlite, now, 'Europe/Berlin')));
};

describe('which rhythm applies', () => {
  it('own cadence wins; otherwise the shortest reminding one of tags and circle; a tag never loosens it', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', circleId: 'circle-friends', tags: ['Mentor', 'Yearly'] });
    await kith.call('tags.setCadence', { id: await tagId('Mentor'), cadenceDays: 14, cadenceLatestDays: 21 });
    await kith.call('tags.setCadence', { id: await tagId('Yearly'), cadenceDays: 365, cadenceLatestDays: null });
    expect((await kith.call('contacts.get', { id: ada.id })).rhythm).toEqual({ days: 14, latestDays: 21, source: 'tag', sourceName: 'Mentor' });
    expect((await kith.call('health.forContact', { contactId: ada.id })).health).toMatchObject({ cadenceDays: 14, toleranceDays: 7 });

    // a tag with a longer rhythm than the circle does not loosen it
    await kith.call('tags.setCadence', { id: await tagId('Mentor'), cadenceDays: null, cadenceLatestDays: null });
    expect((await kith.call('contacts.get', { id: ada.id })).rhythm).toEqual({ days: 30, latestDays: 30, source: 'circle', sourceName: 'Friends' });

    // the contact's own says the last word, "never" included
    await kith.call('contacts.update', { id: ada.id, cadenceDays: 0 });
    expect((await kith.call('contacts.get', { id: ada.id })).rhythm).toMatchObject({ days: 0, source: 'contact' });
    expect((await kith.call('health.forContact', { contactId: ada.id })).health.score).toBeNull();
    tableAgrees();
  });

  it('the SQL twin gives the same rhythm as the rule on random settings', async () => {
    const setting = fc.option(fc.record({ days: fc.integer({ min: 0, max: 60 }), extra: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }) }), { nil: null });
    const circles = ['circle-family', 'circle-friends', 'circle-colleagues', 'circle-clients'];
    await fc.assert(
      fc.asyncProperty(setting, fc.array(setting, { minLength: 3, maxLength: 3 }), fc.option(fc.constantFrom(...circles), { nil: null }), fc.option(setting, { nil: null }), fc.subarray([0, 1, 2]), async (own, tagSettings, circleId, circleSetting, carried) => {
        const latest = (s: { days: number; extra: number | null }) => (s.extra === null || s.days === 0 ? null : s.days + s.extra);
        const c = await kith.call('contacts.create', { displayName: 'Someone', circleId, tags: carried.map((i) => `T${i}`) });
        if (own) await kith.call('contacts.update', { id: c.id, cadenceDays: own.days, cadenceLatestDays: latest(own) });
        for (let i = 0; i < 3; i++) {
          const id = (await kith.call('tags.list', {})).find((t) => t.name === `T${i}`)?.id;
          const s = tagSettings[i]!;
          if (id) await kith.call('tags.setCadence', { id, cadenceDays: s?.days ?? null, cadenceLatestDays: s ? latest(s) : null });
        }
        if (circleId && circleSetting) await kith.call('circles.update', { id: circleId, defaultCadenceDays: circleSetting.days, defaultCadenceLatestDays: latest(circleSetting) });
        const row = kith.sqlite
          .prepare(`SELECT c.cadence_days, c.cadence_latest_days, ci.default_cadence_days, ci.default_cadence_latest_days FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.id = ?`)
          .get(c.id) as Record<string, number | null>;
        const tags = kith.sqlite
          .prepare(`SELECT t.cadence_days AS days, t.cadence_latest_days AS latestDays FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? AND t.cadence_days IS NOT NULL`)
          .all(c.id) as Array<{ days: number; latestDays: number | null }>;
        const rule = effectiveRhythm(
          row.cadence_days === null ? null : { days: row.cadence_days!, latestDays: row.cadence_latest_days ?? null },
          tags,
          row.default_cadence_days === null ? null : { days: row.default_cadence_days!, latestDays: row.default_cadence_latest_days ?? null },
        );
        const packed = kith.sqlite.prepare(`SELECT ${rhythmPackedSql('c')} FROM contacts c WHERE c.id = ?`).pluck().get(c.id) as number;
        expect(unpackRhythm(packed)).toEqual({ days: rule.days, latestDays: rule.latestDays });
        expect((await kith.call('contacts.get', { id: c.id })).rhythm).toMatchObject({ days: rule.days, latestDays: rule.latestDays, source: rule.source });
      }),
      { numRuns: 40 },
    );
    tableAgrees();
  });
});

describe('due at the ideal, overdue only past the latest', () => {
  it('every 4 weeks, at worst 6: due and coming up at 30 days, overdue at 42; the score holds until then', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', circleId: 'circle-friends', cadenceDays: 28, cadenceLatestDays: 42 });
    await kith.call('interactions.log', { kind: 'call', participantIds: [ada.id], occurredAt: daysAgo(30) });

    let health = (await kith.call('health.forContact', { contactId: ada.id })).health;
    expect(health).toMatchObject({ nextCheckIn: '2026-02-27', latestCheckIn: '2026-03-13', daysOverdue: 2, overdue: false });
    expect(health.parts!.recency).toBe(100);
    let home = await dashboard();
    expect(home.overdue.total).toBe(0);
    expect(home.comingUp.filter((i) => i.kind === 'checkin').map((i) => [i.displayName, i.daysAway])).toEqual([['Ada', 0]]);
    // the Reminders page lists it as due (from the ideal day), not as days overdue
    expect((await kith.call('reminders.checkIns', {})).checkIns.map((c) => [c.contactName, c.dueDate, c.daysOverdue])).toEqual([['Ada', '2026-02-27', 0]]);
    expect(health.explanation).toContain('you aim for every 4 weeks, at worst every 6 weeks');
    tableAgrees();

    clock.set('2026-03-13T10:00:00Z'); // 42 days after the call: the latest day
    health = (await kith.call('health.forContact', { contactId: ada.id })).health;
    expect(health.overdue).toBe(true);
    home = await dashboard();
    expect(home.overdue.total).toBe(1);
    expect(home.overdue.items.map((i) => [i.displayName, i.daysOverdue])).toEqual([['Ada', 0]]);
    expect(home.comingUp.filter((i) => i.kind === 'checkin')).toEqual([]);
    clock.set('2026-03-15T10:00:00Z');
    expect((await kith.call('reminders.checkIns', {})).checkIns.map((c) => [c.contactName, c.daysOverdue])).toEqual([['Ada', 2]]);
    clock.set('2026-03-13T10:00:00Z');
    tableAgrees();

    // the same contact without the tolerance was overdue from day 28, its recency falling after it
    await kith.call('contacts.update', { id: ada.id, cadenceDays: 28 });
    expect((await kith.call('contacts.get', { id: ada.id })).cadenceLatestDays).toBeNull();
    home = await dashboard();
    expect(home.overdue.items.map((i) => [i.displayName, i.daysOverdue])).toEqual([['Ada', 14]]);
    expect((await kith.call('health.forContact', { contactId: ada.id })).health.parts!.recency).toBeLessThan(100);
    tableAgrees();
  });

  it('dormant waits for the tolerance too', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', cadenceDays: 10, cadenceLatestDays: 20 });
    await kith.call('interactions.log', { kind: 'call', participantIds: [ada.id], occurredAt: daysAgo(35) });
    expect((await kith.call('health.forContact', { contactId: ada.id })).health.flags.map((f) => f.flag)).not.toContain('dormant');
    clock.set('2026-03-06T10:00:00Z'); // 40 days = 3 cadences + the 10 days of tolerance
    expect((await kith.call('health.forContact', { contactId: ada.id })).health.flags.map((f) => f.flag)).toContain('dormant');
    tableAgrees();
  });
});

describe('the derived health follows tag changes', () => {
  it('setting, changing and removing a tag rhythm, tagging, untagging and deleting the tag refresh contact_health', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', circleId: 'circle-colleagues', tags: ['Close'] });
    const bob = await kith.call('contacts.create', { displayName: 'Bob', circleId: 'circle-colleagues' });
    for (const c of [ada, bob]) await kith.call('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: daysAgo(20) });
    const overdueNames = async () => (await dashboard()).overdue.items.map((i) => i.displayName).sort();
    expect(await overdueNames()).toEqual([]); // colleagues: every 60 days
    const close = await tagId('Close');
    await kith.call('tags.setCadence', { id: close, cadenceDays: 14, cadenceLatestDays: null });
    expect(await overdueNames()).toEqual(['Ada']);
    tableAgrees();
    await kith.call('tags.setCadence', { id: close, cadenceDays: 14, cadenceLatestDays: 28 });
    expect(await overdueNames()).toEqual([]);
    await kith.call('tags.setCadence', { id: close, cadenceDays: 7, cadenceLatestDays: 10 });
    await kith.call('contacts.update', { id: bob.id, tags: ['Close'] });
    expect(await overdueNames()).toEqual(['Ada', 'Bob']);
    tableAgrees();
    await kith.call('contacts.update', { id: bob.id, tags: [] });
    expect(await overdueNames()).toEqual(['Ada']);
    const { deleted } = await kith.call('tags.delete', { id: close });
    expect(await overdueNames()).toEqual([]);
    tableAgrees();
    // Undo brings the tag back with its rhythm, and the health with it
    expect(await kith.call('tags.restore', deleted)).toMatchObject({ cadenceDays: 7, cadenceLatestDays: 10 });
    expect(await overdueNames()).toEqual(['Ada']);
    tableAgrees();
  });
});

describe('typed errors and the JSON export', () => {
  it('refuses a latest interval shorter than the cadence or without one, naming the field, and writes nothing', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', tags: ['Mentor'] });
    const mentor = await tagId('Mentor');
    const short = await kith.call('tags.setCadence', { id: mentor, cadenceDays: 30, cadenceLatestDays: 20 }).catch((e) => e);
    expect([short.code, short.field, short.message]).toEqual(['invalid_input', 'cadenceLatestDays', 'The latest interval cannot be shorter than the cadence (30 days)']);
    const alone = await kith.call('contacts.update', { id: ada.id, cadenceLatestDays: 40 }).catch((e) => e);
    expect([alone.code, alone.field]).toEqual(['invalid_input', 'cadenceLatestDays']);
    const circle = await kith.call('circles.update', { id: 'circle-friends', defaultCadenceLatestDays: 10 }).catch((e) => e);
    expect([circle.code, circle.field]).toEqual(['invalid_input', 'defaultCadenceLatestDays']);
    const missing = await kith.call('tags.setCadence', { id: 'no-such-tag', cadenceDays: 7, cadenceLatestDays: null }).catch((e) => e);
    expect(missing.code).toBe('not_found');
    expect(kith.sqlite.prepare(`SELECT count(*) FROM tags WHERE cadence_days IS NOT NULL`).pluck().get()).toBe(0);
    expect(kith.sqlite.prepare(`SELECT cadence_latest_days FROM contacts`).pluck().get()).toBeNull();
  });

  it('restores tag rhythms and tolerances from a JSON export', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', tags: ['Mentor'], cadenceDays: 28, cadenceLatestDays: 42 });
    await kith.call('tags.setCadence', { id: await tagId('Mentor'), cadenceDays: 14, cadenceLatestDays: 21 });
    await kith.call('circles.update', { id: 'circle-family', defaultCadenceLatestDays: 21 });
    const file = await kith.call('transfer.export', { format: 'json' });
    const fresh = await startTestBackend({ clock });
    try {
      await importFile(fresh, file.fileName, file.content!);
      expect((await fresh.call('tags.list', {})).find((t) => t.name === 'Mentor')).toMatchObject({ cadenceDays: 14, cadenceLatestDays: 21 });
      expect(await fresh.call('contacts.get', { id: ada.id })).toMatchObject({ cadenceDays: 28, cadenceLatestDays: 42, rhythm: { days: 28, latestDays: 42, source: 'contact' } });
      expect((await fresh.call('circles.list', {})).find((c) => c.id === 'circle-family')).toMatchObject({ defaultCadenceDays: 14, defaultCadenceLatestDays: 21 });
    } finally {
      await fresh.dispose();
    }
  });

  it('carries the own latest interval through vCard (X-KITH-CADENCE-LATEST) and drops one below its cadence', async () => {
    await kith.call('contacts.create', { displayName: 'Ada', cadenceDays: 28, cadenceLatestDays: 42 });
    await kith.call('contacts.create', { displayName: 'Bea', cadenceDays: 28, cadenceLatestDays: 35 });
    const file = await kith.call('transfer.export', { format: 'vcard' });
    expect(file.content).toContain('X-KITH-CADENCE-LATEST:42');
    // a hand-edited file: Bea's latest below her cadence is not applied but kept in her notes, her cadence kept
    const edited = file.content!.replace('X-KITH-CADENCE-LATEST:35', 'X-KITH-CADENCE-LATEST:7');
    const fresh = await startTestBackend({ clock });
    try {
      await importFile(fresh, 'people.vcf', edited);
      const rows = fresh.sqlite.prepare(`SELECT display_name, cadence_days, cadence_latest_days FROM contacts ORDER BY display_name`).all();
      expect(rows).toEqual([
        { display_name: 'Ada', cadence_days: 28, cadence_latest_days: 42 },
        { display_name: 'Bea', cadence_days: 28, cadence_latest_days: null },
      ]);
      expect(fresh.sqlite.prepare(`SELECT notes FROM contacts WHERE display_name = 'Bea'`).pluck().get()).toContain('Latest check-in (does not fit the cadence): every 7 days');
    } finally {
      await fresh.dispose();
    }
  });
});

// Interactions as VJOURNAL entries in Kith's journal collection, so two Kith installs on one
// account share the whole history: DTSTART (the moment, in UTC), SUMMARY, DESCRIPTION, one
// ATTENDEE per participant (urn:uuid: the contact's UID, CN its name), and Kith's own fields as
// X-KITH-KIND, X-KITH-DIRECTION, X-KITH-RATING and X-KITH-DURATION-MINUTES. Health tables are
// derived from interaction_participants by their own triggers, so nothing derived travels.
import type Database from 'better-sqlite3';
import ICAL from 'ical.js';
import { prepared } from '../../db/prepared';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import { DIRECTIONS, INTERACTION_KINDS, type Interaction } from '../../shared/domain/interaction';
import { propertyReader, type CalendarItemKind } from './caldav-items';

export interface JournalFields {
  [key: string]: unknown;
  occurredAt: number;
  kind: Interaction['kind'];
  direction: Interaction['direction'];
  durationMinutes: number | null;
  rating: number | null;
  summary: string;
  notes: string;
  /** contact ids, sorted */
  participants: string[];
}

interface InteractionRow {
  id: string;
  occurred_at: number;
  kind: Interaction['kind'];
  direction: Interaction['direction'];
  duration_minutes: number | null;
  rating: number | null;
  summary: string;
  notes: string;
}

export const journalKind: CalendarItemKind<JournalFields> = {
  kind: 'journal',
  component: 'vjournal',
  scalars: ['occurredAt', 'kind', 'direction', 'durationMinutes', 'rating', 'summary', 'notes'],
  sets: ['participants'],
  labels: { occurredAt: 'When', kind: 'Kind', direction: 'Direction', durationMinutes: 'Duration', rating: 'Rating', summary: 'Summary', notes: 'Notes', participants: 'People' },
  describe(field, value) {
    if (value === null || value === '') return '(none)';
    if (field === 'occurredAt') return new Date(value as number).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    if (field === 'durationMinutes') return `${String(value)} min`;
    return String(value);
  },
  title: (f) => f.summary || `${f.kind} (${new Date(f.occurredAt).toISOString().slice(0, 10)})`,

  readLocal(sqlite, ids) {
    const list = JSON.stringify(ids ?? []);
    const rows = (ids ? sqlite.prepare(`SELECT * FROM interactions WHERE id IN (SELECT value FROM json_each(?))`).all(list) : sqlite.prepare(`SELECT * FROM interactions`).all()) as InteractionRow[];
    const people = new Map<string, string[]>();
    const parts = ids
      ? sqlite.prepare(`SELECT interaction_id, contact_id FROM interaction_participants WHERE interaction_id IN (SELECT value FROM json_each(?))`).all(list)
      : sqlite.prepare(`SELECT interaction_id, contact_id FROM interaction_participants`).all();
    for (const p of parts as { interaction_id: string; contact_id: string }[]) {
      const list = people.get(p.interaction_id);
      if (list) list.push(p.contact_id);
      else people.set(p.interaction_id, [p.contact_id]);
    }
    return new Map(
      rows.map((r) => [
        r.id,
        { occurredAt: r.occurred_at, kind: r.kind, direction: r.direction, durationMinutes: r.duration_minutes, rating: r.rating, summary: r.summary, notes: r.notes, participants: (people.get(r.id) ?? []).sort() },
      ]),
    );
  },

  writeLocal(sqlite, id, f, now, create) {
    const participants = f.participants.filter((c) => sqlite.prepare(`SELECT 1 FROM contacts WHERE id = ?`).get(c));
    if (!participants.length) return { error: 'none of its people is a contact in Kith' };
    if (create) {
      sqlite
        .prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, duration_minutes, rating, summary, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, f.occurredAt, f.kind, f.direction, f.durationMinutes, f.rating, f.summary, f.notes, now, now);
    } else {
      sqlite
        .prepare(`UPDATE interactions SET occurred_at = ?, kind = ?, direction = ?, duration_minutes = ?, rating = ?, summary = ?, notes = ?, updated_at = max(?, updated_at + 1) WHERE id = ?`)
        .run(f.occurredAt, f.kind, f.direction, f.durationMinutes, f.rating, f.summary, f.notes, now, id);
      sqlite.prepare(`DELETE FROM interaction_participants WHERE interaction_id = ?`).run(id);
    }
    const insert = sqlite.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const c of participants) insert.run(id, c, f.occurredAt, f.kind, f.direction, f.rating);
    return { ok: true };
  },

  deleteLocal(sqlite, id) {
    sqlite.prepare(`DELETE FROM interactions WHERE id = ?`).run(id);
  },

  toComponent(comp, f, sqlite) {
    comp.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(f.occurredAt), true));
    if (f.summary) comp.addPropertyWithValue('summary', f.summary);
    if (f.notes) comp.addPropertyWithValue('description', f.notes);
    comp.addPropertyWithValue('x-kith-kind', f.kind);
    comp.addPropertyWithValue('x-kith-direction', f.direction);
    if (f.rating !== null) comp.addPropertyWithValue('x-kith-rating', String(f.rating));
    if (f.durationMinutes !== null) comp.addPropertyWithValue('x-kith-duration-minutes', String(f.durationMinutes));
    const name = sqlite.prepare(`SELECT display_name FROM contacts WHERE id = ?`);
    for (const c of f.participants) {
      const attendee = comp.addPropertyWithValue('attendee', `urn:uuid:${c}`);
      const row = name.get(c) as { display_name: string } | undefined;
      if (row) attendee.setParameter('cn', row.display_name);
    }
  },

  fromComponent(comp, sqlite) {
    const { used, take, text } = propertyReader(comp);
    const warnings: string[] = [];
    const start = (take('dtstart')?.getFirstValue() ?? comp.getFirstPropertyValue('dtstamp')) as ICAL.Time | null;
    if (!(start instanceof ICAL.Time)) return { error: 'the journal entry has no date' };
    const occurredAt = start.toJSDate().getTime();
    const kindText = text('x-kith-kind');
    const kind = (INTERACTION_KINDS as readonly string[]).includes(kindText) ? (kindText as JournalFields['kind']) : 'other';
    if (kindText && kind === 'other' && kindText !== 'other') warnings.push(`kind "${kindText.slice(0, 40)}" read as other`);
    const directionText = text('x-kith-direction');
    const direction = (DIRECTIONS as readonly string[]).includes(directionText) ? (directionText as JournalFields['direction']) : 'mutual';
    const int = (name: string, min: number, max: number) => {
      const raw = text(name);
      if (!raw) return null;
      const n = Number(raw);
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      warnings.push(`${name.toUpperCase()} "${raw.slice(0, 20)}" left out`);
      return null;
    };
    const rating = int('x-kith-rating', 1, 5);
    const durationMinutes = int('x-kith-duration-minutes', 0, 7 * 24 * 60);
    let summary = text('summary');
    if (summary.length > 500) {
      warnings.push('the summary was cut to 500 characters');
      summary = summary.slice(0, 500);
    }
    const notes = text('description');
    const participants = new Set<string>();
    // by the compared form, the index's second column: `value = ? COLLATE NOCASE` walked every email in the file per attendee
    // (an email's compared form does not depend on the phone region passed)
    const byEmail = prepared(sqlite, `SELECT contact_id FROM contact_methods WHERE kind = 'email' AND value_normalized = ? LIMIT 1`);
    const exists = sqlite.prepare(`SELECT 1 FROM contacts WHERE id = ?`);
    for (const attendee of comp.getAllProperties('attendee')) {
      const value = String(attendee.getFirstValue() ?? '');
      const uid = /^urn:uuid:(.+)$/i.exec(value)?.[1];
      const mail = /^mailto:(.+)$/i.exec(value)?.[1];
      const id = uid && exists.get(uid) ? uid : mail ? (byEmail.get(normalizeMethodValue('email', mail, 'US')) as { contact_id: string } | undefined)?.contact_id : undefined;
      if (id) {
        participants.add(id);
        used.add(attendee);
      } // someone Kith does not know stays on the entry as it is
    }
    return { fields: { occurredAt, kind, direction, durationMinutes, rating, summary, notes, participants: [...participants].sort() }, used, warnings };
  },
};

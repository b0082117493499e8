// Kith's own reminders as VTODO in a CalDAV task list, so a phone's reminders app shows them:
// SUMMARY/DESCRIPTION, DUE (a date, or a floating wall-clock time: a reminder rings at the user's
// time wherever they are), RRULE (every N days/weeks/months/years), STATUS (NEEDS-ACTION,
// COMPLETED, CANCELLED), a VALARM at the due time, a snooze as a VALARM at an absolute time, and
// RELATED-TO the contact's UID. Generated reminders (birthdays, anniversaries, check-ins) are made
// from the contact, which syncs itself, and the done records of a repeating series are history:
// neither is synced. Completing a repeating one on the phone closes the occurrence as Kith does
// (a done record, the series moves to the next date), and the series goes back up.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import ICAL from 'ical.js';
import { nextOccurrenceAfter, RECURRENCE_UNITS, type RecurrenceUnit } from '../../shared/domain/recurrence';
import { propertyReader, type CalendarItemKind } from './caldav-items';

export interface TodoFields {
  [key: string]: unknown;
  title: string;
  notes: string;
  dueDate: string;
  dueTime: string | null;
  recurrence: { unit: RecurrenceUnit; interval: number };
  status: 'open' | 'done' | 'dismissed';
  snoozedUntil: number | null;
  contactId: string | null;
}

interface ReminderRow {
  id: string;
  title: string;
  notes: string;
  due_date: string;
  due_time: string | null;
  recurrence_unit: RecurrenceUnit;
  recurrence_interval: number;
  status: TodoFields['status'];
  snoozed_until: number | null;
  contact_id: string | null;
  anchor_date: string | null;
}

const FREQ: Record<Exclude<RecurrenceUnit, 'none'>, string> = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' };
const UNIT_OF: Record<string, RecurrenceUnit> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };
const STATUS: Record<TodoFields['status'], string> = { open: 'NEEDS-ACTION', done: 'COMPLETED', dismissed: 'CANCELLED' };

const fieldsOf = (r: ReminderRow): TodoFields => ({
  title: r.title,
  notes: r.notes,
  dueDate: r.due_date,
  dueTime: r.due_time,
  recurrence: { unit: r.recurrence_unit, interval: r.recurrence_unit === 'none' ? 1 : r.recurrence_interval },
  status: r.status,
  snoozedUntil: r.snoozed_until,
  contactId: r.contact_id,
});

const SYNCED = `source = 'manual' AND series_id IS NULL`;

export const todoKind: CalendarItemKind<TodoFields> = {
  kind: 'tasks',
  component: 'vtodo',
  scalars: ['title', 'notes', 'dueDate', 'dueTime', 'recurrence', 'status', 'snoozedUntil', 'contactId'],
  sets: [],
  labels: { title: 'Title', notes: 'Notes', dueDate: 'Due date', dueTime: 'Due time', recurrence: 'Repeats', status: 'Done', snoozedUntil: 'Snoozed until', contactId: 'Person' },
  describe(field, value) {
    if (value === null || value === '') return '(none)';
    if (field === 'recurrence') {
      const r = value as TodoFields['recurrence'];
      return r.unit === 'none' ? 'does not repeat' : `every ${r.interval} ${r.unit}${r.interval === 1 ? '' : 's'}`;
    }
    if (field === 'status') return value === 'open' ? 'open' : value === 'done' ? 'done' : 'dismissed';
    if (field === 'snoozedUntil') return new Date(value as number).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    return String(value);
  },
  title: (f) => f.title,

  readLocal(sqlite, ids) {
    const rows = (
      ids
        ? sqlite.prepare(`SELECT * FROM reminders WHERE id IN (SELECT value FROM json_each(?)) AND ${SYNCED}`).all(JSON.stringify(ids))
        : sqlite.prepare(`SELECT * FROM reminders WHERE ${SYNCED}`).all()
    ) as ReminderRow[];
    return new Map(rows.map((r) => [r.id, fieldsOf(r)]));
  },

  writeLocal(sqlite, id, f, now, create, previous) {
    if (f.contactId && !sqlite.prepare(`SELECT 1 FROM contacts WHERE id = ?`).get(f.contactId)) f = { ...f, contactId: null };
    const anchor = f.recurrence.unit === 'none' ? null : f.dueDate;
    if (create) {
      sqlite
        .prepare(
          `INSERT INTO reminders (id, contact_id, title, notes, due_date, due_time, recurrence_unit, recurrence_interval, status, snoozed_until, last_notified_at, completed_at, source, source_key, created_at, updated_at, anchor_date, lead_days, series_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'manual', NULL, ?, ?, ?, 0, NULL)`,
        )
        .run(id, f.contactId, f.title, f.notes, f.dueDate, f.dueTime, f.recurrence.unit, f.recurrence.interval, f.status, f.snoozedUntil, f.status === 'open' ? null : now, now, now, anchor);
      return { ok: true };
    }
    const row = sqlite.prepare(`SELECT * FROM reminders WHERE id = ?`).get(id) as ReminderRow | undefined;
    if (!row) return { error: 'the reminder is no longer in Kith' };
    // closed on the phone while it repeats: the occurrence is recorded as done and the series moves on, as in Kith
    if (f.status !== 'open' && row.status === 'open' && row.recurrence_unit !== 'none' && f.recurrence.unit !== 'none') {
      const next = nextOccurrenceAfter(row.anchor_date ?? row.due_date, { unit: row.recurrence_unit, interval: row.recurrence_interval }, row.due_date)!;
      sqlite
        .prepare(
          `INSERT INTO reminders (id, contact_id, title, notes, due_date, due_time, recurrence_unit, recurrence_interval, status, snoozed_until, last_notified_at, completed_at, source, source_key, created_at, updated_at, anchor_date, lead_days, series_id)
           VALUES (?, ?, ?, ?, ?, ?, 'none', 1, ?, NULL, ?, ?, 'manual', NULL, ?, ?, NULL, 0, ?)`,
        )
        .run(randomUUID(), row.contact_id, row.title, row.notes, row.due_date, row.due_time, f.status, now, now, now, now, id);
      sqlite.prepare(`UPDATE reminders SET due_date = ?, anchor_date = ?, snoozed_until = NULL, last_notified_at = NULL, updated_at = ? WHERE id = ?`).run(next, row.anchor_date ?? row.due_date, now, id);
      return { ok: true };
    }
    const timingChanged = previous && (previous.dueDate !== f.dueDate || previous.dueTime !== f.dueTime || JSON.stringify(previous.recurrence) !== JSON.stringify(f.recurrence));
    sqlite
      .prepare(
        `UPDATE reminders SET contact_id = ?, title = ?, notes = ?, due_date = ?, due_time = ?, recurrence_unit = ?, recurrence_interval = ?, status = ?, snoozed_until = ?,
           completed_at = CASE WHEN ? = 'open' THEN NULL WHEN status = 'open' THEN ? ELSE completed_at END,
           anchor_date = CASE WHEN ? THEN ? ELSE anchor_date END, last_notified_at = CASE WHEN ? THEN NULL ELSE last_notified_at END, updated_at = max(?, updated_at + 1) WHERE id = ?`,
      )
      .run(f.contactId, f.title, f.notes, f.dueDate, f.dueTime, f.recurrence.unit, f.recurrence.interval, f.status, f.snoozedUntil, f.status, now, timingChanged ? 1 : 0, anchor, timingChanged || f.snoozedUntil !== row.snoozed_until ? 1 : 0, now, id);
    return { ok: true };
  },

  deleteLocal(sqlite, id) {
    sqlite.prepare(`DELETE FROM reminders WHERE id = ? AND ${SYNCED}`).run(id);
  },

  toComponent(comp, f) {
    comp.addPropertyWithValue('summary', f.title);
    if (f.notes) comp.addPropertyWithValue('description', f.notes);
    const [y, m, d] = f.dueDate.split('-').map(Number) as [number, number, number];
    const [hh, mm] = f.dueTime ? (f.dueTime.split(':').map(Number) as [number, number]) : [0, 0];
    const due = new ICAL.Time({ year: y, month: m, day: d, hour: hh, minute: mm, second: 0, isDate: !f.dueTime }, undefined as never);
    comp.addPropertyWithValue('due', due);
    if (f.recurrence.unit !== 'none') {
      // RFC 5545 counts a repeating to-do from DTSTART
      comp.addPropertyWithValue('dtstart', due.clone());
      comp.addPropertyWithValue('rrule', new ICAL.Recur({ freq: FREQ[f.recurrence.unit] as never, interval: f.recurrence.interval }));
    }
    comp.addPropertyWithValue('status', STATUS[f.status]);
    if (f.status === 'done') comp.addPropertyWithValue('percent-complete', 100);
    if (f.contactId) {
      const rel = comp.addPropertyWithValue('related-to', f.contactId);
      rel.setParameter('reltype', 'X-KITH-CONTACT');
    }
    const alarm = new ICAL.Component('valarm');
    alarm.addPropertyWithValue('action', 'DISPLAY');
    alarm.addPropertyWithValue('description', f.title);
    const trigger = alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(0));
    trigger.setParameter('related', 'END'); // RFC 5545: a VTODO's END is its DUE
    comp.addSubcomponent(alarm);
    if (f.snoozedUntil !== null) {
      const snooze = new ICAL.Component('valarm');
      snooze.addPropertyWithValue('action', 'DISPLAY');
      snooze.addPropertyWithValue('description', f.title);
      const at = snooze.addPropertyWithValue('trigger', ICAL.Time.fromJSDate(new Date(f.snoozedUntil), true));
      at.setParameter('value', 'DATE-TIME');
      comp.addSubcomponent(snooze);
    }
  },

  fromComponent(comp, sqlite) {
    const { used, take, text } = propertyReader(comp);
    const warnings: string[] = [];
    let title = text('summary').trim() || '(untitled)';
    if (title.length > 300) {
      warnings.push('the title was cut to 300 characters');
      title = title.slice(0, 300);
    }
    let notes = text('description');
    if (notes.length > 10_000) {
      warnings.push('the notes were cut to 10,000 characters');
      notes = notes.slice(0, 10_000);
    }
    const dueProp = take('due') ?? take('dtstart');
    take('dtstart');
    let due = dueProp?.getFirstValue() as ICAL.Time | undefined;
    let dateOnly = due instanceof ICAL.Time && due.isDate;
    if (!(due instanceof ICAL.Time)) {
      dateOnly = true;
      // a to-do without a date (common on phones): due the day it was made
      const made = (comp.getFirstPropertyValue('created') ?? comp.getFirstPropertyValue('dtstamp')) as ICAL.Time | null;
      if (!(made instanceof ICAL.Time)) return { error: 'the to-do has no due date and no date it was made' };
      due = made;
      warnings.push('no due date: due the day it was made');
    }
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const dueDate = `${pad(due.year, 4)}-${pad(due.month)}-${pad(due.day)}`;
    const dueTime = dateOnly ? null : `${pad(due.hour)}:${pad(due.minute)}`;
    let recurrence: TodoFields['recurrence'] = { unit: 'none', interval: 1 };
    const rrule = take('rrule')?.getFirstValue() as ICAL.Recur | undefined;
    if (rrule) {
      const unit = UNIT_OF[String(rrule.freq)];
      if (unit && RECURRENCE_UNITS.includes(unit)) recurrence = { unit, interval: Math.min(Math.max(rrule.interval || 1, 1), 999) };
      else warnings.push(`repeats ${String(rrule.freq)}: Kith keeps it as not repeating`);
      const extra = Object.keys(rrule.parts ?? {}).filter((k) => (rrule.parts as Record<string, unknown[]>)[k]?.length);
      if (extra.length || rrule.count || rrule.until) warnings.push(`the repeat rule's ${[...extra, ...(rrule.count ? ['COUNT'] : []), ...(rrule.until ? ['UNTIL'] : [])].join(', ')} is read as every ${recurrence.interval} ${recurrence.unit}`);
    }
    const statusText = text('status').toUpperCase();
    take('completed');
    take('percent-complete');
    const status: TodoFields['status'] = statusText === 'COMPLETED' || (!statusText && comp.hasProperty('completed')) ? 'done' : statusText === 'CANCELLED' ? 'dismissed' : 'open';
    let contactId: string | null = null;
    for (const rel of comp.getAllProperties('related-to')) {
      const value = String(rel.getFirstValue() ?? '');
      if (!contactId && sqlite.prepare(`SELECT 1 FROM contacts WHERE id = ?`).get(value)) {
        contactId = value;
        used.add(rel);
      }
    }
    let snoozedUntil: number | null = null;
    let dueAlarmSeen = false;
    for (const alarm of comp.getAllSubcomponents('valarm')) {
      const trigger = alarm.getFirstPropertyValue('trigger');
      if (trigger instanceof ICAL.Time) {
        // an alarm at a set time: the phone's (or Kith's) snooze; the latest one counts
        snoozedUntil = Math.max(snoozedUntil ?? 0, trigger.toJSDate().getTime());
        used.add(alarm);
      } else if (trigger instanceof ICAL.Duration && trigger.toSeconds() === 0 && !dueAlarmSeen) {
        dueAlarmSeen = true; // Kith's own alarm at the due time, written again each time
        used.add(alarm);
      }
    }
    if (status !== 'open') snoozedUntil = null;
    return { fields: { title, notes, dueDate, dueTime, recurrence, status, snoozedUntil, contactId }, used, warnings };
  },
};

// Life events: dated moments on a person's timeline. Creating one can leave a follow-up reminder
// ("ask how the new job is going" in 30 days) and a yearly one (an anniversary), in the same
// transaction; the reminders are then ordinary reminders of the user's.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, LifeEventTable } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { yearlyTitle, type LifeEvent } from '../../shared/domain/lifeEvents';
import { addDaysToDate, localDateOf } from '../../shared/domain/localDate';
import { occurrenceOnOrAfter } from '../../shared/domain/recurrence';
import type { HandlerGroup, ServiceContext } from './context';
import { reminderHandlers } from './reminders';
import { requireContact } from './requireContact';

const YEARLY = { unit: 'year', interval: 1 } as const;

export const lifeEventHandlers: HandlerGroup<'lifeEvents.listForContact' | 'lifeEvents.create' | 'lifeEvents.update' | 'lifeEvents.delete'> = {
  async 'lifeEvents.listForContact'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const rows = await ctx.db.selectFrom('life_events').selectAll().where('contact_id', '=', input.contactId).orderBy('occurred_on', 'desc').orderBy('created_at', 'desc').execute();
    return rows.map(toLifeEvent);
  },

  async 'lifeEvents.create'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const today = localDateOf(now, ctx.clock.timeZone());
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      await requireContact(trx, input.contactId);
      const contact = await trx.selectFrom('contacts').select('display_name').where('id', '=', input.contactId).executeTakeFirstOrThrow();
      const inTrx: ServiceContext = { ...ctx, db: trx };
      let followUpId: string | null = null;
      if (input.followUp) {
        // counted from the event, or from today for an event entered long after it happened
        const from = input.occurredOn > today ? input.occurredOn : today;
        const r = await reminderHandlers['reminders.create'](inTrx, { title: input.followUp.title, notes: '', contactId: input.contactId, dueDate: addDaysToDate(from, input.followUp.inDays), dueTime: null, recurrence: { unit: 'none', interval: 1 } });
        followUpId = r.id;
      }
      let yearlyId: string | null = null;
      if (input.yearly) {
        const next = occurrenceOnOrAfter(input.occurredOn, YEARLY, today)!;
        const r = await reminderHandlers['reminders.create'](inTrx, { title: yearlyTitle(input.kind, input.title, contact.display_name), notes: '', contactId: input.contactId, dueDate: next, dueTime: null, recurrence: YEARLY });
        // the series counts from the event itself, so 29 February stays 29 February in leap years
        await trx.updateTable('reminders').set({ anchor_date: input.occurredOn }).where('id', '=', r.id).execute();
        yearlyId = r.id;
      }
      await trx
        .insertInto('life_events')
        .values({ id, contact_id: input.contactId, kind: input.kind, title: input.title, occurred_on: input.occurredOn, note: input.note, followup_reminder_id: followUpId, yearly_reminder_id: yearlyId, created_at: now, updated_at: now })
        .execute();
    });
    return loadLifeEvent(ctx.db, id);
  },

  async 'lifeEvents.update'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const today = localDateOf(now, ctx.clock.timeZone());
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await loadLifeEvent(trx, input.id);
      const occurredOn = input.occurredOn ?? existing.occurredOn;
      await trx
        .updateTable('life_events')
        .set({ kind: input.kind ?? existing.kind, title: input.title ?? existing.title, occurred_on: occurredOn, note: input.note ?? existing.note, updated_at: now })
        .where('id', '=', input.id)
        .execute();
      if (occurredOn !== existing.occurredOn && existing.yearlyReminderId) {
        await trx
          .updateTable('reminders')
          .set({ anchor_date: occurredOn, due_date: occurrenceOnOrAfter(occurredOn, YEARLY, today)!, last_notified_at: null, updated_at: now })
          .where('id', '=', existing.yearlyReminderId)
          .where('status', '=', 'open')
          .execute();
      }
    });
    return loadLifeEvent(ctx.db, input.id);
  },

  async 'lifeEvents.delete'(ctx, input) {
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await loadLifeEvent(trx, input.id);
      await trx.deleteFrom('life_events').where('id', '=', input.id).execute();
      const made = [existing.followUpReminderId, existing.yearlyReminderId].filter((r): r is string => r !== null);
      if (input.removeReminders && made.length) await trx.deleteFrom('reminders').where((eb) => eb.or([eb('id', 'in', made), eb('series_id', 'in', made)])).execute();
    });
    return { id: input.id };
  },
};

async function loadLifeEvent(db: Kysely<DB> | Transaction<DB>, id: string): Promise<LifeEvent> {
  const row = await db.selectFrom('life_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No life event with that id', 'id');
  return toLifeEvent(row);
}

function toLifeEvent(r: Selectable<LifeEventTable>): LifeEvent {
  return { id: r.id, contactId: r.contact_id, kind: r.kind, title: r.title, occurredOn: r.occurred_on, note: r.note, followUpReminderId: r.followup_reminder_id, yearlyReminderId: r.yearly_reminder_id, createdAt: r.created_at, updatedAt: r.updated_at };
}

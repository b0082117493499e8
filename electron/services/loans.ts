// Money lent and borrowed: who owes whom, settled or not, per currency.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, MoneyLoanTable } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { openBalances, type Loan } from '../../shared/domain/loans';
import type { HandlerGroup } from './context';
import { requireContact } from './requireContact';

export const loanHandlers: HandlerGroup<'loans.listForContact' | 'loans.summary' | 'loans.create' | 'loans.update' | 'loans.delete'> = {
  async 'loans.listForContact'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const rows = await ctx.db.selectFrom('money_loans').selectAll().where('contact_id', '=', input.contactId).orderBy('occurred_on', 'desc').orderBy('created_at', 'desc').execute();
    const loans = rows.map(toLoan);
    return { loans, balances: openBalances(loans) };
  },

  async 'loans.summary'(ctx, input) {
    // open loans only (a partial index); archived people still owe what they owe
    const rows = await ctx.db
      .selectFrom('money_loans as l')
      .innerJoin('contacts as c', 'c.id', 'l.contact_id')
      .select(['l.contact_id', 'c.display_name', 'l.currency', 'l.direction', (eb) => eb.fn.sum<number>('l.amount_minor').as('total')])
      .where('l.settled_on', 'is', null)
      .groupBy(['l.contact_id', 'l.currency', 'l.direction'])
      .execute();
    const balances = openBalances(rows.map((r) => ({ direction: r.direction, amountMinor: Number(r.total), currency: r.currency, settledOn: null })));
    const net = new Map<string, { contactId: string; displayName: string; currency: string; netMinor: number }>();
    for (const r of rows) {
      const key = `${r.contact_id}\u0000${r.currency}`;
      const p = net.get(key) ?? { contactId: r.contact_id, displayName: r.display_name, currency: r.currency, netMinor: 0 };
      p.netMinor += r.direction === 'lent' ? Number(r.total) : -Number(r.total);
      net.set(key, p);
    }
    const people = [...net.values()].filter((p) => p.netMinor !== 0).sort((a, b) => a.currency.localeCompare(b.currency) || Math.abs(b.netMinor) - Math.abs(a.netMinor)).slice(0, input.limit);
    return { balances, people };
  },

  async 'loans.create'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const now = ctx.clock.now().getTime();
    const id = randomUUID();
    await ctx.db
      .insertInto('money_loans')
      .values({ id, contact_id: input.contactId, direction: input.direction, amount_minor: input.amountMinor, currency: input.currency, occurred_on: input.occurredOn, note: input.note, settled_on: null, created_at: now, updated_at: now })
      .execute();
    return loadLoan(ctx.db, id);
  },

  async 'loans.update'(ctx, input) {
    const existing = await loadLoan(ctx.db, input.id);
    const occurredOn = input.occurredOn ?? existing.occurredOn;
    const settledOn = input.settledOn !== undefined ? input.settledOn : existing.settledOn;
    if (settledOn !== null && settledOn < occurredOn) throw new ServiceError('invalid_input', 'It cannot be paid back before it was lent', 'settledOn');
    await ctx.db
      .updateTable('money_loans')
      .set({
        direction: input.direction ?? existing.direction,
        amount_minor: input.amountMinor ?? existing.amountMinor,
        currency: input.currency ?? existing.currency,
        occurred_on: occurredOn,
        note: input.note ?? existing.note,
        settled_on: settledOn,
        updated_at: ctx.clock.now().getTime(),
      })
      .where('id', '=', input.id)
      .execute();
    return loadLoan(ctx.db, input.id);
  },

  async 'loans.delete'(ctx, input) {
    const result = await ctx.db.deleteFrom('money_loans').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No loan with that id', 'id');
    return { id: input.id };
  },
};

async function loadLoan(db: Kysely<DB>, id: string): Promise<Loan> {
  const row = await db.selectFrom('money_loans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No loan with that id', 'id');
  return toLoan(row);
}

function toLoan(r: Selectable<MoneyLoanTable>): Loan {
  return { id: r.id, contactId: r.contact_id, direction: r.direction, amountMinor: r.amount_minor, currency: r.currency, occurredOn: r.occurred_on, note: r.note, settledOn: r.settled_on, createdAt: r.created_at, updatedAt: r.updated_at };
}

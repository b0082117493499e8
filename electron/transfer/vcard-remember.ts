// What Kith remembers about a person (issue 17) as vCard X- properties, since vCard has no place
// for it: facts as itemN.X-KITH-FACT with the label in X-ABLabel and the type as a parameter; life
// events as X-KITH-EVENT (date, kind); open next-time topics as X-KITH-TOPIC; gift ideas as
// X-KITH-GIFT-IDEA. Money owed is not written: a card shared with others should not carry debts.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** one property line; a label travels as an itemN.X-ABLabel beside it */
export interface ExtraProperty {
  name: string;
  value: string;
  params?: Record<string, string>;
  label?: string;
}

/** every exported contact's extra properties, read once for the whole export */
export async function rememberedProperties(db: Kysely<DB>, contactIds: Set<string>): Promise<Map<string, ExtraProperty[]>> {
  const byContact = new Map<string, ExtraProperty[]>();
  const push = (contactId: string, p: ExtraProperty) => {
    if (!contactIds.has(contactId)) return;
    const list = byContact.get(contactId) ?? [];
    list.push(p);
    byContact.set(contactId, list);
  };
  const facts = await db.selectFrom('contact_facts').select(['contact_id', 'label', 'type', 'value']).orderBy('contact_id').orderBy('sort_order').execute();
  for (const f of facts) push(f.contact_id, { name: 'x-kith-fact', value: f.value, params: { 'x-kith-type': f.type }, label: f.label });
  const events = await db.selectFrom('life_events').select(['contact_id', 'kind', 'title', 'occurred_on']).orderBy('contact_id').orderBy('occurred_on').execute();
  for (const e of events) push(e.contact_id, { name: 'x-kith-event', value: e.title, params: { 'x-kith-date': e.occurred_on, 'x-kith-kind': e.kind } });
  const topics = await db.selectFrom('next_topics').select(['contact_id', 'text']).where('done_at', 'is', null).orderBy('contact_id').orderBy('created_at').execute();
  for (const t of topics) push(t.contact_id, { name: 'x-kith-topic', value: t.text });
  const ideas = await db.selectFrom('gifts').select(['contact_id', 'title', 'url']).where('status', '=', 'idea').orderBy('contact_id').orderBy('created_at').execute();
  for (const g of ideas) push(g.contact_id, { name: 'x-kith-gift-idea', value: g.title, params: g.url ? { 'x-kith-url': g.url } : {} });
  return byContact;
}

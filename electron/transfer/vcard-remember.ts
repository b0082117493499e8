// What Kith remembers about a person (issue 17) as vCard X- properties, since vCard has no place
// for it: facts as itemN.X-KITH-FACT with the label in X-ABLabel and the type as a parameter.
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
  return byContact;
}

// What Kith remembers about a person (issue 17) as vCard X- properties, since vCard has no place
// for it: facts as itemN.X-KITH-FACT with the label in X-ABLabel and the type as a parameter; life
// events as X-KITH-EVENT (date, kind); open next-time topics as X-KITH-TOPIC; gift ideas as
// X-KITH-GIFT-IDEA. Money owed is not written: a card shared with others should not carry debts.
// The importer reads them back (readRemembered) under the rules of the services that write them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { isIsoDate } from '../../shared/domain/calendar';
import { FACT_TYPES, factValueProblem, type FactType } from '../../shared/domain/facts';
import { LIFE_EVENT_KINDS, type LifeEventKind } from '../../shared/domain/lifeEvents';
import type { ImportedRemembered } from './record';

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

/** the property names readRemembered understands */
export const REMEMBERED_PROPERTIES = new Set(['x-kith-fact', 'x-kith-event', 'x-kith-topic', 'x-kith-gift-idea']);

/** the same limits as the API's (shared/api/methods/facts, lifeEvents, topics, gifts) */
const MAX = { label: 100, value: 2000, title: 200, topic: 500, gift: 300, url: 2000 };
const LINK = /^https?:\/\/[^\s/]+\.[^\s]+$/i;

export const emptyRemembered = (): ImportedRemembered => ({ facts: [], events: [], topics: [], giftIdeas: [] });

/**
 * Adds one remembered property to `into`; returns what could not be kept as it was (the caller warns),
 * or null. `param` reads a parameter of the property by its lower-case name.
 */
export function readRemembered(into: ImportedRemembered, name: string, rawText: string, param: (name: string) => string | null, label: string | null): string | null {
  const value = rawText.trim();
  const tooLong = (what: string, max: number) => `${what} is longer than ${max} characters and was left out`;
  if (!value) return null; // nothing to keep
  switch (name) {
    case 'x-kith-fact': {
      const written = (param('x-kith-type') ?? 'text').toLowerCase();
      const type = (FACT_TYPES as readonly string[]).includes(written) ? (written as FactType) : null;
      const factLabel = label?.trim() || 'Fact';
      if (factLabel.length > MAX.label) return tooLong('fact label', MAX.label);
      if (value.length > MAX.value) return tooLong('fact value', MAX.value);
      // a value that does not fit its type is still worth keeping: as text
      const problem = type ? factValueProblem(type, value) : `A fact type is one of ${FACT_TYPES.join(', ')}, not "${written}"`;
      into.facts.push({ label: factLabel, type: problem ? 'text' : type!, value });
      return problem ? `fact "${factLabel}": ${problem}; it was kept as text` : null;
    }
    case 'x-kith-event': {
      const occurredOn = (param('x-kith-date') ?? '').trim();
      if (!isIsoDate(occurredOn)) return `life event "${value.slice(0, 60)}" has no date as YYYY-MM-DD (X-KITH-DATE) and was left out`;
      const kind = (param('x-kith-kind') ?? 'custom').toLowerCase();
      if (value.length > MAX.title) return tooLong('life event title', MAX.title);
      // a kind this Kith does not know stays an event, as a custom one
      into.events.push({ kind: (LIFE_EVENT_KINDS as readonly string[]).includes(kind) ? (kind as LifeEventKind) : 'custom', title: value, occurredOn });
      return null;
    }
    case 'x-kith-topic':
      if (value.length > MAX.topic) return tooLong('topic', MAX.topic);
      into.topics.push(value);
      return null;
    case 'x-kith-gift-idea': {
      if (value.length > MAX.gift) return tooLong('gift idea', MAX.gift);
      const url = (param('x-kith-url') ?? '').trim() || null;
      const badUrl = !!url && (url.length > MAX.url || !LINK.test(url));
      into.giftIdeas.push({ title: value, url: badUrl ? null : url });
      return badUrl ? `gift idea "${value.slice(0, 60)}": its link "${url!.slice(0, 60)}" is not a web address and was left out` : null;
    }
  }
  return `${name.toUpperCase()} is not a remembered property`;
}

// What every importer produces: one candidate contact per record, plus the problems met on the way.
// Importers never touch the database; the import session decides what is written.
import type { ContactInput } from '../../shared/api/methods/contacts';
import { MAX_PHOTO_SOURCE_BYTES, PHOTO_SOURCE_TOO_LARGE } from '../../shared/api/limits';
import type { RelationshipRole } from '../../shared/domain/relationship';
import type { FactType } from '../../shared/domain/facts';
import type { LifeEventKind } from '../../shared/domain/lifeEvents';

export interface ImportedDate {
  label: string;
  month: number;
  day: number;
  year: number | null;
}

export interface ImportedPhoto {
  mime: string;
  data: Buffer;
  /** the file's line of the photo, for a warning when it cannot be kept */
  line?: number | null;
}

export interface ImportRecord {
  /** 1-based position in the file (card number, data row number) */
  number: number;
  /** first line of the record in the file, when known */
  line: number | null;
  /** the contact's fields as the form would send them */
  fields: ContactInput & { circleName?: string | null };
  /** a stable id the file carried (vCard UID), used when it is free */
  uid: string | null;
  dates: ImportedDate[];
  photo: ImportedPhoto | null;
  /** people the record names as related (RELATED, X-ABRELATEDNAMES...): linked at commit when found, else noted */
  related?: ImportedRelation[];
  /** what Kith remembers about the person (X-KITH-FACT, -EVENT, -TOPIC, -GIFT-IDEA), written beside the contact */
  remembered?: ImportedRemembered;
}

/** personal facts, life events, open next-time topics and gift ideas a file carried, each valid as the services require */
export interface ImportedRemembered {
  facts: { label: string; type: FactType; value: string }[];
  events: { kind: LifeEventKind; title: string; occurredOn: string }[];
  topics: string[];
  giftIdeas: { title: string; url: string | null }[];
}

export interface ImportedRelation {
  name: string;
  /** the file's own word for it (Spouse, Assistant...) */
  label: string;
  /** what Kith calls it, when it has a word for it */
  role: RelationshipRole | null;
  /** a RELATED that points at a card's UID */
  uid: string | null;
  /** a user's role another Kith wrote (X-KITH-ROLE, X-KITH-INVERSE): what the related person is to this one, and back */
  custom?: { name: string; inverse: string | null };
}

/** a property or column of the file that Kith does not keep */
export interface LeftOut {
  record: number;
  line: number | null;
  field: string;
  value: string;
}

export interface ImportProblem {
  /** record number (card, row); 0 for the file as a whole */
  record: number;
  line: number | null;
  reason: string;
}

export interface ParsedFile {
  records: ImportRecord[];
  /** records that could not be read at all */
  failed: ImportProblem[];
  /** records read with something left out (a bad photo, an invalid email) */
  warnings: ImportProblem[];
  /** what the file carried that Kith does not keep, with where it was */
  leftOut: LeftOut[];
}

/** "Ann Lee" from the parts a file gave; null when there is nothing to call the person */
export function composeDisplayName(parts: { given?: string | null; middle?: string | null; family?: string | null; company?: string | null; email?: string | null }): string | null {
  const name = [parts.given, parts.middle, parts.family].map((p) => p?.trim()).filter(Boolean).join(' ');
  return name || parts.company?.trim() || parts.email?.trim() || null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** decodes a photo's base64 (as large as Kith can scale down), or says why it cannot be kept */
export function decodePhoto(base64: string, mime: string): ImportedPhoto | { error: string } {
  const clean = base64.replace(/\s+/g, '');
  if (!clean || clean.length % 4 === 1 || !BASE64.test(clean)) return { error: 'photo is not valid base64' };
  const data = Buffer.from(clean, 'base64');
  if (data.length === 0) return { error: 'photo is empty' };
  // a photo over MAX_PHOTO_BYTES is scaled down before it is written (electron/services/photoFit.ts)
  if (data.length > MAX_PHOTO_SOURCE_BYTES) return { error: PHOTO_SOURCE_TOO_LARGE };
  return { mime: sniffImageMime(data) ?? mime, data };
}

function sniffImageMime(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data.subarray(0, 4).toString('latin1') === '\x89PNG') return 'image/png';
  if (data.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export function imageMimeFromType(type: string | null | undefined): string {
  const t = (type ?? '').toLowerCase().replace(/^image\//, '');
  if (t === 'png' || t === 'gif' || t === 'webp') return `image/${t}`;
  return 'image/jpeg';
}

/** a relation's word, in English as exporters write it (Apple's _$!<Spouse>!$_, vCard 4 TYPE=spouse, Android's), as Kith's role */
export function relationRole(label: string): RelationshipRole | null {
  const l = label.toLowerCase().replace(/[^a-z]/g, '');
  if (/^(spouse|partner|domesticpartner|wife|husband|sweetheart|girlfriend|boyfriend)$/.test(l)) return 'partner';
  if (/^(child|son|daughter)$/.test(l)) return 'child';
  if (/^(parent|mother|father|mom|mum|dad)$/.test(l)) return 'parent';
  if (/^(sibling|brother|sister)$/.test(l)) return 'sibling';
  if (/^(coworker|colleague|assistant|manager)$/.test(l)) return 'colleague';
  if (/^(friend)$/.test(l)) return 'friend';
  if (/^(referredby)$/.test(l)) return 'introducedBy';
  return null;
}

/** a short form of a value for the preview's "left out" list */
export function leftOutValue(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length > 80 ? v.slice(0, 80) + '…' : v;
}

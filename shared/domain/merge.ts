// Merging contacts: which contact each field is taken from. By default the fuller value (the longer
// text, a birthday with its year, a closer importance); ties go to the survivor. Methods, tags, dates
// and notes are never chosen between: all of them are kept.
import type { Contact } from './contact';

export const MERGE_FIELDS = ['displayName', 'givenName', 'familyName', 'nickname', 'company', 'title', 'circleId', 'importance', 'birthday', 'howMet', 'introducedById', 'cadenceDays', 'photo'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
/** per field, the id of the contact its value is taken from */
export type MergeChoices = Record<MergeField, string>;

type Mergeable = Pick<Contact, 'id' | MergeField>;

const IMPORTANCE_RANK = { inner: 2, regular: 0, outer: 1 } as const;

/** how full a value is: 0 = empty; more is fuller */
export function fullness(field: MergeField, c: Mergeable): number {
  switch (field) {
    case 'birthday':
      return c.birthday ? (c.birthday.year ? 2 : 1) : 0;
    case 'importance':
      return IMPORTANCE_RANK[c.importance];
    case 'cadenceDays':
      return c.cadenceDays === null ? 0 : 1;
    case 'circleId':
    case 'introducedById':
      return c[field] ? 1 : 0;
    default: {
      const v = typeof c[field] === 'string' ? (c[field] as string).trim().normalize('NFC') : '';
      // the more letters and digits ("Doe, Jane" is no fuller than "Jane Doe"); at equal length the
      // one with its accents ("Sofía García" over "Sofia Garcia")
      const chars = [...v].filter((ch) => /[\p{L}\p{N}]/u.test(ch));
      const accented = chars.filter((ch) => ch.normalize('NFD') !== ch).length;
      return chars.length + Math.min(0.9, accented / 10);
    }
  }
}

/** the default choice for every field: survivor first in `contacts`; a fuller value elsewhere wins */
export function defaultMergeChoices(contacts: Mergeable[]): MergeChoices {
  const choices = {} as MergeChoices;
  for (const field of MERGE_FIELDS) {
    let best = contacts[0]!;
    for (const c of contacts.slice(1)) if (fullness(field, c) > fullness(field, best)) best = c;
    choices[field] = best.id;
  }
  return choices;
}

/** every contact's notes, each once, survivor's first */
export function mergedNotes(notes: string[]): string {
  const kept: string[] = [];
  for (const n of notes.map((x) => x.trim()).filter(Boolean)) if (!kept.some((k) => k.includes(n))) kept.push(n);
  return kept.join('\n\n');
}

import { z } from 'zod';
import { command, query } from '../define';
import { id, monthDay, nonEmptyText, notes, optionalText, pageInput, version } from '../schemas';
import { MAX_PHOTO_SOURCE_BYTES, MAX_PHOTO_SOURCE_MB } from '../limits';
import { isEmailAddress } from '../../domain/normalize';
import { addressText, isEmptyAddress } from '../../domain/address';
import { asRegion } from '../../domain/phone';
import { IMPORTANCE, METHOD_KINDS, type Contact, type ContactSearchHit, type ContactSummary } from '../../domain/contact';


const addressPart = (what: string, max = 200) => z.string().trim().max(max, `${what} is longer than ${max} characters`).default('');
export const postalAddressInput = z
  .object({
    street: z.string().max(1000, 'Street is longer than 1000 characters').default('').transform((s) => s.replace(/\r\n?/g, '\n').trim()),
    city: addressPart('City'),
    region: addressPart('Region'),
    postcode: addressPart('Postcode', 40),
    countryCode: z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => asRegion(c) !== null, 'Not a known country code')
      .nullish()
      .transform((v) => v ?? null),
    country: addressPart('Country', 100),
  })
  .strict()
  .refine((a) => !isEmptyAddress(a), { message: 'The address is empty', path: ['street'] });

export const contactMethodInput = z
  .object({
    kind: z.enum(METHOD_KINDS),
    label: optionalText(100),
    /** for an address with `address`, may be left empty: its one-line text is made from the parts */
    value: z.string().trim().max(1000, 'Value is longer than 1000 characters'),
    isPrimary: z.boolean().default(false),
    address: postalAddressInput.nullish(),
  })
  .refine((m) => m.kind === 'address' || !m.address, { message: 'Only an address has address parts', path: ['address'] })
  .transform((m) => (m.kind === 'address' && m.address ? { ...m, value: addressText(m.address) } : m))
  .refine((m) => m.value.length > 0, { message: 'Value must not be empty', path: ['value'] })
  .refine((m) => m.kind !== 'email' || isEmailAddress(m.value), { message: 'Not a valid email address', path: ['value'] })
  .refine((m) => m.kind !== 'phone' || /\d/.test(m.value), { message: 'A phone number needs digits', path: ['value'] });

/** each field once; create fills defaults, update leaves out what it does not change */
const fieldShape = {
  displayName: nonEmptyText('Name', 200),
  givenName: optionalText(200),
  familyName: optionalText(200),
  nickname: optionalText(200),
  company: optionalText(200),
  title: optionalText(200),
  circleId: id.nullish().transform((v) => v ?? null),
  importance: z.enum(IMPORTANCE),
  birthday: monthDay.nullish().transform((v) => v ?? null),
  /** the contact's anniversary (a dated row labelled "Anniversary"); null removes it, left out keeps it */
  anniversary: monthDay.nullable().optional(),
  howMet: optionalText(2000),
  introducedById: id.nullish().transform((v) => v ?? null),
  notes: notes.unwrap(),
  cadenceDays: z.number().int().min(0, 'Cadence cannot be negative').max(3650, 'Cadence is over ten years').nullish().transform((v) => v ?? null),
  /** "at worst every N days" with the own cadence: overdue only from then; null = the cadence itself */
  cadenceLatestDays: z.number().int().min(1, 'The latest interval is at least a day').max(3650, 'The latest interval is over ten years').nullish().transform((v) => v ?? null),
  methods: z.array(contactMethodInput).max(100),
  tags: z.array(nonEmptyText('Tag', 60)).max(100),
};

export const contactFields = z.object({
  ...fieldShape,
  importance: fieldShape.importance.default('regular'),
  notes: fieldShape.notes.default(''),
  methods: fieldShape.methods.default([]),
  tags: fieldShape.tags.default([]),
});

/** a partial update: a field left out keeps its value (no defaults here) */
export const contactPatch = z.object(fieldShape).partial();

export type ContactInput = z.input<typeof contactFields>;

/** 'health' and 'nextCheckIn' are ordered by the health service once it exists; by name until then */
export const CONTACT_SORTS = ['name', 'familyName', 'lastInteraction', 'health', 'nextCheckIn'] as const;

/** a photo as a data: URL (the renderer scales it to at most 256 px before sending; a larger one is
 *  scaled down by the back end to MAX_PHOTO_BYTES, shared/api/limits.ts) */
const PHOTO_DATA_URL = /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+=*$/;

export const contactMethods = {
  'contacts.list': query<{ items: ContactSummary[]; total: number }>()(
    z
      .object({
        circleId: id.optional(),
        /** only contacts in no circle */
        noCircle: z.boolean().optional(),
        tag: z.string().optional(),
        archived: z.boolean().default(false),
        sort: z.enum(CONTACT_SORTS).default('name'),
        ...pageInput,
      })
      .strict(),
  ),
  'contacts.get': query<Contact>()(z.object({ id }).strict()),
  'contacts.create': command<Contact>()(contactFields.strict()),
  /**
   * `updatedAt`: the version the caller read and edits (the renderer always sends it); when the
   * contact changed since, nothing is written and the answer is `stale`. Internal callers may omit it.
   */
  'contacts.update': command<Contact>()(contactPatch.extend({ id, updatedAt: version }).strict()),
  /** replace (or with null remove) the contact's photo */
  'contacts.setPhoto': command<Contact>()(
    z
      .object({
        id,
        photo: z
          .string()
          .max(Math.ceil((MAX_PHOTO_SOURCE_BYTES * 4) / 3) + 40, `The picture is larger than ${MAX_PHOTO_SOURCE_MB} MB, too large for Kith to scale down to a photo`)
          .regex(PHOTO_DATA_URL, 'Expected a JPEG, PNG or WebP image')
          .nullable(),
      })
      .strict(),
  ),
  /** the list thumbnails (64 px, data: URLs) of the contacts on screen; null: no photo */
  'contacts.thumbnails': query<{ id: string; thumbnail: string | null }[]>()(z.object({ ids: z.array(id).min(1).max(100, 'At most 100 thumbnails at a time') }).strict()),
  /** search as you type: names, nickname, company, emails, phones, tags, notes, how we met, personal
   *  facts, interactions' summaries and notes, names one typo away; exact names first. `offset` pages on. */
  'contacts.search': query<ContactSearchHit[]>()(
    z
      .object({
        query: z.string().max(200, 'The search is longer than 200 characters'),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(900, 'Search results stop after the first 1,000').default(0),
        includeArchived: z.boolean().default(false),
      })
      .strict(),
  ),
};

import { z } from 'zod';
import { command, query } from '../define';
import { id, monthDay, nonEmptyText, notes, optionalText, pageInput } from '../schemas';
import { IMPORTANCE, METHOD_KINDS, type Circle, type Contact, type ContactSummary } from '../../domain/contact';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const contactMethodInput = z
  .object({
    kind: z.enum(METHOD_KINDS),
    label: optionalText(100),
    value: nonEmptyText('Value', 1000),
    isPrimary: z.boolean().default(false),
  })
  .refine((m) => m.kind !== 'email' || EMAIL.test(m.value), { message: 'Not a valid email address', path: ['value'] })
  .refine((m) => m.kind !== 'phone' || /\d/.test(m.value), { message: 'A phone number needs digits', path: ['value'] });

export const contactFields = z.object({
  displayName: nonEmptyText('Name', 200),
  givenName: optionalText(200),
  familyName: optionalText(200),
  nickname: optionalText(200),
  company: optionalText(200),
  title: optionalText(200),
  circleId: id.nullish().transform((v) => v ?? null),
  importance: z.enum(IMPORTANCE).default('regular'),
  birthday: monthDay.nullish().transform((v) => v ?? null),
  howMet: optionalText(2000),
  introducedById: id.nullish().transform((v) => v ?? null),
  notes,
  cadenceDays: z.number().int().min(0, 'Cadence cannot be negative').max(3650, 'Cadence is over ten years').nullish().transform((v) => v ?? null),
  methods: z.array(contactMethodInput).max(100).default([]),
  tags: z.array(nonEmptyText('Tag', 60)).max(100).default([]),
});

export type ContactInput = z.input<typeof contactFields>;

export const CONTACT_SORTS = ['name', 'lastInteraction', 'health', 'nextCheckIn'] as const;

export const contactMethods = {
  'circles.list': query<Circle[]>()(z.object({}).strict()),
  'contacts.list': query<{ items: ContactSummary[]; total: number }>()(
    z
      .object({
        circleId: id.optional(),
        tag: z.string().optional(),
        archived: z.boolean().default(false),
        sort: z.enum(CONTACT_SORTS).default('name'),
        ...pageInput,
      })
      .strict(),
  ),
  'contacts.get': query<Contact>()(z.object({ id }).strict()),
  'contacts.create': command<Contact>()(contactFields.strict()),
  'contacts.update': command<Contact>()(contactFields.partial().extend({ id }).strict()),
};

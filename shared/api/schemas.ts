// Building blocks for input schemas, so each rule (an id, a name, a date) is written once.
import { z } from 'zod';
import { isIsoDate, isValidMonthDay, isWallTime } from '../domain/calendar';

export const id = z.string().min(1, 'Missing id').max(100, 'Id is too long');
export const nonEmptyText = (what: string, max = 500) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} is longer than ${max} characters`);
export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, `Text is longer than ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
export const notes = z.string().max(100_000, 'Notes are longer than 100,000 characters').default('');
export const isoDate = z.string().refine(isIsoDate, 'Expected a real date as YYYY-MM-DD');
export const wallTime = z.string().refine(isWallTime, 'Expected a time as HH:mm');
/** the version (updatedAt) an update edits: changed since, the answer is `stale` and nothing is written; internal callers may omit it */
export const version = z.number().int().min(0).optional();
/** an instant as epoch milliseconds */
export const instant = z.number().int('Expected whole milliseconds').min(0).max(8.64e15);

export const monthDay = z
  .object({
    month: z.number().int().min(1, 'Month must be 1–12').max(12, 'Month must be 1–12'),
    day: z.number().int().min(1, 'Day must be 1–31').max(31, 'Day must be 1–31'),
    year: z.number().int().min(1800, 'Year is too early').max(2200, 'Year is too late').nullable().default(null),
  })
  .refine((d) => isValidMonthDay(d.month, d.day, d.year), {
    message: 'No such day in that month',
    path: ['day'],
  });

export const pageInput = {
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
};

/** an ISO 4217 currency the platform knows ("eur" is read as EUR) */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Currency is a three-letter code such as EUR')
  .refine((c) => Intl.supportedValuesOf('currency').includes(c), 'Not a known currency code');

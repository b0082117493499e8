// Methods for user settings (notifications, quiet hours, digest time, launch at login).
import { z } from 'zod';
import { command, query } from '../define';
import { currencyCode, wallTime } from '../schemas';
import { THEME_CHOICES, type Settings } from '../../domain/settings';
import { asRegion } from '../../domain/phone';
import { MAX_WEEKLY_BUDGET } from '../../domain/catchUp';

export const settingsMethods = {
  'settings.get': query<Settings>()(z.object({}).strict()),
  /** change some settings; returns all of them */
  'settings.update': command<Settings>()(
    z
      .object({
        notificationsEnabled: z.boolean(),
        quietHours: z.object({ enabled: z.boolean(), start: wallTime, end: wallTime }).strict(),
        digestTime: wallTime,
        morningTime: wallTime,
        birthdayLeadDays: z.number().int('Whole days').min(0, 'Days ahead cannot be negative').max(60, 'At most 60 days ahead'),
        launchAtLogin: z.boolean(),
        phoneRegion: z.string().refine((v) => asRegion(v) !== null, 'Not a region (a two-letter country code such as DE or US)').transform((v) => asRegion(v)!),
        defaultCurrency: currencyCode,
        catchUpWeeklyBudget: z.number().int('A whole number of check-ins').min(0, 'At least 0 a week').max(MAX_WEEKLY_BUDGET, `At most ${MAX_WEEKLY_BUDGET} a week`),
        theme: z.enum(THEME_CHOICES, { message: 'Theme is system, light or dark' }),
      })
      .partial()
      .strict(),
  ),
};

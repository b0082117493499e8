// The user's settings: what they are, their defaults, and quiet hours.
import { instantOfLocal, localDateOf, localTimeOf, addDaysToDate } from './localDate';

export interface QuietHours {
  enabled: boolean;
  /** 'HH:mm' local; start may be later than end (22:00–08:00 spans midnight) */
  start: string;
  end: string;
}

export interface Settings {
  notificationsEnabled: boolean;
  quietHours: QuietHours;
  /** when the day's digest rings (due check-ins, whole-day reminders) */
  digestTime: string;
  /** "tomorrow morning" for snoozing */
  morningTime: string;
  /** birthdays and anniversaries remind this many days ahead */
  birthdayLeadDays: number;
  launchAtLogin: boolean;
  /** ISO region numbers typed without a country code belong to ("DE": 030 12345678 is +49 30 12345678); guessed from the system locale at first start */
  phoneRegion: string;
  /** the currency new value entries start in (ISO 4217) */
  defaultCurrency: string;
  /** the catch-up plan's pace: how many due check-ins a week (0: no plan) */
  catchUpWeeklyBudget: number;
  /** the look: follow the system, or always light or dark */
  theme: ThemeChoice;
}

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** the theme to show: the choice, or the system's when the choice is 'system' (or a damaged value) */
export function resolveTheme(choice: string, systemDark: boolean): 'light' | 'dark' {
  return choice === 'light' || choice === 'dark' ? choice : systemDark ? 'dark' : 'light';
}

export const DEFAULT_SETTINGS: Settings = {
  notificationsEnabled: true,
  quietHours: { enabled: true, start: '22:00', end: '08:00' },
  digestTime: '09:00',
  morningTime: '09:00',
  birthdayLeadDays: 3,
  launchAtLogin: false,
  phoneRegion: 'US',
  defaultCurrency: 'EUR',
  catchUpWeeklyBudget: 15,
  theme: 'system',
};

/** whether an instant falls inside quiet hours in the user's zone */
export function inQuietHours(instant: number, quiet: QuietHours, timeZone: string): boolean {
  if (!quiet.enabled || quiet.start === quiet.end) return false;
  const t = localTimeOf(instant, timeZone);
  return quiet.start < quiet.end ? t >= quiet.start && t < quiet.end : t >= quiet.start || t < quiet.end;
}

/** the instant quiet hours end, for an instant inside them (else the instant itself) */
export function endOfQuietHours(instant: number, quiet: QuietHours, timeZone: string): number {
  if (!inQuietHours(instant, quiet, timeZone)) return instant;
  const today = localDateOf(instant, timeZone);
  const endToday = instantOfLocal(today, quiet.end, timeZone);
  return endToday > instant ? endToday : instantOfLocal(addDaysToDate(today, 1), quiet.end, timeZone);
}

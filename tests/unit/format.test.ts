// Durations as people say them: one function for every "… overdue" and "… ago".
import { describe, expect, it } from 'vitest';
import { formatDaySpan, formatDaysAgo, formatOverdue } from '../../renderer/src/lib/format';

describe('formatDaySpan', () => {
  it('picks the coarsest unit that still reads true, rounding down', () => {
    const cases: [number, string][] = [
      [0, '0 days'],
      [1, '1 day'],
      [13, '13 days'],
      [14, '2 weeks'],
      [59, '8 weeks'],
      [60, '1 month'],
      [364, '11 months'],
      [365, '1 year'],
      [4178, '11 years'],
    ];
    for (const [days, text] of cases) expect(formatDaySpan(days, 'en-US')).toBe(text);
  });

  it('speaks the user’s language', () => {
    expect(formatDaySpan(4178, 'de-DE')).toBe('11 Jahre');
    expect(formatDaySpan(3, 'fr-FR')).toMatch(/^3\sjours$/);
  });

  it('overdue and ago read as sentences', () => {
    expect(formatOverdue(4178, 'en-US')).toBe('11 years overdue');
    expect(formatOverdue(0, 'en-US')).toBe('Due today');
    expect(formatDaysAgo(1, 'en-US')).toBe('yesterday');
    expect(formatDaysAgo(45, 'en-US')).toBe('6 weeks ago');
    expect(formatDaysAgo(null, 'en-US')).toBe('never');
  });
});

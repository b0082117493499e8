// The user's time zone is read from the system once a minute, not on every formatted date (making
// the DateTimeFormat that tells it was most of a scroll step's script): a changed zone shows within
// the minute, and dates are written in it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTime, userLocale } from '../../renderer/src/lib/format';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the user’s time zone', () => {
  it('follows a change of the system’s zone within a minute', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-03-10T12:00:00Z'));
    const original = Intl.DateTimeFormat.prototype.resolvedOptions;
    let zone = 'Europe/Berlin';
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...original.call(this), timeZone: zone };
    });
    userLocale();
    vi.setSystemTime(Date.parse('2026-03-10T12:01:01Z'));
    expect(userLocale().timeZone).toBe('Europe/Berlin');
    const at = Date.parse('2026-03-10T12:00:00Z');
    expect(formatTime(at)).toBe('13:00');
    zone = 'Asia/Tokyo';
    vi.setSystemTime(Date.parse('2026-03-10T12:02:02Z'));
    expect(userLocale().timeZone).toBe('Asia/Tokyo');
    expect(formatTime(at)).toBe('21:00');
  });

  it('asks Intl for it once, not once per date written', () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions');
    for (let i = 0; i < 100; i++) formatTime(Date.parse('2026-03-10T12:00:00Z') + i * 60_000);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
  });
});

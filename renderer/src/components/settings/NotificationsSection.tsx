// Notifications and reminders: on/off, quiet hours, digest and morning times, birthdays ahead,
// launching at login. Each change saves at once.
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import type { Settings } from '../../../../shared/domain/settings';
import type { InputOf } from '../../../../shared/api/contract';
import { Field } from '../Field';

const isWebHost = () => typeof window !== 'undefined' && !window.kith;

export function NotificationsSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [leadDays, setLeadDays] = useState('');
  const [leadError, setLeadError] = useState<string | undefined>();
  const [budget, setBudget] = useState('');
  const [budgetError, setBudgetError] = useState<string | undefined>();
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  // a number being typed is saved on blur: a reload meanwhile (another field's save) must not
  // put the stored value back over it
  const typing = useRef({ lead: false, budget: false });

  useEffect(() => {
    const load = () =>
      api.call('settings.get', {}).then((s) => {
        setSettings(s);
        if (!typing.current.lead) setLeadDays(String(s.birthdayLeadDays));
        if (!typing.current.budget) setBudget(String(s.catchUpWeeklyBudget));
      });
    void load();
    return onDataChanged(load);
  }, []);

  async function save(change: InputOf<'settings.update'>) {
    try {
      setSettings(await api.call('settings.update', change));
      return true;
    } catch (err) {
      toast.error((err as Error).message);
      return false;
    }
  }

  if (!settings) return <section className="card" aria-busy="true" aria-label="Notifications" />;
  const q = settings.quietHours;
  return (
    <section className="card settings-notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications and reminders</h2>
      <label className="check">
        <input type="checkbox" checked={settings.notificationsEnabled} onChange={(e) => void save({ notificationsEnabled: e.target.checked })} />
        Show notifications when reminders and check-ins fall due
      </label>
      {isWebHost() && permission !== 'granted' && (
        <div className="settings-note">
          {permission === 'unsupported' ? (
            <span>This browser cannot show notifications; reminders appear inside Kith.</span>
          ) : permission === 'denied' ? (
            <span>Your browser blocks notifications from Kith; allow them in the site settings to be notified here.</span>
          ) : (
            <>
              <span>In the browser, Kith needs your permission to show notifications.</span>
              <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
                Allow notifications
              </button>
            </>
          )}
        </div>
      )}
      <fieldset className="settings-group" disabled={!settings.notificationsEnabled}>
        <legend>Quiet hours</legend>
        <label className="check">
          <input type="checkbox" checked={q.enabled} onChange={(e) => void save({ quietHours: { ...q, enabled: e.target.checked } })} />
          No notifications between
        </label>
        <div className="settings-inline">
          <Field label="From">
            <input type="time" value={q.start} disabled={!q.enabled} onChange={(e) => e.target.value && void save({ quietHours: { ...q, start: e.target.value } })} />
          </Field>
          <Field label="Until">
            <input type="time" value={q.end} disabled={!q.enabled} onChange={(e) => e.target.value && void save({ quietHours: { ...q, end: e.target.value } })} />
          </Field>
        </div>
        <small className="subtle">What falls due in quiet hours is announced when they end.</small>
      </fieldset>
      <div className="settings-inline">
        <Field label="Daily digest at" hint="Due check-ins and reminders without a time">
          <input type="time" value={settings.digestTime} onChange={(e) => e.target.value && void save({ digestTime: e.target.value })} />
        </Field>
        <Field label="“Tomorrow morning” is" hint="For snoozing">
          <input type="time" value={settings.morningTime} onChange={(e) => e.target.value && void save({ morningTime: e.target.value })} />
        </Field>
        <Field label="Birthdays, days ahead" hint="Anniversaries too" error={leadError}>
          <input
            type="number"
            min={0}
            max={60}
            className="narrow"
            value={leadDays}
            onChange={(e) => {
              typing.current.lead = true;
              setLeadDays(e.target.value);
            }}
            onBlur={async () => {
              typing.current.lead = false;
              const n = Number(leadDays);
              if (!Number.isInteger(n) || n < 0 || n > 60) return setLeadError('Between 0 and 60 days');
              setLeadError(undefined);
              if (n !== settings.birthdayLeadDays) await save({ birthdayLeadDays: n });
            }}
          />
        </Field>
        <Field label="Catch-up pace" hint="Overdue check-ins a week; 0 turns the plan off" error={budgetError}>
          <input
            type="number"
            min={0}
            max={200}
            className="narrow"
            value={budget}
            onChange={(e) => {
              typing.current.budget = true;
              setBudget(e.target.value);
            }}
            onBlur={async () => {
              typing.current.budget = false;
              const n = Number(budget);
              if (budget.trim() === '' || !Number.isInteger(n) || n < 0 || n > 200) return setBudgetError('A whole number from 0 to 200');
              setBudgetError(undefined);
              if (n !== settings.catchUpWeeklyBudget) await save({ catchUpWeeklyBudget: n });
            }}
          />
        </Field>
      </div>
      {!isWebHost() && (
        <label className="check">
          <input type="checkbox" checked={settings.launchAtLogin} onChange={(e) => void save({ launchAtLogin: e.target.checked })} />
          Open Kith when I log in (it stays in the tray, so reminders still ring)
        </label>
      )}
    </section>
  );
}

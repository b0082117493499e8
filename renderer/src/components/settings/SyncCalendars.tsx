// Settings → Sync, per account: which CalDAV task list Kith's reminders sync with (your phone's
// reminders app shows them) and which calendar holds the interactions' journal (another Kith on the
// account shares the history), each on or off; found through the server's calendar home, or made there.
import { useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { useSync } from '../../stores/sync';
import { Modal } from '../Modal';
import type { SyncAccount, SyncCalendarKind, SyncCalendarOptions } from '../../../../shared/domain/sync';

const WHAT: Record<SyncCalendarKind, { label: string; newName: string; explain: string }> = {
  tasks: { label: 'Reminders', newName: 'Kith reminders', explain: 'Your reminders as to-dos in a task list: your phone’s reminders app shows them, and done or snoozed there is done or snoozed here.' },
  journal: { label: 'Interactions', newName: 'Kith', explain: 'Every logged interaction as a journal entry, with its people, so Kith on another computer shares the whole history.' },
};

export function SyncCalendars({ account }: { account: SyncAccount }) {
  const [choosing, setChoosing] = useState<SyncCalendarKind | null>(null);
  return (
    <>
      <dl className="facts">
        {(['tasks', 'journal'] as const).map((kind) => (
          <div key={kind}>
            <dt>{WHAT[kind].label}</dt>
            <dd>
              {account.calendars[kind] ? account.calendars[kind]!.name : 'Not synced'}{' '}
              <button type="button" className="button small" aria-label={`Choose where ${WHAT[kind].label.toLowerCase()} sync`} onClick={() => setChoosing(kind)}>
                Change…
              </button>
            </dd>
          </div>
        ))}
      </dl>
      {choosing && <ChooseCalendar account={account} kind={choosing} onClose={() => setChoosing(null)} />}
    </>
  );
}

function ChooseCalendar({ account, kind, onClose }: { account: SyncAccount; kind: SyncCalendarKind; onClose(): void }) {
  const [options, setOptions] = useState<SyncCalendarOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<string>(account.calendars[kind]?.url ?? 'off');
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  useEffect(() => {
    void api.call('sync.calendars.list', { accountId: account.id }).then(setOptions, (err: Error) => setError(err.message));
  }, [account.id]);
  async function save() {
    setBusy(true);
    try {
      const c = choice === 'off' ? { mode: 'off' as const } : choice === 'new' ? { mode: 'create' as const, name: WHAT[kind].newName } : { mode: 'existing' as const, url: choice };
      const { chosen } = await api.call('sync.calendars.choose', { accountId: account.id, kind, choice: c });
      onClose();
      await useSync.getState().load();
      if (chosen) await useSync.getState().syncNow(account.id);
    } catch (err) {
      toast.error((err as Error).message);
      setBusy(false);
    }
  }
  const list = options?.[kind] ?? [];
  return (
    <Modal title={`${WHAT[kind].label}: where they sync`} onClose={onClose}>
      <p>{WHAT[kind].explain}</p>
      {error && <p className="sync-error" role="alert">{error}</p>}
      {!options && !error && <p className="subtle" role="status">Asking the server for its calendars…</p>}
      {options && (
        <div className="field">
          <label htmlFor={selectId}>{kind === 'tasks' ? 'Task list' : 'Calendar'}</label>
          <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="off">Off: don’t sync {WHAT[kind].label.toLowerCase()}</option>
            {list.map((c) => (
              <option key={c.url} value={c.url}>
                {c.name}
              </option>
            ))}
            {options.canCreate && <option value="new">New on the server: “{WHAT[kind].newName}”</option>}
          </select>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={busy || !options} onClick={() => void save()}>
          Save
        </button>
      </div>
    </Modal>
  );
}

// The import dialog: choose a file → (map the columns of an unknown CSV) → review what will happen,
// including duplicates → import with a progress bar → the summary of what was done.
import { useEffect, useRef, useState } from 'react';
import { Modal } from '../Modal';
import { ImportDuplicateText } from './ImportDuplicate';
import { api } from '../../lib/api';
import { appHost, readAsBase64 } from '../../lib/files';
import { MAX_IMPORT_FILE_BYTES, uploadTooLargeMessage } from '../../../../shared/api/limits';
import type { Circle } from '../../../../shared/domain/contact';
import { importActionFor, matchedByNameOnly } from '../../../../shared/domain/duplicates';
import { CSV_TARGETS, type CsvTarget, type DuplicateAction, type ImportFormat, type ImportPreview, type ImportProblem, type ImportProgress, type ImportSummary } from '../../../../shared/api/methods/transfer';
import { formatDateTime, formatNumber } from '../../lib/format';

const FORMAT_LABELS: Record<ImportFormat, string> = {
  vcard: 'vCard',
  google: 'Google Contacts CSV',
  'google-legacy': 'Google Contacts CSV (older format)',
  thunderbird: 'Thunderbird address book CSV',
  kith: 'Kith CSV export',
  linkedin: 'LinkedIn connections',
  outlook: 'Outlook CSV',
  generic: 'CSV',
  json: 'Kith export (JSON)',
};

const TARGET_LABELS: Record<CsvTarget, string> = {
  ignore: 'Don’t import',
  displayName: 'Full name',
  givenName: 'First name',
  familyName: 'Last name',
  nickname: 'Nickname',
  company: 'Company',
  title: 'Job title',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  website: 'Website',
  birthday: 'Birthday',
  notes: 'Notes',
  tags: 'Tags',
  howMet: 'How we met',
};

const ACTION_LABELS: Record<DuplicateAction, string> = { merge: 'Merge', keepBoth: 'Keep both', skip: 'Skip' };

/** the records a merge target was chosen for */
const chosenTargets = (m: Record<string, string | undefined>) => Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => Boolean(e[1])));

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
type RestoreAs = 'merge' | 'newFile';

type Step = 'choose' | 'mapping' | 'review' | 'running' | 'done';

export function ImportDialog({ onClose }: { onClose(): void }) {
  const [step, setStep] = useState<Step>('choose');
  const [host, setHost] = useState<'electron' | 'web' | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<CsvTarget[]>([]);
  const [defaultAction, setDefaultAction] = useState<DuplicateAction>('merge');
  const [nameOnlyAction, setNameOnlyAction] = useState<DuplicateAction>('keepBoth');
  /** a Kith export into a Kith with data: merge here, or restore into a new data file */
  const [restoreAs, setRestoreAs] = useState<RestoreAs>('merge');
  const [actions, setActions] = useState<Record<string, DuplicateAction>>({});
  const anyNameOnly = preview?.duplicates.some((d) => matchedByNameOnly(reasonsOf(d))) ?? false;
  const [mergeInto, setMergeInto] = useState<Record<string, string | undefined>>({});
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const [circles, setCircles] = useState<Circle[]>([]);
  const [forNew, setForNew] = useState<{ circleId: string; tags: string; cadence: string }>({ circleId: '', tags: '', cadence: '' });

  useEffect(() => {
    api.call('circles.list', {}).then(setCircles, () => {});
  }, []);

  // each step replaces what had the focus (the file input is gone once a file is chosen): keep the
  // focus inside the dialog, so that the keyboard goes on working there and Escape still closes it
  useEffect(() => {
    const root = body.current;
    if (!root || root.contains(document.activeElement)) return;
    root.querySelector<HTMLElement>('select, input:not([disabled]), button.primary:not([disabled]), button:not([disabled])')?.focus();
  }, [step, busy]);

  useEffect(() => {
    void appHost().then(setHost);
    return () => {
      if (polling.current) clearInterval(polling.current);
    };
  }, []);

  function showPreview(p: ImportPreview | null) {
    if (!p) return; // the dialog was cancelled
    setPreview(p);
    setActions({});
    if (p.csv) {
      setMapping(p.csv.mapping);
      setStep('mapping');
    } else setStep('review');
  }

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError((err as Error).message);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const chooseUploaded = (file: File) =>
    run(async () => {
      // said before sending it: the page's upload travels in one request, up to the limit
      if (file.size > MAX_IMPORT_FILE_BYTES) throw new Error(uploadTooLargeMessage(file.name, file.size));
      return showPreview(await api.call('transfer.importPreview', { source: { kind: 'upload', fileName: file.name, base64: await readAsBase64(file) } }));
    });
  const chooseWithDialog = () => run(async () => showPreview(await api.call('transfer.importPreview', { source: { kind: 'dialog' } })));
  const applyMapping = () =>
    run(async () => {
      const p = await api.call('transfer.importPreview', { sessionId: preview!.sessionId, mapping });
      if (p) setPreview(p);
      setStep('review');
    });

  async function startImport() {
    if (!preview) return;
    setStep('running');
    setError(null);
    setProgress({ state: 'running', processed: 0, total: preview.total });
    polling.current = setInterval(() => {
      api.call('transfer.importProgress', { sessionId: preview.sessionId }).then(setProgress, () => {});
    }, 200);
    try {
      const tags = forNew.tags.split(',').map((t) => t.trim()).filter(Boolean);
      const cadenceDays = forNew.cadence.trim() ? Number(forNew.cadence) : null;
      const extra = preview.json ? undefined : { circleId: forNew.circleId || null, tags, cadenceDays };
      const asked = preview.json?.hasData ? { restoreAs } : {};
      const done = await api.call('transfer.importCommit', { sessionId: preview.sessionId, defaultAction, nameOnlyAction, actions, mergeInto: chosenTargets(mergeInto), ...(extra ? { forNew: extra } : {}), ...asked });
      setSummary(done);
      setStep('done');
    } catch (err) {
      setError((err as Error).message);
      setStep('review');
    } finally {
      if (polling.current) clearInterval(polling.current);
      polling.current = null;
    }
  }

  const cancelImport = () => preview && void api.call('transfer.importCancel', { sessionId: preview.sessionId });

  const title = step === 'done' ? 'Import finished' : 'Import contacts';
  return (
    <Modal title={title} onClose={step === 'running' ? cancelImport : onClose} wide>
      <div className="import-dialog" ref={body}>
        {step === 'choose' && (
          <div className="import-choose">
            <p>Choose a vCard (.vcf) from any phone or address book, a CSV from Google Contacts, Outlook or Thunderbird (in any language), LinkedIn, a spreadsheet, or a Kith export. Nothing is saved until you confirm.</p>
            {host === 'electron' ? (
              <button type="button" className="button primary" onClick={chooseWithDialog} disabled={busy}>
                Choose file…
              </button>
            ) : (
              <label className="file-drop">
                <span className="file-drop-title">{busy ? 'Reading the file…' : 'Choose a file to import'}</span>
                <span className="subtle">.vcf, .csv or .json</span>
                <input type="file" accept=".vcf,.vcard,.csv,.json,text/vcard,text/csv,application/json" disabled={busy} onChange={(e) => e.target.files?.[0] && void chooseUploaded(e.target.files[0])} />
              </label>
            )}
          </div>
        )}

        {step === 'mapping' && preview?.csv && (
          <>
            <p>
              Kith does not know the columns of <strong>{preview.fileName}</strong>. Say what each column holds; the first rows show how it will be read.
            </p>
            <div className="mapping-scroller">
              <table className="mapping-table">
                <thead>
                  <tr>
                    {preview.csv.headers.map((h, i) => (
                      <th key={i} scope="col">
                        <span className="mapping-header">{h || `Column ${i + 1}`}</span>
                        <select aria-label={`Column “${h || i + 1}” is`} value={mapping[i] ?? 'ignore'} onChange={(e) => setMapping((m) => m.map((t, j) => (j === i ? (e.target.value as CsvTarget) : t)))}>
                          {CSV_TARGETS.map((t) => (
                            <option key={t} value={t}>
                              {TARGET_LABELS[t]}
                            </option>
                          ))}
                        </select>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.csv.rows.map((row, r) => (
                    <tr key={r}>
                      {preview.csv!.headers.map((_, i) => (
                        <td key={i} className={mapping[i] === 'ignore' ? 'ignored' : undefined}>
                          {row[i] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {error && <p className="form-error" role="alert">{error}</p>}
            <div className="form-actions">
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button type="button" className="button primary" onClick={applyMapping} disabled={busy || !mapping.some((t) => t === 'displayName' || t === 'givenName' || t === 'familyName' || t === 'email')}>
                Continue
              </button>
            </div>
          </>
        )}

        {step === 'review' && preview && (
          <>
            <ReviewHeader preview={preview} />
            {preview.duplicates.length > 0 && (
              <section className="duplicates" aria-labelledby="duplicates-title">
                <div className="section-heading">
                  <h3 id="duplicates-title">
                    {preview.duplicates.length === 1 ? '1 person is already in Kith' : `${preview.duplicates.length} people are already in Kith`}
                  </h3>
                  <div className="duplicate-choices">
                    <label className="inline-field">
                      {anyNameOnly ? 'Same email or phone' : 'For all'}
                      <ActionSelect
                        label={anyNameOnly ? 'For duplicates with the same email or phone' : 'For all duplicates'}
                        value={defaultAction}
                        onChange={(action) => {
                          setDefaultAction(action);
                          setActions({});
                        }}
                      />
                    </label>
                    {anyNameOnly && (
                      <label className="inline-field">
                        Same name only
                        <ActionSelect
                          label="For duplicates with only the same name"
                          value={nameOnlyAction}
                          onChange={(action) => {
                            setNameOnlyAction(action);
                            setActions({});
                          }}
                        />
                      </label>
                    )}
                  </div>
                </div>
                <ul className="duplicate-list">
                  {preview.duplicates.map((d) => (
                    <li key={d.record}>
                      <ImportDuplicateText d={d} target={mergeInto[d.record]} onTarget={(id) => setMergeInto((m) => ({ ...m, [d.record]: id }))} />
                      <ActionSelect
                        label={`What to do with ${d.incoming.displayName}`}
                        value={importActionFor(reasonsOf(d), actions[d.record], defaultAction, nameOnlyAction)}
                        onChange={(action) => setActions((a) => ({ ...a, [d.record]: action }))}
                      />
                    </li>
                  ))}
                </ul>
                {anyNameOnly && <p className="subtle">Two people can share a name: someone who matches by name alone is kept as a separate person unless you choose Merge.</p>}
                <p className="subtle">Merge keeps every email, phone, address, tag and note of both and fills in what is missing.</p>
              </section>
            )}
            {preview.json?.hasData && <RestoreChoice preview={preview} host={host} value={restoreAs} onChange={setRestoreAs} />}
            <Problems title="Cannot be imported" problems={preview.failed} tone="danger" />
            <Problems title="Imported with a note" problems={preview.warnings} tone="warn" />
            <LeftOut preview={preview} />
            {!preview.json && preview.newCount > 0 && (
              <fieldset className="import-for-new">
                <legend>For every new contact</legend>
                <label className="inline-field">
                  Circle
                  <select value={forNew.circleId} onChange={(e) => setForNew((f) => ({ ...f, circleId: e.target.value }))}>
                    <option value="">As in the file (none)</option>
                    {circles.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="inline-field">
                  Tags
                  <input type="text" placeholder="e.g. imported, conference" value={forNew.tags} onChange={(e) => setForNew((f) => ({ ...f, tags: e.target.value }))} />
                </label>
                <label className="inline-field">
                  Check in every
                  <input
                    type="number"
                    className="narrow"
                    min={1}
                    max={3650}
                    placeholder={forNew.circleId ? String(circles.find((c) => c.id === forNew.circleId)?.defaultCadenceDays ?? '') : '—'}
                    value={forNew.cadence}
                    onChange={(e) => setForNew((f) => ({ ...f, cadence: e.target.value }))}
                    aria-invalid={cadenceInvalid(forNew.cadence) ? true : undefined}
                  />
                  days
                </label>
              </fieldset>
            )}
            {cadenceInvalid(forNew.cadence) && <p className="form-error" role="alert">Check in every 1 to 3650 days, or leave it empty for the circle&apos;s rhythm</p>}
            {error && <p className="form-error" role="alert">{error}</p>}
            <div className="form-actions">
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              {preview.csv && (
                <button type="button" className="button" onClick={() => setStep('mapping')}>
                  Back to columns
                </button>
              )}
              <button type="button" className="button primary" onClick={startImport} disabled={busy || (preview.total === 0 && !preview.json) || cadenceInvalid(forNew.cadence)}>
                {preview.json ? (preview.json.hasData ? (restoreAs === 'merge' ? 'Merge into this data' : 'Restore into a new file') : 'Restore everything') : `Import ${preview.total} ${preview.total === 1 ? 'contact' : 'contacts'}`}
              </button>
            </div>
          </>
        )}

        {step === 'running' && (
          <div className="import-running">
            <p>
              Importing {progress?.total ?? 0} {progress?.total === 1 ? 'record' : 'records'}… Nothing is saved until the end: cancelling leaves Kith as it was.
            </p>
            <progress className="progress" max={Math.max(progress?.total ?? 1, 1)} value={progress?.processed ?? 0} aria-label="Import progress">
              {progress?.processed ?? 0} of {progress?.total ?? 0}
            </progress>
            <p className="subtle" aria-live="polite">
              {progress?.processed ?? 0} of {progress?.total ?? 0}
            </p>
            <div className="form-actions">
              <button type="button" className="button" onClick={cancelImport}>
                Cancel import
              </button>
            </div>
          </div>
        )}

        {step === 'done' && summary && (
          <>
            <dl className="import-summary" aria-label="Import summary">
              {summary.restored ? (
                <div>
                  <dt>Restored</dt>
                  <dd>
                    {plural(summary.restored.contacts ?? 0, 'contact', 'contacts')}, {plural(summary.restored.interactions ?? 0, 'interaction', 'interactions')},{' '}
                    {plural(summary.restored.reminders ?? 0, 'reminder', 'reminders')}
                  </dd>
                </div>
              ) : (
                (
                  [
                    ['Added', summary.added],
                    ['Merged', summary.merged],
                    ['Skipped', summary.skipped],
                    ['Failed', summary.failed.length],
                  ] as const
                ).map(([label, n]) => (
                  <div key={label} className={label === 'Failed' && n > 0 ? 'bad' : undefined}>
                    <dt>{label}</dt>
                    <dd>{n}</dd>
                  </div>
                ))
              )}
            </dl>
            <RestoredInto summary={summary} />
            <Problems title="Not imported" problems={summary.failed} tone="danger" />
            <Problems title="Imported with a note" problems={summary.warnings} tone="warn" />
            <div className="form-actions">
              <button
                type="button"
                className="button primary"
                // the app now runs on the new file: every screen loads again from it
                onClick={() => (summary.restoredInto?.mode === 'newFile' ? window.location.reload() : onClose())}
              >
                {summary.restoredInto?.mode === 'newFile' ? 'Open the new data' : 'Done'}
              </button>
            </div>
          </>
        )}
        {step === 'choose' && error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}

function ReviewHeader({ preview }: { preview: ImportPreview }) {
  if (preview.json) {
    const exported = preview.json.exportedAt ? formatDateTime(Date.parse(preview.json.exportedAt)) : 'an unknown date';
    return (
      <p>
        <strong>{preview.fileName}</strong> is a full Kith export from {exported}: {plural(preview.json.contacts, 'contact', 'contacts')}, {plural(preview.json.interactions, 'interaction', 'interactions')} and{' '}
        {plural(preview.json.reminders, 'reminder', 'reminders')}.{' '}
        {preview.json.hasData ? 'This Kith has data of its own already.' : 'It is restored exactly, into a Kith that has no data yet.'}
      </p>
    );
  }
  return (
    <div className="import-overview">
      <p>
        <strong>{preview.fileName}</strong> · {FORMAT_LABELS[preview.format]} · {preview.total} {preview.total === 1 ? 'contact' : 'contacts'} read
        {preview.duplicates.length ? `, ${preview.newCount} new` : ''}
      </p>
      {preview.sample.length > 0 && (
        <ul className="import-sample" aria-label="First contacts in the file">
          {preview.sample.map((s) => (
            <li key={s.record}>
              <span>{s.displayName}</span>
              {s.detail && <span className="subtle">{s.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const cadenceInvalid = (v: string) => v.trim() !== '' && !(Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 3650);

/** what the file holds that Kith has no place for: by field, then each with its record and line */
function LeftOut({ preview }: { preview: ImportPreview }) {
  if (!preview.leftOutCount) return null;
  const shown = preview.leftOut.length;
  return (
    <details className="problems left-out" open={preview.leftOutCount <= 5}>
      <summary>
        Left out (Kith has no field for it): {preview.leftOutCount} {preview.leftOutCount === 1 ? 'value' : 'values'} — {preview.leftOutFields.slice(0, 6).map((f) => `${f.field} ×${f.count}`).join(', ')}
        {preview.leftOutFields.length > 6 ? ', …' : ''}
      </summary>
      <ul>
        {preview.leftOut.map((l, i) => (
          <li key={i}>
            <span className="problem-where">
              Record {l.record}
              {l.line ? `, line ${l.line}` : ''}
            </span>{' '}
            <strong>{l.field}</strong>: {l.value}
          </li>
        ))}
        {shown < preview.leftOutCount && <li className="subtle">…and {formatNumber(preview.leftOutCount - shown)} more</li>}
      </ul>
    </details>
  );
}

function Problems({ title, problems, tone }: { title: string; problems: ImportProblem[]; tone: 'danger' | 'warn' }) {
  if (!problems.length) return null;
  return (
    <details className={`problems ${tone}`} open={problems.length <= 5}>
      <summary>
        {title}: {problems.length}
      </summary>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <span className="problem-where">{p.record === 0 ? 'File' : `Record ${p.record}`}{p.line ? `, line ${p.line}` : ''}</span> {p.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** "312 people, 4,020 interactions: 290 new, 22 already here" */
function mergeLine(kind: { total: number; added: number; present: number }, one: string, many: string) {
  return `${plural(kind.total, one, many)}: ${formatNumber(kind.added)} new, ${formatNumber(kind.present)} already here`;
}

/** merge into this data, or restore into a new data file: with what each would do, before anything is written */
function RestoreChoice({ preview, host, value, onChange }: { preview: ImportPreview; host: string | null; value: RestoreAs; onChange(v: RestoreAs): void }) {
  const merge = preview.json!.merge!;
  return (
    <fieldset className="restore-choice">
      <legend>How should it come in?</legend>
      <label>
        <input type="radio" name="restore-as" checked={value === 'merge'} onChange={() => onChange('merge')} />
        <span>
          <strong>Merge into this data</strong>
          <ul className="subtle" aria-label="What a merge adds">
            <li>{mergeLine(merge.contacts, 'person', 'people')}</li>
            <li>{mergeLine(merge.interactions, 'interaction', 'interactions')}</li>
            <li>{mergeLine(merge.reminders, 'reminder', 'reminders')}</li>
          </ul>
          <small className="subtle">People already here keep their own details and gain what is new. A backup is taken first (Settings → Backups brings it back).</small>
        </span>
      </label>
      <label>
        <input type="radio" name="restore-as" checked={value === 'newFile'} onChange={() => onChange('newFile')} />
        <span>
          <strong>Restore into a new data file</strong>
          <small className="subtle">
            {host === 'electron' ? 'You choose where the new file goes' : 'A new file beside the current one'}; Kith then opens it. This data stays as it is, in its own file.
          </small>
        </span>
      </label>
    </fieldset>
  );
}

function RestoredInto({ summary }: { summary: ImportSummary }) {
  const into = summary.restoredInto;
  if (!into || into.mode === 'empty') return null;
  if (into.mode === 'newFile') return <p role="status">Restored into a new data file, {into.file}. Kith is now using it; your previous data file is unchanged.</p>;
  const m = into.merged!;
  return (
    <p role="status">
      Merged: {mergeLine(m.contacts!, 'person', 'people')}; {mergeLine(m.interactions!, 'interaction', 'interactions')}. {into.backup ? `A backup was taken first: ${into.backup} (Settings → Backups).` : ''}
    </p>
  );
}

/** merge, keep both or skip: for all duplicates of a kind, or for one */
function ActionSelect({ label, value, onChange }: { label: string; value: DuplicateAction; onChange(action: DuplicateAction): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as DuplicateAction)}>
      {Object.entries(ACTION_LABELS).map(([action, text]) => (
        <option key={action} value={action}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** why a previewed record matched: each contact's strongest reason, and the earlier record of the file it repeats */
function reasonsOf(d: ImportPreview['duplicates'][number]) {
  return [...d.candidates.map((c) => c.matchedBy), ...(d.inFile ? [d.inFile.matchedBy] : [])];
}

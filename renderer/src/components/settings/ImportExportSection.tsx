// Settings → Import & export: bring contacts in from other apps, take everything out. An export
// runs in the back end's worker: the page polls its progress and may cancel it, and the rest of
// Kith stays usable meanwhile.
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { appHost, downloadExportJob, formatBytes } from '../../lib/files';
import type { ExportFormat, ExportJob } from '../../../../shared/api/methods/transfer';
import { ImportDialog } from './ImportDialog';

const EXPORTS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'vcard', label: 'Contacts (vCard 4.0)', hint: 'for address books; Kith reads it back unchanged' },
  { format: 'vcard3', label: 'Contacts (vCard 3.0)', hint: 'for Apple Contacts, Google and older address books' },
  { format: 'csv', label: 'Contacts (CSV)', hint: 'for spreadsheets, with circle, tags and birthday' },
  { format: 'json', label: 'Everything (JSON)', hint: 'contacts, interactions, reminders, circles, settings' },
  { format: 'ics', label: 'Calendar (.ics)', hint: 'birthdays, anniversaries and reminders' },
];

/** how often a running export is asked how far it is */
const POLL_MS = 250;

export function ImportExportSection() {
  const [importing, setImporting] = useState(false);
  const [starting, setStarting] = useState<ExportFormat | null>(null);
  const [job, setJob] = useState<ExportJob | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  async function exportAs(format: ExportFormat) {
    setStarting(format);
    try {
      const destination = (await appHost()) === 'electron' ? 'dialog' : 'download';
      const started = await api.call('transfer.exportStart', { format, destination });
      if (!started) return; // the save dialog was cancelled
      setJob(started);
      const finished = await follow(started);
      if (!mounted.current) return;
      if (finished.state === 'done') {
        if (finished.savedTo) toast.success(`Saved ${finished.fileName}`, { description: finished.savedTo });
        else {
          downloadExportJob(finished);
          toast.success(`Exported ${finished.fileName}`);
        }
      } else if (finished.state === 'cancelled') toast('Export cancelled: no file was written');
      else toast.error(`The export failed: ${finished.error ?? 'unknown error'}`);
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      if (mounted.current) {
        setStarting(null);
        setJob(null);
      }
    }
  }

  /** polls the job until it has finished */
  async function follow(started: ExportJob): Promise<ExportJob> {
    let current = started;
    while (current.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      current = await api.call('transfer.exportProgress', { jobId: started.jobId });
      if (mounted.current) setJob(current);
    }
    return current;
  }

  const cancelExport = () => job && void api.call('transfer.exportCancel', { jobId: job.jobId });
  const running = EXPORTS.find((e) => e.format === (job?.format ?? starting));

  return (
    <section className="card" aria-labelledby="import-export-title">
      <div className="section-heading">
        <div>
          <h2 id="import-export-title">Import &amp; export</h2>
          <p className="subtle">vCard (.vcf) from any address book, CSV from Google Contacts, LinkedIn or Outlook, or a Kith JSON export.</p>
        </div>
        <button type="button" className="button primary" onClick={() => setImporting(true)}>
          Import contacts…
        </button>
      </div>
      <div className="export-grid" role="group" aria-label="Export">
        {EXPORTS.map((e) => (
          <button key={e.format} type="button" className="export-option" onClick={() => exportAs(e.format)} disabled={starting !== null} aria-describedby={`export-hint-${e.format}`}>
            <span className="export-label">{starting === e.format ? 'Exporting…' : `Export ${e.label}`}</span>
            <span className="subtle" id={`export-hint-${e.format}`}>
              {e.hint}
            </span>
          </button>
        ))}
      </div>
      {job && running && (
        <div className="export-running" role="status" aria-label={`Exporting ${running.label}`}>
          <div className="export-running-text">
            <span>Exporting {running.label}…</span>
            <span className="subtle">
              {job.total > 0 ? `${Math.floor((100 * job.processed) / job.total)}%` : 'starting'} · {formatBytes(job.bytes)} written
            </span>
          </div>
          <progress className="progress" max={Math.max(job.total, 1)} value={job.processed} aria-label="Export progress" />
          <button type="button" className="button small" onClick={cancelExport}>
            Cancel export
          </button>
        </div>
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

// Settings → Import & export: bring contacts in from other apps, take everything out.
import { useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { appHost, deliverExport } from '../../lib/files';
import type { ExportFormat } from '../../../../shared/api/methods/transfer';
import { ImportDialog } from './ImportDialog';

const EXPORTS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'vcard', label: 'Contacts (vCard 4.0)', hint: 'for address books; Kith reads it back unchanged' },
  { format: 'vcard3', label: 'Contacts (vCard 3.0)', hint: 'for Apple Contacts, Google and older address books' },
  { format: 'csv', label: 'Contacts (CSV)', hint: 'for spreadsheets, with circle, tags and birthday' },
  { format: 'json', label: 'Everything (JSON)', hint: 'contacts, interactions, reminders, circles, settings' },
  { format: 'ics', label: 'Calendar (.ics)', hint: 'birthdays, anniversaries and reminders' },
];

export function ImportExportSection() {
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  async function exportAs(format: ExportFormat) {
    setBusy(format);
    try {
      const destination = (await appHost()) === 'electron' ? 'dialog' : 'download';
      const result = await api.call('transfer.export', { format, destination });
      if (result.cancelled) return;
      deliverExport(result);
      toast.success(result.savedTo ? `Saved ${result.fileName}` : `Exported ${result.fileName}`);
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

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
          <button key={e.format} type="button" className="export-option" onClick={() => exportAs(e.format)} disabled={busy !== null} aria-describedby={`export-hint-${e.format}`}>
            <span className="export-label">{busy === e.format ? 'Exporting…' : `Export ${e.label}`}</span>
            <span className="subtle" id={`export-hint-${e.format}`}>
              {e.hint}
            </span>
          </button>
        ))}
      </div>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </section>
  );
}

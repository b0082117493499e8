// Methods for import, export and backups.
import { z } from 'zod';
import { MAX_IMPORT_BASE64_CHARS, uploadTooLargeMessage } from '../limits';
import { command, query } from '../define';
import { id } from '../schemas';

export const IMPORT_FORMATS = ['vcard', 'google', 'google-legacy', 'linkedin', 'outlook', 'thunderbird', 'kith', 'generic', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type CsvFormat = Exclude<ImportFormat, 'vcard' | 'json'>;

/** what a column of an unknown CSV can become */
export const CSV_TARGETS = ['ignore', 'displayName', 'givenName', 'familyName', 'nickname', 'company', 'title', 'email', 'phone', 'address', 'website', 'birthday', 'notes', 'tags', 'howMet'] as const;
export type CsvTarget = (typeof CSV_TARGETS)[number];

export const DUPLICATE_ACTIONS = ['merge', 'keepBoth', 'skip'] as const;
export type DuplicateAction = (typeof DUPLICATE_ACTIONS)[number];

export interface ImportProblem {
  /** record (card, row) number in the file; 0 for the file as a whole */
  record: number;
  line: number | null;
  reason: string;
}

export interface DuplicateCandidate {
  record: number;
  incoming: { displayName: string; emails: string[]; phones: string[] };
  /** the first contact it matches (null when it only repeats an earlier record of the file) */
  existing: { id: string; displayName: string; emails: string[]; phones: string[] } | null;
  matchedBy: 'id' | 'email' | 'phone' | 'name';
  /** every contact already in Kith it matches: more than one is never merged without a choice (importCommit's mergeInto) */
  candidates: { id: string; displayName: string; emails: string[]; phones: string[]; matchedBy: 'id' | 'email' | 'phone' | 'name' }[];
  /** an earlier record of the same file that is the same person: merging puts both into one contact */
  inFile: { record: number; displayName: string; matchedBy: 'id' | 'email' | 'phone' | 'name' } | null;
}

export interface ImportPreview {
  sessionId: string;
  fileName: string;
  format: ImportFormat;
  /** records read from the file (without those that failed) */
  total: number;
  /** of those, how many match nobody already in Kith */
  newCount: number;
  duplicates: DuplicateCandidate[];
  failed: ImportProblem[];
  warnings: ImportProblem[];
  /** the first records as they will be imported */
  sample: { record: number; displayName: string; detail: string }[];
  /** an unknown CSV: the columns, the first rows and the mapping in use (suggested until changed) */
  csv: { headers: string[]; rows: string[][]; mapping: CsvTarget[] } | null;
  /**
   * a full Kith JSON export: what it holds. When this Kith has data already (`hasData`), the
   * restore asks: merge into this data (`merge`: of each kind, how many are new here and how many
   * are here already) or restore into a new data file.
   */
  json: {
    contacts: number;
    interactions: number;
    reminders: number;
    exportedAt: string | null;
    hasData: boolean;
    merge: Record<'contacts' | 'interactions' | 'reminders', { total: number; added: number; present: number }> | null;
  } | null;
  /** properties and columns the file carries that Kith does not keep (the first LEFT_OUT_SHOWN of them) */
  leftOut: LeftOutItem[];
  /** how many there are in all, and per field */
  leftOutCount: number;
  leftOutFields: { field: string; count: number }[];
}

export const LEFT_OUT_SHOWN = 500;

export interface LeftOutItem {
  record: number;
  line: number | null;
  /** the property (NICKNAME, X-PHONETIC-FIRST-NAME) or column ("Hobby") as the file names it */
  field: string;
  value: string;
}

export interface ImportSummary {
  added: number;
  merged: number;
  skipped: number;
  failed: ImportProblem[];
  warnings: ImportProblem[];
  /** a JSON restore: the rows written per table */
  restored: Record<string, number> | null;
  /** a JSON restore into a Kith with data: how it went, and what makes it undone */
  restoredInto?: {
    mode: 'empty' | 'merge' | 'newFile';
    /** merge: per kind (contacts, interactions, reminders), what was added and what was here already */
    merged: Record<string, { total: number; added: number; present: number }> | null;
    /** merge: the automatic backup taken first (Settings → Backups restores it) */
    backup: string | null;
    /** newFile: the file written and now open */
    file: string | null;
  };
}

export interface ImportProgress {
  state: 'ready' | 'running' | 'done' | 'cancelled' | 'failed';
  processed: number;
  total: number;
}

export const EXPORT_FORMATS = ['vcard', 'vcard3', 'csv', 'json', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  fileName: string;
  mime: string;
  /** the file's text, for a download (web host); null when it was saved through a dialog */
  content: string | null;
  /** where the native dialog saved it; null for a download or a cancelled dialog */
  savedTo: string | null;
  cancelled: boolean;
  count: number;
}

/** an export running in its worker: written straight to its file, never held whole in memory */
export interface ExportJob {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  format: ExportFormat;
  fileName: string;
  mime: string;
  /** rows (JSON) or contacts and reminders (vCard, CSV, .ics) written so far, of total */
  processed: number;
  total: number;
  /** bytes written to the file so far */
  bytes: number;
  /** contacts (or items, for .ics) in the finished file */
  count: number;
  /** the file the native dialog chose (Electron); null for a download */
  savedTo: string | null;
  /** why it failed, when it did */
  error: string | null;
}

export interface BackupInfo {
  fileName: string;
  /** when it was taken (epoch ms) */
  takenAt: number;
  kind: 'daily' | 'manual' | 'before-migration' | 'before-restore' | 'other';
  sizeBytes: number;
}

export interface BackupDetails extends BackupInfo {
  ok: boolean;
  problem: string | null;
  contacts: number;
  interactions: number;
  schemaVersion: string | null;
}

const source = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('upload'),
      fileName: z.string().trim().min(1, 'Missing file name').max(300),
      /** the file's bytes, base64: vCard 2.1 files may carry other character sets than UTF-8 */
      base64: z.string().max(MAX_IMPORT_BASE64_CHARS, uploadTooLargeMessage(null, null)),
    })
    .strict(),
  /** the main process asks with a native open dialog (Electron) */
  z.object({ kind: z.literal('dialog') }).strict(),
]);

export const transferMethods = {
  /** reads a file and says what an import would do; writes nothing */
  'transfer.importPreview': query<ImportPreview | null>()(
    z
      .object({
        source: source.optional(),
        /** re-read an open session, e.g. with a changed column mapping */
        sessionId: id.optional(),
        format: z.enum(IMPORT_FORMATS).optional(),
        mapping: z.array(z.enum(CSV_TARGETS)).max(500).optional(),
      })
      .strict()
      .refine((v) => v.source || v.sessionId, { message: 'Choose a file to import', path: ['source'] }),
  ),
  /** writes the previewed import in one transaction; per-record failures come back in the summary */
  'transfer.importCommit': command<ImportSummary>()(
    z
      .object({
        sessionId: id,
        /** what to do with a record that matches by id, email or phone */
        defaultAction: z.enum(DUPLICATE_ACTIONS).default('merge'),
        /** what to do with a record that matches only by name (shared/domain/duplicates.ts importActionFor) */
        nameOnlyAction: z.enum(DUPLICATE_ACTIONS).default('keepBoth'),
        /** per record number: what to do with that duplicate */
        actions: z.record(z.string().regex(/^\d+$/, 'Expected a record number'), z.enum(DUPLICATE_ACTIONS)).default({}),
        /** a Kith export into a Kith with data: add it to this data, or restore it into a new data file and open that */
        restoreAs: z.enum(['merge', 'newFile']).optional(),
        /** per record number: which of several matching contacts a merged record goes into */
        mergeInto: z.record(z.string().regex(/^\d+$/, 'Expected a record number'), id).default({}),
        /** what every contact this import adds gets as well (not the merged ones) */
        forNew: z
          .object({
            circleId: id.nullish(),
            tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
            cadenceDays: z.number().int().min(1).max(3650).nullish(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  'transfer.importProgress': query<ImportProgress>()(z.object({ sessionId: id }).strict()),
  /**
   * stops a running import: its transaction is rolled back, nothing of it stays. A query, not a
   * command: it writes nothing itself, and must not wait for the import's write to end.
   */
  'transfer.importCancel': query<{ cancelled: boolean }>()(z.object({ sessionId: id }).strict()),
  'transfer.export': query<ExportResult>()(
    z
      .object({
        format: z.enum(EXPORT_FORMATS),
        /** only these contacts (vCard, CSV, .ics); all when left out */
        contactIds: z.array(id).max(100_000).optional(),
        destination: z.enum(['download', 'dialog']).default('download'),
      })
      .strict(),
  ),
  /**
   * starts an export in a worker with its own read-only connection; other calls go on meanwhile.
   * 'dialog' asks for the file first (null when the user cancels); 'download' keeps the file for
   * the web host's GET /api/exports/<jobId>.
   */
  'transfer.exportStart': query<ExportJob | null>()(
    z
      .object({
        format: z.enum(EXPORT_FORMATS),
        contactIds: z.array(id).max(100_000).optional(),
        destination: z.enum(['download', 'dialog']).default('download'),
      })
      .strict(),
  ),
  'transfer.exportProgress': query<ExportJob>()(z.object({ jobId: id }).strict()),
  /** stops a running export: its file is removed, nothing of it stays on disk */
  'transfer.exportCancel': query<{ cancelled: boolean }>()(z.object({ jobId: id }).strict()),
  'transfer.backupsList': query<{ folder: string; backups: BackupInfo[] }>()(z.object({}).strict()),
  'transfer.backupInspect': query<BackupDetails>()(z.object({ fileName: z.string().min(1).max(300) }).strict()),
  'transfer.backupNow': command<BackupInfo>()(z.object({}).strict()),
  /** replaces the data with a backup's, after backing up the current file */
  'transfer.backupRestore': command<{ restored: BackupDetails; safetyBackup: BackupInfo }>()(z.object({ fileName: z.string().min(1).max(300) }).strict()),
};

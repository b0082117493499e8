// Files on a contact or an interaction: open (Electron: the system's app; browser: a download),
// rename, delete with Undo, and add by the native dialog (Electron), a file input or a drop.
import { useCallback, useEffect, useRef, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { appHost, formatBytes, readAsBase64 } from '../../lib/files';
import { formatDay } from '../../lib/format';
import { ApiError } from '../../../../shared/api/errors';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB } from '../../../../shared/api/limits';
import type { Attachment } from '../../../../shared/domain/attachments';
import { escapeCloses, withoutField } from '../contact/inlineForm';
import { Icon } from '../Icon';

export type AttachmentOwner = { contactId: string } | { interactionId: string };

/** the owner's files, reloaded after every write */
export function useAttachments(owner: AttachmentOwner): Attachment[] {
  const [files, setFiles] = useState<Attachment[]>([]);
  const key = 'contactId' in owner ? `c:${owner.contactId}` : `i:${owner.interactionId}`;
  const load = useCallback(
    () => ('contactId' in owner ? api.call('attachments.listForContact', owner) : api.call('attachments.listForInteraction', owner)).then(setFiles, () => setFiles([])),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  return files;
}

function useHost(): 'electron' | 'web' | null {
  const [host, setHost] = useState<'electron' | 'web' | null>(null);
  useEffect(() => void appHost().then(setHost), []);
  return host;
}

/** adds the files a user picked or dropped, one call each; a refused one says why, by name */
async function addFiles(owner: AttachmentOwner, files: File[]) {
  for (const file of files) {
    // checked here too, so a 2 GB video is not read into memory only to be refused
    if (file.size > MAX_ATTACHMENT_BYTES) {
      toast.error(`“${file.name}” is ${formatBytes(file.size)}; a file can be at most ${MAX_ATTACHMENT_MB} MB`);
      continue;
    }
    try {
      await api.call('attachments.add', { ...owner, name: file.name, mediaType: file.type, data: await readAsBase64(file) });
      toast.success(`Attached “${file.name}”`);
    } catch (err) {
      toast.error(err instanceof ApiError ? withoutField(err.message) : (err as Error).message);
    }
  }
}

/** the "Attach file" control: the native dialog in Electron, a file input in a browser */
export function AttachButton({ owner, label, className = 'button small' }: { owner: AttachmentOwner; label: string; className?: string }) {
  const host = useHost();
  const input = useRef<HTMLInputElement>(null);
  if (host === 'electron') {
    const choose = () =>
      api.call('attachments.choose', owner).then(
        (a) => a && toast.success(`Attached “${a.name}”`),
        (e: Error) => toast.error(withoutField(e.message)),
      );
    return (
      <button type="button" className={className} onClick={() => void choose()}>
        {label}
      </button>
    );
  }
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-hidden
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void addFiles(owner, files);
        }}
      />
    </>
  );
}

/** a drop target for files: highlights while a file is over it */
export function FileDropZone({ owner, children, className }: { owner: AttachmentOwner; children: ReactNode; className: string }) {
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  return (
    <div
      className={over ? `${className} dropping` : className}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void addFiles(owner, [...e.dataTransfer.files]);
      }}
    >
      {children}
    </div>
  );
}

export function AttachmentList({ files, label }: { files: Attachment[]; label: string }) {
  const host = useHost();
  const [renaming, setRenaming] = useState<string | null>(null);
  if (!files.length) return null;
  return (
    <ul className="attachment-list" aria-label={label}>
      {files.map((a) =>
        renaming === a.id ? (
          <RenameRow key={a.id} file={a} onDone={() => setRenaming(null)} />
        ) : (
          <li key={a.id} className="attachment">
            <span className="attachment-icon">
              <Icon name={a.mediaType.startsWith('image/') ? 'image' : 'file'} size={15} />
            </span>
            {host === 'electron' ? (
              <button type="button" className="link-button attachment-name" title={`Open “${a.name}” with its app`} onClick={() => void api.call('attachments.open', { id: a.id }).catch((e: Error) => toast.error(withoutField(e.message)))}>
                {a.name}
              </button>
            ) : (
              // a download, never shown in this page's origin: the host answers Content-Disposition: attachment
              <a className="attachment-name" href={`/api/attachments/${encodeURIComponent(a.id)}`} download={a.name} title={`Download “${a.name}”`}>
                {a.name}
              </a>
            )}
            <span className="subtle small attachment-meta">
              {formatBytes(a.size)} · {formatDay(a.createdAt)}
            </span>
            <span className="attachment-actions">
              <button type="button" className="link-button" aria-label={`Rename “${a.name}”`} onClick={() => setRenaming(a.id)}>
                Rename
              </button>
              <button type="button" className="icon-button small" aria-label={`Delete “${a.name}”`} onClick={() => void remove(a)}>
                ×
              </button>
            </span>
          </li>
        ),
      )}
    </ul>
  );
}

/** no question asked: the toast offers Undo, as for interactions and tags */
async function remove(a: Attachment) {
  try {
    await api.call('attachments.delete', { id: a.id });
    toast.success(`Deleted “${a.name}”`, {
      action: { label: 'Undo', onClick: () => void api.call('attachments.restore', { id: a.id }).then(() => toast.success(`“${a.name}” is back`), (e: Error) => toast.error(withoutField(e.message))) },
    });
  } catch (err) {
    toast.error((err as Error).message);
  }
}

function RenameRow({ file, onDone }: { file: Attachment; onDone(): void }) {
  const [name, setName] = useState(file.name);
  const [error, setError] = useState<string | null>(null);
  const errorId = `rename-${file.id}-error`;
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await api.call('attachments.rename', { id: file.id, name });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? withoutField(err.message) : (err as Error).message);
    }
  }
  return (
    <li className="attachment">
      <form className="attachment-rename" onSubmit={(e) => void save(e)} onKeyDown={escapeCloses(onDone)} noValidate>
        <input aria-label={`New name for “${file.name}”`} value={name} maxLength={255} autoFocus aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} onChange={(e) => (setName(e.target.value), setError(null))} />
        <button type="submit" className="button small">
          Save
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          Cancel
        </button>
        {error && (
          <small className="field-error" id={errorId} role="alert">
            {error}
          </small>
        )}
      </form>
    </li>
  );
}

// The contact's files (a contract, a scan): drop them on the card or attach one; each opens with
// its app (Electron) or downloads (browser).
import { AttachButton, AttachmentList, FileDropZone, useAttachments } from '../attachments/AttachmentList';
import { MAX_ATTACHMENT_MB } from '../../../../shared/api/limits';

export function AttachmentsCard({ contactId, name }: { contactId: string; name: string }) {
  const owner = { contactId };
  const files = useAttachments(owner);
  return (
    <FileDropZone owner={owner} className="card attachments-card">
      <section aria-labelledby="attachments-title" className="attachments-section">
        <div className="card-header">
          <h2 id="attachments-title">Files</h2>
          <AttachButton owner={owner} label="Attach file" />
        </div>
        {files.length === 0 && <p className="subtle">No files for {name} yet. Drop one here (up to {MAX_ATTACHMENT_MB} MB).</p>}
        <AttachmentList files={files} label={`Files for ${name}`} />
      </section>
    </FileDropZone>
  );
}

// An interaction's files in the timeline: a paperclip with their count opens them; "Attach" adds
// one (the list opens, and takes drops).
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { Icon } from '../Icon';
import { AttachButton, AttachmentList, FileDropZone, useAttachments } from './AttachmentList';

/** how many files each shown interaction has, asked once per page of the timeline */
export function useAttachmentCounts(interactionIds: string[]): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const key = interactionIds.join(',');
  const load = useCallback(
    () => (interactionIds.length ? api.call('attachments.countsForInteractions', { interactionIds: interactionIds.slice(0, 500) }).then(setCounts, () => setCounts({})) : setCounts({})),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  return counts;
}

/** the paperclip button in an interaction's head: "📎 2", or "Attach" when it has none */
export function PaperclipButton({ count, open, onToggle, what }: { count: number; open: boolean; onToggle(): void; what: string }) {
  return (
    <button type="button" className="link-button paperclip" aria-expanded={open} aria-label={count ? `${count} ${count === 1 ? 'file' : 'files'} on ${what}` : `Attach a file to ${what}`} onClick={onToggle}>
      <Icon name="paperclip" size={14} /> {count ? count : 'Attach'}
    </button>
  );
}

export function InteractionFiles({ interactionId, what }: { interactionId: string; what: string }) {
  const owner = { interactionId };
  const files = useAttachments(owner);
  return (
    <FileDropZone owner={owner} className="timeline-files">
      <AttachmentList files={files} label={`Files on ${what}`} />
      {files.length === 0 && <p className="subtle small">No files yet: drop one here or attach it.</p>}
      <div>
        <AttachButton owner={owner} label="Attach file" className="button small" />
      </div>
    </FileDropZone>
  );
}

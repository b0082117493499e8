// The second, explicit step after archiving: says what goes with the contact before it goes.
import { useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { Modal } from '../Modal';

export function ConfirmDelete({ contact, onClose, onDeleted }: { contact: { id: string; displayName: string }; onClose(): void; onDeleted?(): void }) {
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      const report = await api.call('contacts.deletePermanently', { id: contact.id });
      const parts = [`${report.interactionsDeleted} interaction${report.interactionsDeleted === 1 ? '' : 's'} only with them`];
      if (report.interactionsKept) parts.push(`${report.interactionsKept} shared kept without them`);
      toast.success(`${contact.displayName} deleted for good`, { description: parts.join('; ') });
      onDeleted?.();
      onClose();
    } catch (err) {
      toast.error((err as Error).message);
      setBusy(false);
    }
  }
  return (
    <Modal title={`Delete ${contact.displayName} for good?`} onClose={onClose}>
      <p>
        This removes <strong>{contact.displayName}</strong>, the interactions you had only with them, their reminders and their links to other people.
        Interactions with others stay, without them. <strong>This cannot be undone.</strong>
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Keep in archive
        </button>
        <button type="button" className="button danger-solid" disabled={busy} onClick={() => void confirm()}>
          Delete for good
        </button>
      </div>
    </Modal>
  );
}

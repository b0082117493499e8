// App-wide dialogs and the shortcuts that open them, from any page:
//   Ctrl/Cmd+K  command palette      Ctrl/Cmd+L  log an interaction
//   N  new contact   L  log   /  search   ?  shortcuts   (single keys never fire while typing in a field)
import { useEffect } from 'react';
import { toast } from 'sonner';
import { useUi } from '../stores/ui';
import { useContacts } from '../stores/contacts';
import { useRouter } from '../stores/router';
import { isModKey, isTypingTarget } from '../lib/keyboard';
import { QuickLogDialog } from './QuickLogDialog';
import { CommandPalette } from './CommandPalette';
import { Modal } from './Modal';
import { ContactForm } from './ContactForm';
import { ShortcutsDialog } from './ShortcutsDialog';

export function GlobalDialogs() {
  const { quickLog, paletteOpen, newContactOpen, shortcutsOpen } = useUi();
  const circles = useContacts((s) => s.circles);
  const navigate = useRouter((s) => s.navigate);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const ui = useUi.getState();
      const key = e.key.toLowerCase();
      if (isModKey(e) && !e.altKey && !e.shiftKey && key === 'k') {
        e.preventDefault();
        ui.setPaletteOpen(!ui.paletteOpen);
        return;
      }
      if (isModKey(e) && !e.altKey && !e.shiftKey && key === 'l') {
        e.preventDefault();
        if (!ui.quickLog) ui.openQuickLog(currentContact());
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target) || document.querySelector('[role="dialog"], .palette')) return;
      if (key === 'n') {
        // on the Reminders page "n" means a new reminder (RemindersPage handles it)
        if (useRouter.getState().route.page === 'reminders') return;
        e.preventDefault();
        ui.setNewContactOpen(true);
      } else if (key === 'l') {
        e.preventDefault();
        ui.openQuickLog(currentContact());
      } else if (e.key === '?') {
        e.preventDefault();
        ui.setShortcutsOpen(true);
      } else if (e.key === '/') {
        e.preventDefault();
        document.getElementById('global-search')?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {shortcutsOpen && <ShortcutsDialog onClose={() => useUi.getState().setShortcutsOpen(false)} />}
      {paletteOpen && <CommandPalette onClose={() => useUi.getState().setPaletteOpen(false)} />}
      {quickLog && <QuickLogDialog people={quickLog.people} editing={quickLog.editing} onClose={() => useUi.getState().closeQuickLog()} />}
      {newContactOpen && (
        <Modal title="New contact" onClose={() => useUi.getState().setNewContactOpen(false)} wide>
          <ContactForm
            circles={circles}
            onCancel={() => useUi.getState().setNewContactOpen(false)}
            onSaved={(contact) => {
              useUi.getState().setNewContactOpen(false);
              toast.success(`${contact.displayName} added`, { action: { label: 'Open', onClick: () => navigate({ page: 'contact', id: contact.id }) } });
            }}
          />
        </Modal>
      )}
    </>
  );
}

/** on a contact's page, the quick-log starts with that person */
function currentContact(): { id: string; displayName: string }[] {
  const route = useRouter.getState().route;
  if (route.page !== 'contact') return [];
  const name = document.querySelector('.contact-hero h1')?.textContent;
  return name ? [{ id: route.id, displayName: name }] : [];
}

// Ctrl/Cmd+K: jump to anyone (the same search as everywhere) or run an action.
import { useState } from 'react';
import { Command } from 'cmdk';
import { useRouter } from '../stores/router';
import { useUi } from '../stores/ui';
import { Avatar } from './Avatar';
import { Icon, type IconName } from './Icon';
import { useContactSearch } from './contact/useContactSearch';
import { MOD_LABEL } from '../lib/keyboard';
import { SearchExcerpt } from './SearchExcerpt';
import { useSync } from '../stores/sync';

export function CommandPalette({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const { hits } = useContactSearch(query, { limit: 8 });
  const navigate = useRouter((s) => s.navigate);
  const ui = useUi.getState();

  const actions: { label: string; icon: IconName; run(): void; hint?: string }[] = [
    { label: 'New contact', icon: 'plus', run: () => ui.setNewContactOpen(true), hint: 'N' },
    { label: 'Log an interaction', icon: 'plus', run: () => ui.openQuickLog(), hint: `${MOD_LABEL}+L` },
    { label: 'Go to Dashboard', icon: 'home', run: () => navigate({ page: 'dashboard' }) },
    { label: 'Go to Contacts', icon: 'people', run: () => navigate({ page: 'contacts' }) },
    { label: 'Go to Archive', icon: 'archive', run: () => navigate({ page: 'contacts', archived: true }) },
    { label: 'Go to Reminders', icon: 'bell', run: () => navigate({ page: 'reminders' }) },
    { label: 'Go to Settings', icon: 'gear', run: () => navigate({ page: 'settings' }) },
    { label: 'Sync now', icon: 'sync', run: () => void useSync.getState().syncNow() },
    { label: 'Resolve sync conflicts', icon: 'sync', run: () => navigate({ page: 'sync-conflicts' }) },
  ];
  const q = query.trim().toLowerCase();
  const shownActions = actions.filter((a) => !q || a.label.toLowerCase().includes(q));

  function run(fn: () => void) {
    onClose();
    fn();
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="palette-dialog">
      <Command
        label="Command palette"
        className="palette"
        shouldFilter={false}
        loop
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <div className="palette-input">
          <Icon name="search" />
          <Command.Input autoFocus value={query} onValueChange={setQuery} placeholder="Find a person or an action…" aria-label="Find a person or an action" />
        </div>
        <Command.List className="palette-list">
          {q && hits.length === 0 && shownActions.length === 0 && <Command.Empty>No one and nothing matches “{query}”.</Command.Empty>}
          {hits.length > 0 && (
            <Command.Group heading="People">
              {hits.map((h) => (
                <Command.Item key={h.id} value={`contact-${h.id}`} onSelect={() => run(() => navigate({ page: 'contact', id: h.id }))}>
                  <Avatar name={h.displayName} contactId={h.id} size={24} />
                  <span className="palette-main">
                    <span>{h.displayName}</span>
                    <SearchExcerpt hit={h} />
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {shownActions.length > 0 && (
            <Command.Group heading="Actions">
              {shownActions.map((a) => (
                <Command.Item key={a.label} value={`action-${a.label}`} onSelect={() => run(a.run)}>
                  <Icon name={a.icon} size={16} />
                  <span className="palette-main">{a.label}</span>
                  {a.hint && <kbd>{a.hint}</kbd>}
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </Command.List>
      </Command>
      </div>
    </div>
  );
}

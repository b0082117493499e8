// "?": every keyboard shortcut, grouped by where it works.
import { shortcutGroups } from '../lib/shortcuts';
import { Modal } from './Modal';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} wide>
      {/* focusable: it scrolls, and Escape reaches the dialog from it */}
      <div className="shortcut-groups" tabIndex={0} data-autofocus>
        {shortcutGroups().map((g) => (
          <section key={g.title} aria-labelledby={`shortcuts-${g.title}`}>
            <h3 id={`shortcuts-${g.title}`}>{g.title}</h3>
            <dl className="shortcut-list">
              {g.items.map((s) => (
                <div key={s.keys.join()} className="shortcut">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="subtle"> / </span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}

// Markdown notes, rendered safely: no raw HTML ever (rehype-sanitize strips scripts, event
// handlers and javascript: links), links open nowhere inside the app. Images are never fetched: a
// pasted tracking pixel would tell its sender when the note was read, so each image is shown as a
// placeholder with its link, which opens in the browser only when the user clicks it.
// GitHub-flavoured (remark-gfm): task lists, tables, autolinks, strikethrough. With `onToggleTask`
// a task list's boxes can be ticked in place; the callback gets the text with that one box flipped.
import ReactMarkdown from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { Icon } from './Icon';
import { toggleTaskAt } from './markdownTasks';

export function Markdown({ text, onToggleTask }: { text: string; onToggleTask?: (next: string) => void }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {children}
            </a>
          ),
          // the box is drawn by its list item, which knows where in the text it stands
          input: ({ type, checked, disabled }) => (type === 'checkbox' ? null : <input type={type} checked={checked} disabled={disabled} readOnly />),
          li: ({ node, className, children }) => {
            const offset = node?.position?.start.offset;
            const task = typeof className === 'string' && className.includes('task-list-item') && offset !== undefined;
            if (!task) return <li className={className}>{children}</li>;
            const found = toggleTaskAt(text, offset);
            const label = labelOf(text, offset);
            return (
              <li className={className}>
                <input
                  type="checkbox"
                  checked={found?.checked ?? false}
                  disabled={!onToggleTask || !found}
                  aria-label={label}
                  onChange={() => found && onToggleTask?.(found.next)}
                />
                {children}
              </li>
            );
          },
          img: ({ src, alt }) => (
            <span className="md-image-placeholder" title="Images in notes are not loaded">
              <Icon name="image" size={14} />
              {typeof src === 'string' && src ? (
                <a href={src} target="_blank" rel="noreferrer noopener">
                  {alt ? `Image: ${alt}` : `Image: ${src}`}
                </a>
              ) : (
                `Image: ${alt || 'no address'}`
              )}
            </span>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}

/** the task's own words, for the checkbox's accessible name */
function labelOf(text: string, offset: number): string {
  const line = text.slice(offset).split('\n')[0] ?? '';
  return line.replace(/^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s*/, '').trim() || 'Task';
}

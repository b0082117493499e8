// Markdown notes, rendered safely: no raw HTML ever (rehype-sanitize strips scripts, event
// handlers and javascript: links), links open nowhere inside the app. Images are never fetched: a
// pasted tracking pixel would tell its sender when the note was read, so each image is shown as a
// placeholder with its link, which opens in the browser only when the user clicks it.
import ReactMarkdown from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import { Icon } from './Icon';

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {children}
            </a>
          ),
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

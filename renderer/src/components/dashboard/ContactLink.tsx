// A link to a contact's page: a real link (keyboard, middle-click), routed in the app.
import type { ReactNode } from 'react';
import { routeToHash, useRouter, type Route } from '../../stores/router';

/** `title`: the full text, for a link cut with an ellipsis */
export function RouteLink({ route, children, className, label, title }: { route: Route; children: ReactNode; className?: string; label?: string; title?: string }) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <a
      href={routeToHash(route)}
      className={className}
      aria-label={label}
      title={title}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}

export function ContactLink({ id, children, className, label, title }: { id: string; children: ReactNode; className?: string; label?: string; title?: string }) {
  return (
    <RouteLink route={{ page: 'contact', id }} className={className} label={label} title={title}>
      {children}
    </RouteLink>
  );
}

// A link to a contact's page: a real link (keyboard, middle-click), routed in the app.
import type { ReactNode } from 'react';
import { routeToHash, useRouter, type Route } from '../../stores/router';

export function RouteLink({ route, children, className, label }: { route: Route; children: ReactNode; className?: string; label?: string }) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <a
      href={routeToHash(route)}
      className={className}
      aria-label={label}
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

export function ContactLink({ id, children, className, label }: { id: string; children: ReactNode; className?: string; label?: string }) {
  return (
    <RouteLink route={{ page: 'contact', id }} className={className} label={label}>
      {children}
    </RouteLink>
  );
}

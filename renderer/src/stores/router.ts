// Where the user is: a hash route, so a notification or a reload can land on any page.
import { create } from 'zustand';

export type Route =
  | { page: 'dashboard' }
  | { page: 'contacts'; archived?: boolean }
  | { page: 'duplicates' }
  | { page: 'contact'; id: string }
  | { page: 'reminders' }
  | { page: 'settings' }
  | { page: 'clients'; currency?: string }
  | { page: 'sync-conflicts' }
  | { page: 'search'; query: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'contacts':
      if (parts[1] === 'archive') return { page: 'contacts', archived: true };
      if (parts[1] === 'duplicates') return { page: 'duplicates' };
      return parts[1] ? { page: 'contact', id: parts[1] } : { page: 'contacts' };
    case 'reminders':
      return { page: 'reminders' };
    case 'settings':
      return { page: 'settings' };
    case 'clients':
      return parts[1] ? { page: 'clients', currency: parts[1] } : { page: 'clients' };
    case 'search':
      return { page: 'search', query: parts[1] ?? '' };
    case 'sync':
      return parts[1] === 'conflicts' ? { page: 'sync-conflicts' } : { page: 'settings' };
    default:
      return { page: 'dashboard' };
  }
}

export function routeToHash(route: Route): string {
  switch (route.page) {
    case 'contacts':
      return route.archived ? '#/contacts/archive' : '#/contacts';
    case 'contact':
      return `#/contacts/${encodeURIComponent(route.id)}`;
    case 'duplicates':
      return '#/contacts/duplicates';
    case 'dashboard':
      return '#/';
    case 'clients':
      return route.currency ? `#/clients/${encodeURIComponent(route.currency)}` : '#/clients';
    case 'sync-conflicts':
      return '#/sync/conflicts';
    case 'search':
      return `#/search/${encodeURIComponent(route.query)}`;
    default:
      return `#/${route.page}`;
  }
}

interface RouterState {
  route: Route;
  navigate(route: Route): void;
}

export const useRouter = create<RouterState>((set) => ({
  route: parseRoute(typeof window === 'undefined' ? '' : window.location.hash),
  navigate(route) {
    const hash = routeToHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useRouter.setState({ route: parseRoute(window.location.hash) }));
}

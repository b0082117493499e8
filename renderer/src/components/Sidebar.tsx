import { useRouter, type Route } from '../stores/router';
import { Icon, type IconName } from './Icon';
import { GlobalSearch } from './GlobalSearch';
import { useOverdueCount } from './reminders/useOverdueCount';
import { SidebarSyncStatus } from './sync/SidebarSyncStatus';
import { formatNumber } from '../lib/format';

const ITEMS: { label: string; route: Route; icon: IconName; key: string }[] = [
  { label: 'Dashboard', route: { page: 'dashboard' }, icon: 'home', key: 'dashboard' },
  { label: 'Contacts', route: { page: 'contacts' }, icon: 'people', key: 'contacts' },
  { label: 'Reminders', route: { page: 'reminders' }, icon: 'bell', key: 'reminders' },
  { label: 'Settings', route: { page: 'settings' }, icon: 'gear', key: 'settings' },
];

export function Sidebar() {
  const route = useRouter((s) => s.route);
  const navigate = useRouter((s) => s.navigate);
  const current = route.page === 'contact' || route.page === 'duplicates' ? 'contacts' : route.page === 'sync-conflicts' ? 'settings' : route.page;
  const overdue = useOverdueCount();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          k
        </span>
        <span className="brand-name">Kith</span>
      </div>
      <GlobalSearch />
      <ul>
        {ITEMS.map((item) => (
          <li key={item.key}>
            <a
              href={`#${item.key === 'dashboard' ? '/' : '/' + item.key}`}
              className={current === item.key ? 'nav-item active' : 'nav-item'}
              aria-current={current === item.key ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(item.route);
              }}
            >
              <Icon name={item.icon} />
              <span>{item.label}</span>
              {item.key === 'reminders' && overdue.overdue + overdue.dueToday > 0 && (
                <span className="nav-badge" aria-label={`${overdue.overdue} reminders overdue, ${overdue.dueToday} due today`} title={`Reminders: ${formatNumber(overdue.overdue)} overdue, ${formatNumber(overdue.dueToday)} due today (check-ins are counted on the dashboard)`}>
                  {formatNumber(overdue.overdue + overdue.dueToday)}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
      <SidebarSyncStatus />
    </nav>
  );
}

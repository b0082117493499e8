// The app frame: sidebar on the left, the current page on the right.
import { useEffect } from 'react';
import { Toaster } from 'sonner';
import { Sidebar } from './components/Sidebar';
import { useRouter } from './stores/router';
import { useContacts } from './stores/contacts';
import { api, subscribeToEvents } from './lib/api';
import { applyTheme } from './lib/theme';
import { dataChanged, onDataChanged } from './lib/refresh';
import { DashboardPage } from './pages/DashboardPage';
import { ContactsPage } from './pages/ContactsPage';
import { ContactPage } from './pages/ContactPage';
import { RemindersPage } from './pages/RemindersPage';
import { SettingsPage } from './pages/SettingsPage';
import { DuplicatesPage } from './pages/DuplicatesPage';
import { ClientsPage } from './pages/ClientsPage';
import { SearchPage } from './pages/SearchPage';
import { SyncConflictsPage } from './pages/SyncConflictsPage';
import { GlobalDialogs } from './components/GlobalDialogs';
import { useUi } from './stores/ui';
import { BrowserNotifications } from './components/reminders/BrowserNotifications';
import { StatusBanner } from './components/StatusBanner';
import { RecoveryGate } from './components/RecoveryScreen';

export function App() {
  const route = useRouter((s) => s.route);
  const navigate = useRouter((s) => s.navigate);

  useEffect(() => {
    const loadContacts = () => useContacts.getState().load();
    void loadContacts();
    // the theme chosen in Settings (any window's change arrives as a data change)
    const loadTheme = () => void api.call('settings.get', {}).then((s) => applyTheme(s.theme), () => undefined);
    loadTheme();
    const unregisterTheme = onDataChanged(loadTheme);
    const unregister = onDataChanged(loadContacts);
    // any write, from this window or elsewhere, refreshes what is on screen
    const unsubscribe = subscribeToEvents((event) => {
      if (event.type === 'committed') dataChanged();
      if (event.type === 'navigate') window.location.hash = event.path;
    });
    return () => {
      unregisterTheme();
      unregister();
      unsubscribe();
    };
  }, []);

  let page;
  switch (route.page) {
    case 'contacts':
      page = <ContactsPage archived={route.archived ?? false} />;
      break;
    case 'contact':
      page = <ContactPage id={route.id} />;
      break;
    case 'duplicates':
      page = <DuplicatesPage />;
      break;
    case 'reminders':
      page = <RemindersPage />;
      break;
    case 'settings':
      page = <SettingsPage />;
      break;
    case 'clients':
      page = <ClientsPage currency={route.currency} />;
      break;
    case 'sync-conflicts':
      page = <SyncConflictsPage />;
      break;
    case 'search':
      page = <SearchPage query={route.query} />;
      break;
    default:
      page = (
        <DashboardPage
          onAddContact={() => {
            navigate({ page: 'contacts' });
            useUi.getState().setNewContactOpen(true);
          }}
        />
      );
  }

  return (
    <RecoveryGate>
      <div className="app">
        <Sidebar />
        <main className="main" id="main">
          <StatusBanner />
          {page}
        </main>
      </div>
      <GlobalDialogs />
      <Toaster position="bottom-right" richColors closeButton theme="system" />
      <BrowserNotifications />
    </RecoveryGate>
  );
}

// Settings: one section per concern, each its own component.
import { DataFileSection } from '../components/settings/DataFileSection';
import { CirclesSection } from '../components/settings/CirclesSection';
import { RelationshipRolesSection } from '../components/settings/RelationshipRolesSection';
import { NotificationsSection } from '../components/settings/NotificationsSection';
import { ImportExportSection } from '../components/settings/ImportExportSection';
import { BackupsSection } from '../components/settings/BackupsSection';
import { PhoneRegionSection } from '../components/settings/PhoneRegionSection';
import { MoneySection } from '../components/settings/MoneySection';
import { SyncSection } from '../components/settings/SyncSection';
import { AppearanceSection } from '../components/settings/AppearanceSection';

export function SettingsPage() {
  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <CirclesSection />
      <RelationshipRolesSection />
      <AppearanceSection />
      <NotificationsSection />
      <PhoneRegionSection />
      <MoneySection />
      <DataFileSection />
      <ImportExportSection />
      <BackupsSection />
      <SyncSection />
    </section>
  );
}

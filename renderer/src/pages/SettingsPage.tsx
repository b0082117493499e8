import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import type { AppInfo } from '../../../shared/api/methods/app';

export function SettingsPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    api.call('app.info', {}).then(setInfo, () => setInfo(null));
  }, []);
  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <section className="card">
        <h2>Your data</h2>
        <dl className="facts">
          <div>
            <dt>Data file</dt>
            <dd className="mono">{info?.databasePath ?? '…'}</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>
              Kith {info?.version ?? '…'} · schema {info?.schemaVersion ?? '…'}
            </dd>
          </div>
        </dl>
      </section>
    </section>
  );
}

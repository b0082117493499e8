import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import type { AppInfo } from '../../../../shared/api/methods/app';

export function DataFileSection() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    api.call('app.info', {}).then(setInfo, () => setInfo(null));
  }, []);
  return (
    <section className="card" aria-labelledby="data-file-title">
      <h2 id="data-file-title">Your data</h2>
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
  );
}

// A file neither host can open (0 bytes beside a backup): the page gets only the recovery answers
// (electron/api/recovery-dispatch.ts, the same for Electron and the web host). The app shows the
// recovery screen instead of pages that could only fail, Restore puts the backup in place, and the
// app itself appears on the restored data.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryGate } from '../../renderer/src/components/RecoveryScreen';
import { startBackend, type KithBackend } from '../../electron/kith';
import { recoveryDispatch } from '../../electron/api/recovery-dispatch';
import { replaceDamagedFile, type DatabaseDamagedError } from '../../electron/transfer/integrity';
import { startTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';
import { join } from 'node:path';

let dir: { dir: string; cleanup: () => void };
let restored: KithBackend | null = null;
beforeEach(() => (dir = tempDir('kith-recovery-screen-')));
afterEach(async () => {
  await restored?.close();
  restored = null;
  dir.cleanup();
});

/** a 0-byte file beside a backup of one contact, and the recovery answers for it behind window.kith */
async function damagedFile() {
  const path = join(dir.dir, 'kith.sqlite');
  const kith = await startBackend({ databasePath: path, host: 'web' });
  await kith.dispatch('contacts.create', { displayName: 'Saved by the backup' });
  await kith.dispatch('transfer.backupNow', {});
  await kith.close();
  writeFileSync(path, '');
  const damaged = await startBackend({ databasePath: path, host: 'web' }).then(
    () => null,
    (err: DatabaseDamagedError) => err,
  );
  expect(damaged?.name).toBe('DatabaseDamagedError');
  let dispatch = recoveryDispatch(damaged!, async () => {
    await replaceDamagedFile(path, damaged!.newestGoodBackup!.fileName, new Date());
    restored = await startBackend({ databasePath: path, host: 'web' });
    dispatch = restored.dispatch;
    return restored.status.snapshot();
  });
  installBridge({ dispatch: (m: unknown, i: unknown) => dispatch(m, i) } as unknown as TestBackend);
}

describe('the recovery screen', { timeout: 30_000 }, () => {
  it('takes the place of the app for a file that cannot be opened, and Restore brings the app back on the backup', async () => {
    await damagedFile();
    render(
      <RecoveryGate>
        <p>The app</p>
      </RecoveryGate>,
    );
    const alert = await screen.findByRole('alert', { name: 'Kith cannot open your data file' });
    expect(alert).toHaveTextContent(/damaged: the file is empty \(0 bytes\)\. Nothing has been written.*newest good backup.*1 contacts/);
    expect(screen.queryByText('The app')).toBeNull();
    expect(screen.queryByRole('button', { name: /Go on/ })).toBeNull();
    const restore = screen.getByRole('button', { name: 'Restore this backup' });
    expect(restore).toHaveFocus();
    await userEvent.setup().keyboard('{Enter}');
    expect(await screen.findByText('The app')).toBeInTheDocument();
    expect(restored!.handle.sqlite.prepare('SELECT display_name FROM contacts').pluck().all()).toEqual(['Saved by the backup']);
  });

  it('lets the app through when the file is open, damaged or not (the banner handles damage found while open)', async () => {
    const kith = await startTestBackend({ host: 'web' });
    try {
      installBridge(kith);
      kith.status.setDamage('Page 7: btreeInitPage() returns error code 11', 'Kith’s data file is damaged.', null);
      render(
        <RecoveryGate>
          <p>The app</p>
        </RecoveryGate>,
      );
      expect(await screen.findByText('The app')).toBeInTheDocument();
    } finally {
      await kith.dispose();
    }
  });
});

// Settings → Import & export against a real back end: an export runs in the back end's worker,
// the section shows its progress with a Cancel button, a cancel says no file was written, and a
// finished export is downloaded from the web host's file (never built as one string in the page).
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster } from 'sonner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImportExportSection } from '../../renderer/src/components/settings/ImportExportSection';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';
import { seedEverything } from '../helpers/seed';

let kith: TestBackend;
beforeAll(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-03-01T10:00:00Z'), host: 'web' });
  await seedEverything(kith);
  installBridge(kith);
});
afterAll(async () => kith.dispose());

describe('exporting from Settings', () => {
  it('shows the running export with Cancel; a cancel says nothing was written', async () => {
    const user = userEvent.setup();
    render(
      <>
        <ImportExportSection />
        <Toaster />
      </>,
    );
    await user.click(screen.getByRole('button', { name: /Export Everything \(JSON\)/ }));
    const running = await screen.findByRole('status', { name: 'Exporting Everything (JSON)' });
    expect(running).toHaveTextContent('Exporting Everything (JSON)…');
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument();
    // the other exports wait while one runs
    expect(screen.getByRole('button', { name: /Export Contacts \(vCard 4\.0\)/ })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel export' }));
    expect(await screen.findByText('Export cancelled: no file was written', {}, { timeout: 30_000 })).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('status', { name: /Exporting/ })).toBeNull());
    expect(screen.getByRole('button', { name: /Export Contacts \(vCard 4\.0\)/ })).toBeEnabled();
  }, 60_000);

  it('downloads a finished export from its file on the web host', async () => {
    const clicks: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.getAttribute('href')!, download: this.download });
    });
    const user = userEvent.setup();
    render(<ImportExportSection />);
    await user.click(screen.getByRole('button', { name: /Export Contacts \(vCard 4\.0\)/ }));
    await waitFor(() => expect(clicks).toHaveLength(1), { timeout: 30_000 });
    click.mockRestore();
    expect(clicks[0]!.download).toBe('kith-contacts-2026-03-01.vcf');
    const jobId = /^\/api\/exports\/([\w-]+)$/.exec(clicks[0]!.href)?.[1];
    expect(jobId).toBeTruthy();
    expect(await kith.call('transfer.exportProgress', { jobId: jobId! })).toMatchObject({ state: 'done', count: 2, savedTo: null });
  }, 60_000);
});

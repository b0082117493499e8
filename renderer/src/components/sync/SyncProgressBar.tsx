// A running pass: which step, and how far (a determinate bar once the count is known).
import type { SyncRunProgress } from '../../../../shared/domain/sync';

const PHASES: Record<SyncRunProgress['phase'], string> = {
  listing: 'Asking the server what changed',
  reading: 'Reading changed contacts',
  applying: 'Updating contacts in Kith',
  sending: 'Sending your changes',
};

export function SyncProgressBar({ progress }: { progress: SyncRunProgress }) {
  const known = progress.total > 0;
  const label = `${PHASES[progress.phase]}${known ? ` (${progress.done} of ${progress.total})` : '…'}`;
  return (
    <div className="sync-progress" role="status">
      <progress max={known ? progress.total : undefined} value={known ? progress.done : undefined} aria-label={label} />
      <span className="subtle">{label}</span>
    </div>
  );
}

// The 10,000-vCard import of benchmarks.ts split into its phases, each with its CPU and wall time:
// the read (worker thread, with the duplicate index built beside it), matching the records, the
// commit, and the health settle an import leaves behind. For finding where an import's time goes:
// `npx tsx tests/perf/import-phases.ts COPY_OF_LARGE.sqlite [RUNS]` (each run imports into the same copy).
import { startBackend } from '../../electron/kith';
import { commitSession, openSession, previewOf } from '../../electron/transfer/import-session';
import { settleHealth } from '../../electron/services/health';
import { refreshSearchIndex } from '../../electron/services/searchIndex';
import { tenThousandVcards } from './benchmarks';
import { DEFAULT_NOW } from './generate';

async function main() {
  const path = process.argv[2];
  if (!path) throw new Error('usage: import-phases.ts COPY_OF_LARGE.sqlite [RUNS]');
  const runs = Number(process.argv[3] ?? 4);
  const now = new Date(DEFAULT_NOW);
  const backend = await startBackend({ databasePath: path, host: 'electron', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
  const ctx = backend.ctx;
  // as in the bench, the search index and the health table are up to date before the import
  refreshSearchIndex(ctx.sqlite);
  await settleHealth(ctx);
  const bytes = Buffer.from(tenThousandVcards());
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  for (let run = 0; run < runs; run++) {
    const out: string[] = [];
    const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const [c, t] = [cpu(), performance.now()];
      const result = await work();
      out.push(`${name} ${(cpu() - c).toFixed(0)}/${(performance.now() - t).toFixed(0)}`);
      return result;
    };
    const session = await phase('read+index', () => openSession(ctx, { name: `bench-${run}.vcf`, bytes }));
    const preview = await phase('match', () => previewOf(ctx, session));
    await phase('commit', () => commitSession(ctx, session, { defaultAction: 'keepBoth', actions: {} }));
    await phase('health', () => settleHealth(ctx));
    console.log(`run ${run} (${preview.duplicates.length} duplicates) CPU/wall ms: ${out.join(' | ')}`);
  }
  await backend.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

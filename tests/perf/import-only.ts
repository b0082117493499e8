// The import budget alone (DESIGN.md: 10,000 vCards in under 3 s on large), without the full bench:
// `npx tsx tests/perf/import-only.ts /path/to/copy-of-large.sqlite` — the same benchmark as in
// benchmarks.ts, run through the same harness.
import { startBackend } from '../../electron/kith';
import { benchmarks } from './benchmarks';
import { makeCall, runBenchmark, type BenchEnv } from './harness';

const path = process.argv[2];
if (!path) throw new Error('usage: import-only.ts COPY_OF_LARGE.sqlite');
const backend = await startBackend({ databasePath: path, host: 'electron' });
const bench = benchmarks.find((b) => b.name.startsWith('import 10,000 vCards'))!;
const env = { call: makeCall(backend), sqlite: backend.handle.sqlite } as unknown as BenchEnv;
const result = await runBenchmark(bench, env, { runs: 3, warmup: 1 });
console.log(JSON.stringify(result, null, 1));
await backend.close();

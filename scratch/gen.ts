import { ensureDataFile } from '../tests/perf/datafiles';
async function main() {
  for (const size of ['large', 'huge'] as const) console.log(await ensureDataFile(size, 42, console.log));
}
main();

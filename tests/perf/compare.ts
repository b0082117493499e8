// `npm run bench -- --compare FILE`: reads the tables of a previous docs/benchmarks.md and flags
// every figure that got more than 20% slower. Both reports are read back from their markdown (the
// new one as just rendered), so any earlier report, of any column layout, can be compared.

/** the figures compared, by their column header in a size's table */
export const COMPARED_COLUMNS = ['API p50', 'API p95', 'raw SQL p50'] as const;
export type ComparedColumn = (typeof COMPARED_COLUMNS)[number];
/** slower than this many times the previous figure is flagged */
export const SLOWER_THAN = 1.2;

/** size → benchmark name → column → milliseconds */
export type Figures = Map<string, Map<string, Partial<Record<ComparedColumn, number>>>>;

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** the leading number of a cell ("2.26", "1,008", "2.26 (2.1–2.4)"); null for "–" or empty */
function leadingNumber(cell: string): number | null {
  const m = /^(\d[\d,]*(?:\.\d+)?)/.exec(cell);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

/** every size section's benchmark table ("## large", "## huge") of a benchmarks.md */
export function parseFigures(markdown: string): Figures {
  const out: Figures = new Map();
  let size: string | null = null;
  let header: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      size = heading[1]!;
      header = null;
      continue;
    }
    if (line.startsWith('## ')) {
      size = null; // "## Growth from large to huge", "## Machine": not a size's table
      continue;
    }
    if (!size || !line.startsWith('|')) {
      if (!line.startsWith('|')) header = null;
      continue;
    }
    const row = cells(line);
    if (row[0] === 'benchmark') {
      header = row;
      continue;
    }
    if (!header || /^-+$/.test(row[0]!.replace(/:/g, ''))) continue;
    const figures: Partial<Record<ComparedColumn, number>> = {};
    for (const column of COMPARED_COLUMNS) {
      const at = header.indexOf(column);
      const value = at >= 0 ? leadingNumber(row[at] ?? '') : null;
      if (value !== null) figures[column] = value;
    }
    if (Object.keys(figures).length === 0) continue;
    if (!out.has(size)) out.set(size, new Map());
    out.get(size)!.set(row[0]!, figures);
  }
  return out;
}

export interface Change {
  size: string;
  benchmark: string;
  column: ComparedColumn;
  before: number;
  after: number;
  /** after / before */
  ratio: number;
  slower: boolean;
}

/** every figure present in both, with the ones over SLOWER_THAN flagged */
export function compareFigures(before: Figures, after: Figures): Change[] {
  const changes: Change[] = [];
  for (const [size, rows] of after) {
    for (const [benchmark, figures] of rows) {
      const old = before.get(size)?.get(benchmark);
      if (!old) continue;
      for (const column of COMPARED_COLUMNS) {
        const a = figures[column];
        const b = old[column];
        if (a === undefined || b === undefined || b <= 0) continue;
        changes.push({ size, benchmark, column, before: b, after: a, ratio: a / b, slower: a > b * SLOWER_THAN });
      }
    }
  }
  return changes;
}

const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));

/** the report's section: the flagged figures, then how many held */
export function renderComparison(file: string, changes: Change[]): string[] {
  const slower = changes.filter((c) => c.slower);
  const out = [`## Compared with ${file}`, ''];
  if (changes.length === 0) return [...out, 'No figure of that report matches one of this run (different benchmark names or sizes).', ''];
  out.push(
    slower.length
      ? `**${slower.length} of ${changes.length} figures are more than ${Math.round((SLOWER_THAN - 1) * 100)}% slower** (on a shared machine, compare the raw-SQL column and the load averages before blaming the code):`
      : `None of the ${changes.length} figures compared is more than ${Math.round((SLOWER_THAN - 1) * 100)}% slower.`,
    '',
  );
  if (slower.length) {
    out.push('| size | benchmark | figure | before | now | change |', '|---|---|---|--:|--:|--:|');
    for (const c of slower) out.push(`| ${c.size} | ${c.benchmark} | ${c.column} | ${fmt(c.before)} | ${fmt(c.after)} | ×${c.ratio.toFixed(2)} |`);
    out.push('');
  }
  return out;
}

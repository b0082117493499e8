// The bench's --compare: a previous docs/benchmarks.md is read back from its tables, and a figure
// more than 20% slower is flagged, for the old column layout and the new one (medians with the spread).
import { describe, expect, it } from 'vitest';
import { compareFigures, parseFigures, renderComparison } from '../../tests/perf/compare';

const before = `# Kith benchmarks

## Machine

- Load average: 1.06 / 0.83 / 1.41

## large

| benchmark | API p50 | API p95 | API CPU p50 | raw SQL p50 | raw SQL p95 | API / SQL | runs | budget (on large) |
|---|--:|--:|--:|--:|--:|--:|--:|---|
| cold start, opened the next day | 164 | 193 | 308 | 127 | 204 | ×1.3 | 7 | ✓ p50 ≤ 300 ms |
| contacts.list, first 100 by name | 2.26 | 2.68 | 2.30 | 1.32 | 1.56 | ×1.7 | 30 |  |
| interactions.log (one call, one person) | 0.68 | 1.93 | 0.68 | 0.21 | 0.31 | ×3.2 | 30 | ✓ p95 ≤ 2 ms |
| import 10,000 vCards | 2608 | 2638 | 2654 | – | – | – | 3 | ✓ p50 ≤ 3000 ms |

## huge

| benchmark | API p50 | API p95 | API CPU p50 | raw SQL p50 | raw SQL p95 | API / SQL | runs | budget (on large) |
|---|--:|--:|--:|--:|--:|--:|--:|---|
| cold start, opened the next day | 1008 | 1137 | 1993 | 929 | 962 | ×1.1 | 7 | (p50 ≤ 300 ms) |

## Growth from large to huge

| figure | large | huge | growth |
|---|--:|--:|--:|
| contacts.list, first 100 by name, API p50 | 2.26 ms | 7.76 ms | ×3.4 |
`;

const after = `## large

| benchmark | API p50 | API p50 per run | API p95 | API CPU p50 | raw SQL p50 | raw SQL p95 | API / SQL | runs | budget (on large) |
|---|--:|--:|--:|--:|--:|--:|--:|--:|---|
| cold start, opened the next day | 170 (162–178) | 162, 178 | 190 | 300 | 130 | 200 | ×1.3 | 2 × 7 | ✓ p50 ≤ 300 ms |
| contacts.list, first 100 by name | 2.80 (2.70–2.90) | 2.70, 2.90 | 2.70 | 2.30 | 1.30 | 1.56 | ×2.2 | 2 × 30 |  |
| interactions.log (one call, one person) | 0.40 | 0.40, 0.40 | 1.00 | 0.40 | 0.21 | 0.31 | ×1.9 | 2 × 30 | ✓ p95 ≤ 2 ms |
| import 10,000 vCards | 3200 | 3200, 3200 | 3300 | 3300 | – | – | – | 2 × 3 | ✗ p50 3200 > 3000 ms |
| a new benchmark | 1.00 | 1.00 | 1.00 | 1.00 | – | – | – | 2 × 30 | |
`;

describe('bench --compare', () => {
  it('reads every size table of a report, old layout and new, and not the growth table', () => {
    const old = parseFigures(before);
    expect([...old.keys()]).toEqual(['large', 'huge']);
    expect(old.get('large')!.get('contacts.list, first 100 by name')).toEqual({ 'API p50': 2.26, 'API p95': 2.68, 'raw SQL p50': 1.32 });
    expect(old.get('large')!.get('import 10,000 vCards')).toEqual({ 'API p50': 2608, 'API p95': 2638 });
    expect(old.get('huge')!.get('cold start, opened the next day')!['API p50']).toBe(1008);
    const now = parseFigures(after);
    expect(now.get('large')!.get('cold start, opened the next day')).toEqual({ 'API p50': 170, 'API p95': 190, 'raw SQL p50': 130 });
  });

  it('flags what got more than 20% slower and nothing else', () => {
    const changes = compareFigures(parseFigures(before), parseFigures(after));
    const flagged = changes.filter((c) => c.slower).map((c) => `${c.benchmark} ${c.column}`);
    // 2.26 → 2.80 is ×1.24; 2608 → 3200 is ×1.23; 164 → 170 and 0.68 → 0.40 are not flagged
    expect(flagged).toEqual(['contacts.list, first 100 by name API p50', 'import 10,000 vCards API p50', 'import 10,000 vCards API p95']);
    expect(changes.some((c) => c.benchmark === 'a new benchmark')).toBe(false);
    const section = renderComparison('docs/benchmarks.md', changes).join('\n');
    expect(section).toContain('3 of 11 figures are more than 20% slower');
    expect(section).toContain('| large | contacts.list, first 100 by name | API p50 | 2.26 | 2.80 | ×1.24 |');
  });
});

// The contacts list's loaded pages: rows found by index, a bounded number of pages kept, the oldest
// loaded dropped first, so scrolling through 100,000 people holds a few thousand rows, not all.
import { describe, expect, it } from 'vitest';
import { KEPT_PAGES, LoadedRows } from '../../renderer/src/stores/loadedRows';

const page = (n: number, size = 10) => Array.from({ length: size }, (_, i) => `row ${n * size + i}`);

describe('LoadedRows', () => {
  it('finds a row by its index in the list, and nothing for a page not loaded', () => {
    const rows = LoadedRows.empty<string>(10).with(3, page(3)).with(0, page(0));
    expect(rows.get(0)).toBe('row 0');
    expect(rows.get(37)).toBe('row 37');
    expect(rows.get(15)).toBeUndefined();
    expect(rows.hasPage(3)).toBe(true);
    expect(rows.hasPage(1)).toBe(false);
  });

  it('leaves the value it came from as it was: the store tells old from new by identity', () => {
    const before = LoadedRows.empty<string>(10).with(0, page(0));
    const after = before.with(1, page(1));
    expect(before.hasPage(1)).toBe(false);
    expect(after.get(19)).toBe('row 19');
  });

  it(`keeps the ${KEPT_PAGES} pages loaded last, dropping the oldest first`, () => {
    let rows = LoadedRows.empty<string>(10);
    for (let p = 0; p < KEPT_PAGES + 5; p++) rows = rows.with(p, page(p));
    for (let p = 0; p < 5; p++) expect(rows.hasPage(p)).toBe(false);
    for (let p = 5; p < KEPT_PAGES + 5; p++) expect(rows.hasPage(p)).toBe(true);
    // a page loaded again counts as new: the one after it goes first
    rows = rows.with(5, page(5)).with(KEPT_PAGES + 5, page(KEPT_PAGES + 5));
    expect(rows.hasPage(5)).toBe(true);
    expect(rows.hasPage(6)).toBe(false);
  });
});

// The pages of a long list loaded so far, as one value the store replaces on each arrival. A new
// page costs a copy of the page table, not of every row: copying a Map of all rows seen (40,000
// after scrolling through huge) on each page made every scroll step slower than the last. At most
// KEPT_PAGES stay; the oldest loaded goes first, and scrolling back to it loads it again.

/** pages kept at most (of PAGE_SIZE rows each): a few screens either way, and what a shift-select reaches */
export const KEPT_PAGES = 40;

export class LoadedRows<T> {
  private constructor(
    private readonly pageSize: number,
    /** page number → its rows, in the order they arrived (Map keeps insertion order) */
    private readonly pages: ReadonlyMap<number, readonly T[]>,
  ) {}

  static empty<T>(pageSize: number): LoadedRows<T> {
    return new LoadedRows<T>(pageSize, new Map());
  }

  /** the row at this index, if its page is loaded */
  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  /** a copy with this page's rows (replacing what it held), the oldest page dropped past KEPT_PAGES */
  with(page: number, items: readonly T[]): LoadedRows<T> {
    const pages = new Map(this.pages);
    pages.delete(page);
    pages.set(page, items);
    for (const oldest of pages.keys()) {
      if (pages.size <= KEPT_PAGES) break;
      pages.delete(oldest);
    }
    return new LoadedRows(this.pageSize, pages);
  }
}

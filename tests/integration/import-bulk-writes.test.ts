// An import's rows get ids in the order it writes them (electron/services/orderedIds.ts), so each
// index keyed by contact takes them at one end: with random ids every row dirtied a page of its own
// in each of them under the import's small page cache, and the commit of 10,000 vCards on large
// took ~2.5x the CPU (issue 18: under 3 s). Checked by the ids' order, not by a timing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { generatedCards, importFile } from '../helpers/transfer';
import { orderedIds } from '../../electron/services/orderedIds';

let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

const cards = (n: number) => generatedCards(n, { given: 'Bea', family: 'Bulk', domain: 'bulk.example', categories: 'bulk,imported' });

describe('an import', () => {
  it('gives the new contacts and their methods ids in the order it writes them', async () => {
    await importFile(kith, 'bulk.vcf', cards(300));
    const contacts = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name LIKE 'Bea Bulk%' ORDER BY rowid`).pluck().all() as string[];
    expect(contacts).toHaveLength(300);
    expect([...contacts].sort()).toEqual(contacts);
    const methods = kith.sqlite.prepare(`SELECT id FROM contact_methods ORDER BY rowid`).pluck().all() as string[];
    expect([...methods].sort()).toEqual(methods);
  });
});

describe('orderedIds', () => {
  it('makes unique ids in UUID form, each greater than the one before', () => {
    const next = orderedIds(Date.UTC(2026, 11, 2));
    const ids = Array.from({ length: 5000 }, next);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});

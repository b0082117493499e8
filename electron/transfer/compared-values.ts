// The compared forms of a file's records, worked out by the file's reader (the parse worker for a
// large file) rather than on the back end's thread: every method value normalised as it will be
// stored (E.164 phones read by libphonenumber are most of the cost), and every name's duplicate key.
// The preview's duplicate lookup (duplicates.ts) and the commit's method rows (contacts.ts) then
// read them from a map instead of working them out again; 10,000 cards took ~250 ms of the back
// end's thread for it, which the worker does beside the duplicate index being built there.
import type { CountryCode } from 'libphonenumber-js';
import { personNameKey } from '../../shared/domain/duplicates';
import { methodValueKey, normalizeMethodValue } from '../../shared/domain/normalize';
import type { ImportRecord } from './record';

export interface ComparedValues {
  /** the region the phone numbers were read in: a map for another region is not used */
  region: CountryCode;
  /** [methodValueKey(kind, value), normalised value] */
  methods: [string, string][];
  /** [display name, personNameKey] */
  names: [string, string][];
}

/** the compared forms of these records, each key once */
export function comparedValues(records: ImportRecord[], region: CountryCode): ComparedValues {
  return new ComparedCollector(region).read(records).values();
}

/** compared forms gathered, each key once, in the order met: from records, or from batches a worker
 *  worked out (in the order a whole-file reading gives) */
export class ComparedCollector {
  private readonly methods = new Map<string, string>();
  private readonly names = new Map<string, string>();
  constructor(private readonly region: CountryCode) {}

  /** works out the forms these records carry that are not known yet */
  read(records: ImportRecord[]): this {
    for (const r of records) {
      for (const m of r.fields.methods ?? []) {
        const key = methodValueKey(m.kind, m.value);
        if (!this.methods.has(key)) this.methods.set(key, normalizeMethodValue(m.kind, m.value, this.region));
      }
      const name = r.fields.displayName;
      if (!this.names.has(name)) this.names.set(name, personNameKey(name));
    }
    return this;
  }

  add(batch: ComparedValues): void {
    for (const [key, value] of batch.methods) if (!this.methods.has(key)) this.methods.set(key, value);
    for (const [name, key] of batch.names) if (!this.names.has(name)) this.names.set(name, key);
  }

  values(): ComparedValues {
    return { region: this.region, methods: [...this.methods], names: [...this.names] };
  }
}

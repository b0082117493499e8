// The one rule for characters Kith does not store: a NUL (U+0000), which ends strings in the C
// libraries vCard and CSV readers use, and an unpaired UTF-16 surrogate, which has no UTF-8 form
// (SQLite would silently store U+FFFD instead). Input carrying either is refused at the API
// boundary, naming the field; imported files are cleaned where they are decoded, with a report.

const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** what is wrong with a string under that rule, or null */
export function textProblem(value: string): string | null {
  if (!SUSPECT.test(value)) return null; // the common case: one scan
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000), which Kith does not store';
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (an unpaired UTF-16 surrogate); paste the text again';
  return null;
}

/** the same text without NUL characters and with unpaired surrogates as U+FFFD, and how many were changed */
export function cleanText(value: string): { text: string; changed: number } {
  if (!SUSPECT.test(value)) return { text: value, changed: 0 };
  let changed = 0;
  const text = value.replace(/\u0000/g, () => (changed++, '')).replace(new RegExp(LONE_SURROGATE.source, 'g'), () => (changed++, '\uFFFD'));
  return { text, changed };
}

/** the first string anywhere in a value (objects, arrays) that breaks the rule, with its dotted path */
export function findTextProblem(value: unknown, path: string[] = []): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: path.join('.'), message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findTextProblem(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: [...path, key].join('.'), message: keyProblem };
      const found = findTextProblem(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** cleans every string inside plain objects and arrays in place (bytes are left alone); returns how many characters changed */
export function cleanTextInPlace(value: unknown): number {
  let changed = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === 'string') {
        const c = cleanText(value[i]);
        value[i] = c.text;
        changed += c.changed;
      } else changed += cleanTextInPlace(value[i]);
    }
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') {
        const c = cleanText(item);
        record[key] = c.text;
        changed += c.changed;
      } else changed += cleanTextInPlace(item);
    }
  }
  return changed;
}

// Ticking a task-list box in a Markdown note: the list item starts at `offset` in the text (from
// the parser's positions); its box is the first "[ ]" or "[x]" after the list marker on that line.

const TASK = /^(\s*(?:[-*+]|\d+[.)])\s+)\[([ xX])\]/;

/** the state of the box at `offset` and the text with it flipped; null when no box is there */
export function toggleTaskAt(text: string, offset: number): { checked: boolean; next: string } | null {
  const m = TASK.exec(text.slice(offset));
  if (!m) return null;
  const checked = m[2] !== ' ';
  const at = offset + m[1]!.length + 1;
  return { checked, next: text.slice(0, at) + (checked ? ' ' : 'x') + text.slice(at + 1) };
}

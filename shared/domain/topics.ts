// Next-time topics: things to bring up the next time you talk ("ask about the marathon").

export interface NextTopic {
  id: string;
  contactId: string;
  text: string;
  createdAt: number;
  /** when it was ticked off; null while open */
  doneAt: number | null;
  /** the interaction it was ticked off with, if any */
  doneInteractionId: string | null;
}

/** how a check-in notification lists a person's open topics: the first few, then how many more */
export function topicsLine(texts: string[], shown = 2): string {
  if (texts.length === 0) return '';
  const head = texts.slice(0, shown).join('; ');
  return texts.length > shown ? `${head} and ${texts.length - shown} more` : head;
}

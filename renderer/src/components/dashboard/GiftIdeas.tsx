// Gift ideas beside the upcoming birthdays of the dashboard, read in one call for the people shown.
import { formatMoney } from '../../lib/format';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import type { Gift } from '../../../../shared/domain/gifts';

/** each person's gift ideas, newest first */
export function useGiftIdeas(contactIds: string[]): Map<string, Gift[]> {
  const [ideas, setIdeas] = useState<Map<string, Gift[]>>(new Map());
  const key = [...new Set(contactIds)].sort().join(',');
  useEffect(() => {
    if (!key) return setIdeas(new Map());
    let live = true;
    void api.call('gifts.ideasFor', { contactIds: key.split(',').slice(0, 200) }).then(
      (gifts) => {
        if (!live) return;
        const by = new Map<string, Gift[]>();
        for (const g of gifts) by.set(g.contactId, [...(by.get(g.contactId) ?? []), g]);
        setIdeas(by);
      },
      () => live && setIdeas(new Map()),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return ideas;
}

export function GiftIdeasHint({ ideas }: { ideas: Gift[] | undefined }) {
  if (!ideas?.length) return null;
  const shown = ideas.slice(0, 3).map((g) => (g.priceMinor !== null && g.currency ? `${g.title} (${formatMoney(g.priceMinor, g.currency)})` : g.title));
  return (
    <span className="subtle small gift-hint">
      Gift ideas: {shown.join(', ')}
      {ideas.length > 3 ? ` and ${ideas.length - 3} more` : ''}
    </span>
  );
}

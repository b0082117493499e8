// Text cut without a trace (issue 15 point 16): in the page, every element that holds text itself
// and is wider inside than its box (scrollWidth > clientWidth), unless it ends in an ellipsis and
// a tooltip (a title on it or an ancestor, or aria-describedby) gives the full text. Scroll areas
// the user can scroll, form controls and visually hidden text are left alone.
import type { Page } from 'playwright-core';

export interface CutText {
  /** a short CSS path to the element */
  where: string;
  text: string;
  why: 'no ellipsis' | 'no tooltip';
}

export function findCutText(page: Page): Promise<CutText[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string; why: 'no ellipsis' | 'no tooltip' }[] = [];
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
      return parts.join(' > ');
    };
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth <= 1) continue;
      if (el.matches('input, select, textarea, option, svg, svg *, img, [aria-hidden="true"], [aria-hidden="true"] *')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!ownText) continue;
      const style = getComputedStyle(el);
      if (['auto', 'scroll'].includes(style.overflowX)) continue;
      if (style.position === 'absolute' && (style.clip !== 'auto' || style.clipPath !== 'none') && el.clientWidth <= 2) continue;
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
      // an ellipsis shows only on a block container, never on a flex or grid box
      if (style.textOverflow !== 'ellipsis' || /flex|grid/.test(style.display)) {
        out.push({ where: path(el), text: text.slice(0, 80), why: 'no ellipsis' });
        continue;
      }
      const tipped = el.closest('[title]')?.getAttribute('title')?.trim() || el.closest('[aria-describedby]');
      if (!tipped) out.push({ where: path(el), text: text.slice(0, 80), why: 'no tooltip' });
    }
    return out;
  });
}

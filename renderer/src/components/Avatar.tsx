// Initials on a colour picked from the name, or the contact's photo. The initials follow the name
// order of the locale and script (shared/domain/names.ts): "HC" for Helen Carter, "KJ" for Kovács János.
import { initialsOf } from '../../../shared/domain/names';
import { userLanguage } from '../lib/format';
import { useThumbnail } from '../lib/thumbnails';

export function initials(name: string, givenName?: string | null, familyName?: string | null): string {
  return initialsOf({ displayName: name, givenName, familyName }, userLanguage());
}

function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}

/** `photo`: the full photo (the contact page); else `contactId`: the list thumbnail, fetched when the avatar is on screen */
export function Avatar({ name, givenName, familyName, photo, contactId, size = 32 }: { name: string; givenName?: string | null; familyName?: string | null; photo?: string | null; contactId?: string; size?: number }) {
  const thumbnail = useThumbnail(photo === undefined ? contactId : null);
  const src = photo ?? thumbnail;
  if (src) return <img className="avatar" src={src} alt="" width={size} height={size} decoding="async" />;
  return (
    <span className="avatar" aria-hidden style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue(name)} 50% 33%)` /* dark enough for white initials at any hue (WCAG AA) */ }}>
      {initials(name, givenName, familyName)}
    </span>
  );
}

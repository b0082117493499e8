// Initials on a colour picked from the name, or the contact's photo.
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}

export function Avatar({ name, photo, size = 32 }: { name: string; photo?: string | null; size?: number }) {
  if (photo) return <img className="avatar" src={photo} alt="" width={size} height={size} />;
  return (
    <span className="avatar" aria-hidden style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue(name)} 50% 33%)` /* dark enough for white initials at any hue (WCAG AA) */ }}>
      {initials(name)}
    </span>
  );
}

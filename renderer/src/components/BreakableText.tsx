// Long addresses wrap where a reader expects: after "@" and after dots and slashes
// ("ana.maria.@|example.|org"), not in the middle of a word. Copying the text is unchanged.
import { Fragment } from 'react';

export function BreakableText({ text }: { text: string }) {
  const parts = text.split(/(?<=[@./])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}

// Notes are Markdown rendered without raw HTML: whatever a note or an imported file says, no
// script runs, no event handler is attached and no javascript: link is clickable.
import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Markdown } from '../../renderer/src/components/Markdown';
import { ContactPage } from '../../renderer/src/pages/ContactPage';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

const HOSTILE = [
  'Hello **friend**',
  '<img src=x onerror="window.__xss = 1">',
  '<script>window.__xss = 2</script>',
  '<iframe src="https://evil.example"></iframe>',
  '[click me](javascript:window.__xss=3)',
  '<a href="javascript:window.__xss=4">raw link</a>',
  '![pic](javascript:window.__xss=5)',
  '<svg onload="window.__xss=6"></svg>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
].join('\n\n');

function expectInert(container: HTMLElement) {
  expect(container.querySelectorAll('script, iframe, object, embed, foreignObject').length).toBe(0);
  for (const el of container.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false);
  }
  for (const a of container.querySelectorAll('a, img')) {
    const target = a.getAttribute('href') ?? a.getAttribute('src') ?? '';
    expect(target).not.toMatch(/^\s*(javascript|data|vbscript):/i);
  }
  expect((window as { __xss?: unknown }).__xss).toBeUndefined();
}

describe('Markdown notes', () => {
  it('render formatting and leave every hostile fragment inert', () => {
    const { container } = render(<Markdown text={HOSTILE} />);
    expect(container.querySelector('strong')?.textContent).toBe('friend');
    expectInert(container);
  });
});

describe('imported text on a contact page', () => {
  let kith: TestBackend;
  beforeAll(async () => {
    kith = await startTestBackend();
    installBridge(kith);
  });
  afterAll(async () => kith.dispose());

  it('shows a vCard note with HTML and script as inert text', async () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Mallory <img src=x onerror=alert(1)>', `NOTE:${HOSTILE.replace(/\n/g, '\\n').replace(/,/g, '\\,')}`, 'END:VCARD', ''].join('\r\n');
    const preview = await kith.call('transfer.importPreview', { source: { kind: 'upload', fileName: 'mallory.vcf', base64: Buffer.from(card).toString('base64') } });
    await kith.call('transfer.importCommit', { sessionId: preview!.sessionId });
    const id = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name LIKE 'Mallory%'`).pluck().get() as string;
    const { container } = render(<ContactPage id={id} />);
    await screen.findByRole('heading', { name: /Mallory/ });
    await screen.findByText('friend');
    expectInert(container);
  });
});

describe('remote images in notes', () => {
  it('are never fetched: a placeholder with the link takes their place', () => {
    const { container } = render(<Markdown text={'Hi ![pixel](https://tracker.example/p.gif?u=1) and ![](http://x.example/a.png)'} />);
    expect(container.querySelectorAll('img').length).toBe(0);
    const links = [...container.querySelectorAll('.md-image-placeholder a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Image: pixel', 'https://tracker.example/p.gif?u=1'],
      ['Image: http://x.example/a.png', 'http://x.example/a.png'],
    ]);
  });
});

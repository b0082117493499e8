// A row on screen shows a photo that came in while its thumbnail ask was on its way (an import
// committed meanwhile): the answer that predates the write is not kept as the last word.
import { act, render, waitFor } from '@testing-library/react';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Avatar } from '../../renderer/src/components/Avatar';
import { dataChanged } from '../../renderer/src/lib/refresh';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => kith.dispose());

describe('list thumbnails', { timeout: 30_000 }, () => {
  it('an avatar whose ask was in flight when a photo was written shows the photo, without a reload', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Nia Inflight' });
    const photo = (await sharp({ create: { width: 120, height: 120, channels: 3, background: { r: 20, g: 160, b: 90 } } }).jpeg().toBuffer()).toString('base64');
    const bridge = window.kith!;
    const ask = bridge['contacts.thumbnails'];
    let first = true;
    // the first ask is answered (no photo yet); before the answer reaches the page the photo is
    // written and the page hears of the write, as when an import commits meanwhile
    bridge['contacts.thumbnails'] = async (input) => {
      const answer = await ask(input);
      if (first) {
        first = false;
        await kith.call('contacts.setPhoto', { id: c.id, photo: `data:image/jpeg;base64,${photo}` });
        act(() => dataChanged());
      }
      return answer;
    };
    const { container } = render(<Avatar name="Nia Inflight" contactId={c.id} />);
    expect(container.querySelector('.avatar')!.textContent).toBe('NI');
    await waitFor(() => expect(container.querySelector('img.avatar')?.getAttribute('src')).toMatch(/^data:image\/webp;base64,/), { timeout: 5000 });
  });
});

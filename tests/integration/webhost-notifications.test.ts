// A reminder's notification reaches the web page over /api/events. One that fires while no page is
// connected (the tab still loading, or reconnecting) is given to the next page that connects.
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { startTestBackend, type TestBackend } from '../helpers/backend';

type Note = { title: string; body: string; path: string };
let kith: TestBackend;
let host: WebHost;
const notifications = new EventEmitter<{ notification: [Note] }>();

beforeAll(async () => {
  kith = await startTestBackend({ host: 'web' });
  const staticDir = join(kith.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Kith</title>');
  host = await startWebHost({ dispatch: kith.dispatch, staticDir, notifications });
});
afterAll(async () => {
  await host.close();
  await kith.dispose();
});

/** an open event stream, and the notification titles it has received so far */
function openEventStream(): Promise<{ titles: string[]; next(count: number): Promise<string[]>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Host: `127.0.0.1:${host.port}`, 'X-Kith-Token': host.token } }, (res: IncomingMessage) => {
      const titles: string[] = [];
      let buffered = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^event: notification\ndata: (.*)$/m.exec(event);
          if (data) titles.push((JSON.parse(data[1]!) as Note).title);
          if (event.startsWith(': connected')) resolve(stream);
        }
        for (const w of waiters.splice(0)) w();
      });
      const stream = {
        titles,
        next: (count: number) =>
          new Promise<string[]>((done) => {
            const check = () => (titles.length >= count ? done([...titles]) : waiters.push(check));
            check();
          }),
        close: () => req.destroy(),
      };
    });
    req.on('error', reject);
    req.end();
  });
}

describe('notifications in the web host', () => {
  it('holds one fired while no page is connected and gives it to the next page, once', async () => {
    notifications.emit('notification', { title: 'Call Ana back', body: 'Due now', path: '/reminders/r1' });
    const first = await openEventStream();
    expect(await first.next(1)).toEqual(['Call Ana back']);
    // while a page is connected, notifications go straight to it
    notifications.emit('notification', { title: 'Pay the plumber', body: 'Due today', path: '/reminders/r2' });
    expect(await first.next(2)).toEqual(['Call Ana back', 'Pay the plumber']);
    first.close();
    // a page opened later does not see them again
    const second = await openEventStream();
    notifications.emit('notification', { title: 'Water the plants', body: 'Due now', path: '/reminders/r3' });
    expect(await second.next(1)).toEqual(['Water the plants']);
    second.close();
  });
});

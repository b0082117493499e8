// Native notifications: Electron's Notification, thin. A click opens Kith where the item lives.
import { Notification } from 'electron';
import type { Notifier } from '../scheduler/scheduler';

export function electronNotifier(onClick: (path: string) => void): Notifier {
  return {
    notify(n) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: n.title, body: n.body, silent: false });
      notification.on('click', () => onClick(n.path));
      notification.show();
    },
  };
}

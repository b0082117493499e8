// Native notifications: Electron's Notification, thin. A click opens Kith where the item lives.
import { Notification } from 'electron';
import type { Notifier } from '../scheduler/scheduler';

export function electronNotifier(onClick: (path: string) => void): Notifier {
  // held until clicked or closed: a notification that is garbage-collected loses its click handler
  const live = new Set<Notification>();
  return {
    notify(n) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: n.title, body: n.body });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        onClick(n.path);
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
    },
  };
}

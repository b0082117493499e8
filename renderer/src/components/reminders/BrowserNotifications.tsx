// In the web host there is no Electron: the scheduler's notifications arrive as server-sent events
// and are shown with the browser's Notification API when the user allowed it, else as a toast.
import { useEffect } from 'react';
import { toast } from 'sonner';
import { subscribeToEvents } from '../../lib/api';

export function BrowserNotifications() {
  useEffect(() => {
    if (window.kith) return; // Electron shows native notifications itself
    return subscribeToEvents((event) => {
      if (event.type !== 'notification') return;
      const open = () => {
        window.focus();
        window.location.hash = event.path;
      };
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        const n = new Notification(event.title, { body: event.body, tag: `kith:${event.path}` });
        n.onclick = () => {
          open();
          n.close();
        };
      } else {
        toast(event.title, { description: event.body, action: { label: 'Open', onClick: open }, duration: 15_000 });
      }
    });
  }, []);
  return null;
}

// The tray (menu bar) icon: Kith keeps running there when its window is closed, so reminders
// still ring. Its menu shows the overdue count, "Open Kith" and "Quit".
import { Menu, Tray, nativeImage } from 'electron';
import type { SchedulerStatus } from '../scheduler/scheduler';
import { trayMenuLabel } from '../scheduler/messages';

const ICON = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAQUlEQVR42u3XsREAIAgAMSZzGed2Fh1BG4Qif0dNSohQx8ZcO2NKlz8hspdfEQAAAAAAAAAAAADlgPKzvMVjot8dkvx0k1r/+CwAAAAASUVORK5CYII=';

export interface KithTray {
  update(status: Pick<SchedulerStatus, 'overdue' | 'dueToday'>): void;
  destroy(): void;
}

export function createTray(actions: { open(path?: string): void; quit(): void }): KithTray {
  const tray = new Tray(nativeImage.createFromDataURL(ICON).resize({ width: 16, height: 16 }));
  tray.setToolTip('Kith');
  tray.on('click', () => actions.open());
  const render = (status: Pick<SchedulerStatus, 'overdue' | 'dueToday'>) => {
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: trayMenuLabel(status), enabled: status.overdue + status.dueToday > 0, click: () => actions.open('/reminders') },
        { type: 'separator' },
        { label: 'Open Kith', click: () => actions.open() },
        { label: 'Quit', click: () => actions.quit() },
      ]),
    );
    tray.setToolTip(status.overdue ? `Kith — ${trayMenuLabel(status)}` : 'Kith');
    if (process.platform === 'darwin') tray.setTitle(status.overdue ? String(status.overdue) : '');
  };
  render({ overdue: 0, dueToday: 0 });
  return { update: render, destroy: () => tray.destroy() };
}

// The operating system's side of reminders: launching at login, and waking from sleep.
import { app, powerMonitor } from 'electron';

export function applyLaunchAtLogin(enabled: boolean): void {
  // not for development builds: it would register the Electron binary itself
  if (!app.isPackaged) return;
  app.setLoginItemSettings({ openAtLogin: enabled });
}

/** after sleep or a locked screen, time has jumped: look again */
export function onWake(listener: () => void): void {
  powerMonitor.on('resume', listener);
  powerMonitor.on('unlock-screen', listener);
}

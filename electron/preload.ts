// The preload: the only bridge between the sandboxed page and the main process. It exposes one
// function per contract method and an event subscription; nothing of Electron or Node leaks through.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodNames } from '../shared/api/contract';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type BridgeEvent } from '../shared/api/bridge';

const api = Object.fromEntries(methodNames.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input)]));

contextBridge.exposeInMainWorld('kith', api);
contextBridge.exposeInMainWorld('kithEvents', {
  subscribe(listener: (event: BridgeEvent) => void) {
    const wrapped = (_e: IpcRendererEvent, event: BridgeEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, wrapped);
  },
});

import { z } from 'zod';
import { query } from '../define';

export interface AppInfo {
  version: string;
  schemaVersion: string;
  databasePath: string;
  /** where the API is served from: the Electron shell or the local web host */
  host: 'electron' | 'web';
}

export const appMethods = {
  'app.info': query<AppInfo>()(z.object({}).strict()),
};

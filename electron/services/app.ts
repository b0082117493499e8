import type { HandlerGroup } from './context';
import { appliedVersions } from '../../db/migrate';
import { APP_VERSION } from '../version';

export const appHandlers: HandlerGroup<'app.info'> = {
  async 'app.info'(ctx) {
    const versions = await appliedVersions(ctx);
    return { version: APP_VERSION, schemaVersion: versions.at(-1) ?? 'none', databasePath: ctx.databasePath, host: ctx.host };
  },
};

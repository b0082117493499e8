import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerGroup } from './context';
import { appliedVersions, migrateToLatest } from '../../db/migrate';
import { ServiceError } from '../../shared/api/errors';
import { APP_VERSION } from '../version';
import { backupFolder, copyIntoLive } from '../transfer/backups';
import { quickCheck } from '../transfer/integrity';

export const appHandlers: HandlerGroup<'app.info' | 'app.status' | 'app.resolveDamage'> = {
  async 'app.info'(ctx) {
    const versions = await appliedVersions(ctx);
    return { version: APP_VERSION, schemaVersion: versions.at(-1) ?? 'none', databasePath: ctx.databasePath, host: ctx.host };
  },

  async 'app.status'(ctx) {
    return ctx.status.snapshot();
  },

  async 'app.resolveDamage'(ctx, input) {
    const damage = ctx.status.damage;
    if (!damage) return ctx.status.snapshot();
    if (input.choice === 'continue') {
      damage.writesStopped = false;
      return ctx.status.snapshot();
    }
    const backup = damage.newestGoodBackup;
    if (!backup) throw new ServiceError('not_found', 'There is no good backup to restore; choose to go on with the damaged file, or restore one by hand');
    if (ctx.sqlite.inTransaction) throw new ServiceError('conflict', 'An import is running; try again when it has finished');
    // the damaged file's bytes are kept beside it, exactly as they were (writes were stopped)
    const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
    const kept = `${ctx.databasePath}.damaged-${stamp}`;
    for (const suffix of ['', '-wal']) if (existsSync(ctx.databasePath + suffix)) copyFileSync(ctx.databasePath + suffix, kept + suffix);
    await copyIntoLive(join(backupFolder(ctx.databasePath), backup.fileName), ctx.databasePath);
    await migrateToLatest({ sqlite: ctx.sqlite, db: ctx.db, path: ctx.databasePath, close: async () => {} }, { now: ctx.clock.now() });
    const problem = quickCheck(ctx.sqlite);
    if (problem) throw new ServiceError('conflict', `The restored file does not pass the check either (${problem}); choose another backup in Settings → Backups`);
    ctx.status.damage = null;
    return ctx.status.snapshot();
  },
};

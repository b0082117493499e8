// Methods for import, export and backups.
import type { MethodSpec } from '../define';

export const transferMethods = {} satisfies Record<string, MethodSpec>;

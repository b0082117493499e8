// Methods for health scores, dashboard, client value entries.
import type { MethodSpec } from '../define';

export const healthMethods = {} satisfies Record<string, MethodSpec>;

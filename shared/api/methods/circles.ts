import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import type { Circle } from '../../domain/contact';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour as #rrggbb');
const cadence = z.number().int().min(0, 'Cadence cannot be negative').max(3650, 'Cadence is over ten years');

export const circleMethods = {
  'circles.list': query<Circle[]>()(z.object({}).strict()),
  'circles.create': command<Circle>()(z.object({ name: nonEmptyText('Name', 60), color, defaultCadenceDays: cadence }).strict()),
  'circles.update': command<Circle>()(
    z.object({ id, name: nonEmptyText('Name', 60).optional(), color: color.optional(), defaultCadenceDays: cadence.optional(),
      /** "at worst every N days" with the default cadence; null = the cadence itself; left out keeps it (or drops it with a new cadence) */
      defaultCadenceLatestDays: z.number().int().min(1, 'The latest interval is at least a day').max(3650, 'The latest interval is over ten years').nullable().optional(),
      sortOrder: z.number().int().optional() }).strict(),
  ),
  /** the last circle cannot go; its contacts move to `moveToId` (another circle) or to no circle (null) */
  'circles.delete': command<{ id: string; moved: number }>()(z.object({ id, moveToId: id.nullable() }).strict()),
};

// The check every per-contact record makes before it is written: the contact exists.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';

export async function requireContact(db: Kysely<DB>, contactId: string, field = 'contactId'): Promise<void> {
  const found = await db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst();
  if (!found) throw new ServiceError('not_found', 'No contact with that id', field);
}

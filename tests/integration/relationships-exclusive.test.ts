// Partner and friend of the same person exclude each other unless the user says so: the second
// link is refused with a question (conflict on `confirmed`), and kept when confirmed. Real SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { startTestBackend, type TestBackend } from '../helpers/backend';

describe('partner and friend of the same person', () => {
  let kith: TestBackend;
  beforeAll(async () => void (kith = await startTestBackend()));
  afterAll(async () => kith.dispose());
  const kinds = (a: string) => kith.sqlite.prepare('SELECT kind FROM relationships WHERE from_contact_id = ? OR to_contact_id = ? ORDER BY kind').pluck().all(a, a);

  it('asks before keeping both, from either side, and keeps both once confirmed', async () => {
    const ana = await kith.call('contacts.create', { displayName: 'Ana' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben' });
    await kith.call('relationships.add', { contactId: ana.id, otherId: ben.id, role: 'friend' });
    // added from Ben's page this time: the same two people
    const refused = await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: 'partner' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    expect((refused as ApiError).field).toBe('confirmed');
    expect((refused as ApiError).message).toMatch(/already linked as friends.*partners as well\?/);
    expect(kinds(ana.id)).toEqual(['friend']);
    await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: 'partner', confirmed: true });
    expect(kinds(ana.id)).toEqual(['friend', 'partner']);
    // other kinds are not asked about
    const cy = await kith.call('contacts.create', { displayName: 'Cy' });
    await kith.call('relationships.add', { contactId: ana.id, otherId: cy.id, role: 'colleague' });
    await kith.call('relationships.add', { contactId: ana.id, otherId: cy.id, role: 'friend' });
    expect(kinds(cy.id)).toEqual(['colleague', 'friend']);
  });
});

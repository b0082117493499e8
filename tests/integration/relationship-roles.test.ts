// Roles the user defines (issue 15, point 11): godparent ↔ godchild reads its own word on each side,
// a role that reads the same both ways (ex) is one link from either page, a rename shows on both
// pages, a role in use is only deleted once the user says what becomes of its links; and the roles
// travel through the JSON export and restore and through a vCard file into another Kith. Real SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';

let kith: TestBackend;
beforeEach(async () => void (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

const links = async (k: TestBackend, contactId: string) => (await k.call('relationships.listForContact', { contactId })).map((r) => `${r.label} ${r.other.displayName}`).sort();
const unfold = (text: string | null) => (text ?? '').replace(/\r\n /g, '');
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ApiError);

async function family(k: TestBackend) {
  const ana = await k.call('contacts.create', { displayName: 'Ana' });
  const ben = await k.call('contacts.create', { displayName: 'Ben' });
  const cy = await k.call('contacts.create', { displayName: 'Cy' });
  const godparent = await k.call('relationshipRoles.create', { name: 'Godparent', inverseName: 'Godchild' });
  const ex = await k.call('relationshipRoles.create', { name: 'Ex', inverseName: 'ex' });
  return { ana, ben, cy, godparent, ex };
}

describe('user-defined relationship roles', () => {
  it('reads each side with its own word, and a role the same both ways is one link', async () => {
    const { ana, ben, cy, godparent, ex } = await family(kith);
    expect(ex.inverseName).toBeNull(); // "Ex" both ways is one word
    // on Ben's page: Ana is his godparent
    await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: `custom:${godparent.id}` });
    expect(await links(kith, ben.id)).toEqual(['Godparent Ana']);
    expect(await links(kith, ana.id)).toEqual(['Godchild Ben']);
    // the same link picked from Ana's page (Ben is her godchild) is refused as already there
    expect((await refusal(kith.call('relationships.add', { contactId: ana.id, otherId: ben.id, role: `custom:${godparent.id}:inverse` })))?.code).toBe('conflict');
    // the other way round is another link: Ben is Ana's godparent too
    await kith.call('relationships.add', { contactId: ana.id, otherId: ben.id, role: `custom:${godparent.id}` });
    expect(await links(kith, ana.id)).toEqual(['Godchild Ben', 'Godparent Ben']);
    await kith.call('relationships.add', { contactId: ana.id, otherId: cy.id, role: `custom:${ex.id}` });
    expect((await refusal(kith.call('relationships.add', { contactId: cy.id, otherId: ana.id, role: `custom:${ex.id}` })))?.code).toBe('conflict');
    expect(await links(kith, cy.id)).toEqual(['Ex Ana']);
    // an unknown role is a typed refusal, not an internal error
    expect((await refusal(kith.call('relationships.add', { contactId: ana.id, otherId: cy.id, role: 'custom:nope' })))?.code).toBe('invalid_input');
  });

  it('refuses a built-in word and a word another role has; a rename shows on both pages', async () => {
    const { ana, ben, godparent } = await family(kith);
    expect((await refusal(kith.call('relationshipRoles.create', { name: 'friend', inverseName: null })))?.code).toBe('invalid_input');
    expect((await refusal(kith.call('relationshipRoles.create', { name: 'Mentor', inverseName: 'godchild' })))?.field).toBe('inverseName');
    await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: `custom:${godparent.id}` });
    await kith.call('relationshipRoles.update', { id: godparent.id, name: 'Godmother', inverseName: 'Goddaughter' });
    expect(await links(kith, ben.id)).toEqual(['Godmother Ana']);
    expect(await links(kith, ana.id)).toEqual(['Goddaughter Ben']);
    // one word ↔ two words would turn links around: refused while links use it
    expect((await refusal(kith.call('relationshipRoles.update', { id: godparent.id, name: 'Godmother', inverseName: null })))?.field).toBe('inverseName');
  });

  it('deletes a role in use only when told to move or delete its links', async () => {
    const { ana, ben, cy, godparent, ex } = await family(kith);
    await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: `custom:${godparent.id}` });
    await kith.call('relationships.add', { contactId: cy.id, otherId: ana.id, role: `custom:${godparent.id}` });
    const asked = await refusal(kith.call('relationshipRoles.remove', { id: godparent.id }));
    expect(asked).toMatchObject({ code: 'conflict', field: 'links' });
    expect(asked!.message).toMatch(/2 links use “Godparent”/);
    expect(await links(kith, ana.id)).toEqual(['Godchild Ben', 'Godchild Cy']);
    // moved to "parent": Ana (the godparent) becomes the parent, on both pages
    expect(await kith.call('relationshipRoles.remove', { id: godparent.id, links: 'move', moveTo: 'parent' })).toMatchObject({ moved: 2, deleted: 0 });
    expect(await links(kith, ana.id)).toEqual(['Child Ben', 'Child Cy']);
    expect(await links(kith, ben.id)).toEqual(['Parent Ana']);
    await kith.call('relationships.add', { contactId: ana.id, otherId: ben.id, role: `custom:${ex.id}` });
    expect(await kith.call('relationshipRoles.remove', { id: ex.id, links: 'delete' })).toMatchObject({ moved: 0, deleted: 1 });
    expect(await links(kith, ben.id)).toEqual(['Parent Ana']);
    expect(await kith.call('relationshipRoles.list', {})).toEqual([]);
  });

  it('travel through the JSON export and restore', async () => {
    const { ana, ben, godparent } = await family(kith);
    await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: `custom:${godparent.id}` });
    const file = await kith.call('transfer.export', { format: 'json' });
    const other = await startTestBackend();
    try {
      await importFile(other, file.fileName, file.content!);
      expect(await links(other, ben.id)).toEqual(['Godparent Ana']);
      expect(await links(other, ana.id)).toEqual(['Godchild Ben']);
      expect((await other.call('relationshipRoles.list', {})).map((r) => [r.name, r.inverseName, r.links])).toEqual([['Ex', null, 0], ['Godparent', 'Godchild', 1]]);
    } finally {
      await other.dispose();
    }
  });

  for (const format of ['vcard', 'vcard3'] as const) {
    it(`travel through a ${format} file into another Kith, which makes the same pair of words`, async () => {
      const { ana, ben, cy, godparent, ex } = await family(kith);
      await kith.call('relationships.add', { contactId: ben.id, otherId: ana.id, role: `custom:${godparent.id}` });
      await kith.call('relationships.add', { contactId: ana.id, otherId: cy.id, role: `custom:${ex.id}` });
      await kith.call('relationships.add', { contactId: ana.id, otherId: cy.id, role: 'sibling' });
      const file = await kith.call('transfer.export', { format });
      expect(unfold(file.content)).toContain(`RELATED;X-KITH-ROLE=Godparent;X-KITH-INVERSE=Godchild:urn:uuid:${ana.id}`);
      expect(unfold(file.content)).toContain(`RELATED;X-KITH-ROLE=Godchild;X-KITH-INVERSE=Godparent:urn:uuid:${ben.id}`);
      expect(unfold(file.content)).toContain(`RELATED;TYPE=sibling:urn:uuid:${cy.id}`);
      const other = await startTestBackend();
      try {
        await importFile(other, file.fileName, file.content!);
        const byName = (name: string) => other.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = ?`).pluck().get(name) as string;
        expect(await links(other, byName('Ben'))).toEqual(['Godparent Ana']);
        expect(await links(other, byName('Ana'))).toEqual(['Ex Cy', 'Godchild Ben', 'Sibling Cy']);
        // one link per pair, not one from each card
        expect(other.sqlite.prepare(`SELECT count(*) FROM relationships`).pluck().get()).toBe(3);
        // the pair of words, whichever card made it first
        expect((await other.call('relationshipRoles.list', {})).map((r) => [r.name, r.inverseName].sort().join(' ↔ ')).sort()).toEqual(['Ex ↔ ', 'Godchild ↔ Godparent']);
      } finally {
        await other.dispose();
      }
    });
  }

  it('makes a RELATED type Kith has no word for into a role, instead of losing it', async () => {
    const card = (uid: string, name: string, related: string) => `BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:${uid}\r\nFN:${name}\r\n${related}END:VCARD\r\n`;
    const a = '0b6c2c55-0000-4000-8000-00000000000a';
    const b = '0b6c2c55-0000-4000-8000-00000000000b';
    const text = card(a, 'Ana Kin', `RELATED;TYPE=kin:urn:uuid:${b}\r\nRELATED;TYPE=neighbor:urn:uuid:${b}\r\n`) + card(b, 'Ben Kin', '');
    await importFile(kith, 'kin.vcf', text);
    const ana = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Ana Kin'`).pluck().get() as string;
    const ben = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Ben Kin'`).pluck().get() as string;
    expect(await links(kith, ana)).toEqual(['Kin Ben Kin', 'Neighbor Ben Kin']);
    expect(await links(kith, ben)).toEqual(['Kin Ana Kin', 'Neighbor Ana Kin']);
    // written back with vCard's own word too
    const out = await kith.call('transfer.export', { format: 'vcard' });
    expect(unfold(out.content)).toContain(`RELATED;TYPE=kin;X-KITH-ROLE=Kin:urn:uuid:${ben}`);
  });
});

// Addresses as addresses in and out of files (issue 17.6): vCard ADR (2.1, 3.0, 4.0) with every
// component kept, Google's and Outlook's address columns, the vCard 3.0/4.0 and CSV exports, the
// JSON export and restore (validated as the contract does), and search by city and postcode.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { contactsByName, importFile, previewFile } from '../helpers/transfer';

let kith: TestBackend;
let fresh: TestBackend | null = null;
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => {
  await kith.dispose();
  await fresh?.dispose();
  fresh = null;
});

const addressesOf = async (k: TestBackend) => (await contactsByName(k)).map((c) => [c.displayName, c.methods.filter((m) => m.kind === 'address').map((m) => ({ label: m.label, address: m.address }))]);
const none = { street: '', city: '', region: '', postcode: '', countryCode: null, country: '' };

const HOMER = { street: '742 Evergreen Terrace\nApt 2', city: 'Springfield', region: 'IL', postcode: '62704', countryCode: 'US', country: '' };
const ANNA = { street: 'Invalidenstraße 117', city: 'Berlin', region: '', postcode: '10115', countryCode: 'DE', country: 'Deutschland' };
async function seedAddresses(k: TestBackend) {
  await k.call('contacts.create', { displayName: 'Anna Schmidt', methods: [{ kind: 'address', label: 'Home', value: '', address: ANNA }] });
  await k.call('contacts.create', {
    displayName: 'Homer Simpson',
    methods: [
      { kind: 'address', label: 'Home', value: '', address: HOMER, isPrimary: true },
      { kind: 'address', label: 'Work', value: 'Sector 7G; Springfield Nuclear Plant' },
    ],
  });
}

describe('vCard ADR in', () => {
  // a country that is just its code's English name is kept as the code (it reads back the same from what Kith writes)
  it('reads 2.1, 3.0 and 4.0 ADR with every component: PO box and extended address in the street lines, the country code from CC or the name', async () => {
    const file = [
      'BEGIN:VCARD', 'VERSION:2.1', 'N:Old;Phone', 'FN:Phone Old', 'ADR;HOME;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:;;Hauptstra=C3=9Fe 5;Berlin;;10115;Deutschland', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Apple;Ann', 'FN:Ann Apple', 'item1.ADR;type=WORK;type=pref:PO Box 12;Suite 400;1 Infinite Loop;Cupertino;CA;95014;United States', 'item1.X-ABLabel:_$!<Work>!$_', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:Four Point', 'ADR;TYPE=home;CC=JP;LABEL="x":;;1-1 Chiyoda;Chiyoda-ku;Tokyo;100-0001;', 'END:VCARD', '',
    ].join('\r\n');
    const { summary } = await importFile(kith, 'adr.vcf', file);
    expect(summary).toMatchObject({ added: 3, failed: [], warnings: [] });
    expect(await addressesOf(kith)).toEqual([
      ['Ann Apple', [{ label: 'Work', address: { street: 'PO Box 12\nSuite 400\n1 Infinite Loop', city: 'Cupertino', region: 'CA', postcode: '95014', countryCode: 'US', country: '' } }]],
      ['Four Point', [{ label: 'Home', address: { street: '1-1 Chiyoda', city: 'Chiyoda-ku', region: 'Tokyo', postcode: '100-0001', countryCode: 'JP', country: '' } }]],
      ['Phone Old', [{ label: 'Home', address: { street: 'Hauptstraße 5', city: 'Berlin', region: '', postcode: '10115', countryCode: 'DE', country: 'Deutschland' } }]],
    ]);
  });
});

describe('CSV address columns in', () => {
  it("reads Google's Address 1 - Street/City/Region/Postal Code/Country with PO box and extended address; the formatted text alone is kept whole", async () => {
    const csv = [
      'First Name,Last Name,Labels,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Address 2 - Label,Address 2 - Formatted',
      'Gina,Google,* myContacts,* Home,"1600 Amphitheatre Pkwy, Mountain View",1600 Amphitheatre Pkwy,Mountain View,PO Box 9,CA,94043,United States,Building 40,Other,"Somewhere, only formatted"',
    ].join('\r\n');
    const { preview, summary } = await importFile(kith, 'google.csv', csv);
    expect(preview.format).toBe('google');
    expect(summary).toMatchObject({ added: 1, failed: [], warnings: [] });
    expect(await addressesOf(kith)).toEqual([
      ['Gina Google', [
        { label: 'Home', address: { street: 'PO Box 9\nBuilding 40\n1600 Amphitheatre Pkwy', city: 'Mountain View', region: 'CA', postcode: '94043', countryCode: 'US', country: '' } },
        { label: 'Other', address: { ...none, street: 'Somewhere, only formatted' } },
      ]],
    ]);
  });

  it("reads Outlook's Home Street/Street 2/City/State/Postal Code/Country/Region and PO Box", async () => {
    const csv = [
      'First Name,Last Name,E-mail Address,Job Title,Home Street,Home Street 2,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country/Region,Business Street,Business City,Business Postal Code,Business Country/Region',
      'Olga,Outlook,olga@example.org,Manager,10 Downing St,Flat 1,PO Box 5,London,,SW1A 2AA,United Kingdom,1 Rue de Rivoli,Paris,75001,France',
    ].join('\r\n');
    const { preview, summary } = await importFile(kith, 'outlook.csv', csv);
    expect(preview.format).toBe('outlook');
    expect(summary).toMatchObject({ added: 1, failed: [], warnings: [] });
    expect(await addressesOf(kith)).toEqual([
      ['Olga Outlook', [
        { label: 'Home', address: { street: 'PO Box 5\n10 Downing St\nFlat 1', city: 'London', region: '', postcode: 'SW1A 2AA', countryCode: 'GB', country: '' } },
        { label: 'Work', address: { street: '1 Rue de Rivoli', city: 'Paris', region: '', postcode: '75001', countryCode: 'FR', country: '' } },
      ]],
    ]);
  });
});

describe('addresses out', () => {
  it.each(['vcard', 'vcard3'] as const)('%s writes ADR with its seven components and comes back as the same parts', async (format) => {
    await seedAddresses(kith);
    const file = await kith.call('transfer.export', { format });
    const unfolded = file.content!.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(format === 'vcard' ? /ADR;TYPE=home;CC=US;PREF=1:;;742 Evergreen Terrace\\nApt 2;Springfield;IL;62704;United States\r\n/ : /ADR;TYPE=home,pref:;;742 Evergreen Terrace\\nApt 2;Springfield;IL;62704;United States\r\n/);
    expect(unfolded).toMatch(/ADR[^:\r\n]*:;;Invalidenstraße 117;Berlin;;10115;Deutschland\r\n/);
    expect(unfolded).toMatch(/ADR[^:\r\n]*:;;Sector 7G\\; Springfield Nuclear Plant;;;;\r\n/);
    fresh = await startTestBackend({ clock });
    await importFile(fresh, file.fileName, file.content!);
    expect(await addressesOf(fresh)).toEqual(await addressesOf(kith));
  });

  it('the CSV export has columns for each address part, and reads back as the same parts', async () => {
    await seedAddresses(kith);
    const file = await kith.call('transfer.export', { format: 'csv' });
    const [header] = file.content!.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toContain('Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Country Code,Address 2 - Label');
    expect(file.content).toContain('Home,"742 Evergreen Terrace, Apt 2, Springfield, IL, 62704, United States","742 Evergreen Terrace\nApt 2",Springfield,IL,62704,United States,US');
    fresh = await startTestBackend({ clock });
    const { summary } = await importFile(fresh, file.fileName, file.content!);
    expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
    expect(await addressesOf(fresh)).toEqual(await addressesOf(kith));
  });

  it('the JSON export restores the parts; a file whose parts the contract refuses is refused with the row', async () => {
    await seedAddresses(kith);
    const file = await kith.call('transfer.export', { format: 'json' });
    fresh = await startTestBackend({ clock });
    await importFile(fresh, file.fileName, file.content!);
    expect(await addressesOf(fresh)).toEqual(await addressesOf(kith));
    await fresh.dispose();

    const data = JSON.parse(file.content!) as { tables: { contact_methods: { address_parts: string | null }[] } };
    data.tables.contact_methods.find((m) => m.address_parts)!.address_parts = JSON.stringify({ ...HOMER, countryCode: 'XX' });
    fresh = await startTestBackend({ clock });
    // refused by the preview, which reads every row the way the restore takes it (nothing is written)
    const err = await previewFile(fresh, 'edited.json', JSON.stringify(data)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Row \d+ of contact_methods \(.+\) has address parts Kith cannot read: countryCode: Not a known country code$/) });
    expect(fresh.sqlite.prepare(`SELECT count(*) FROM contacts`).pluck().get()).toBe(0);
  });
});

describe('search', () => {
  it('finds people by the city or the postcode of an address', async () => {
    await seedAddresses(kith);
    const names = async (query: string) => (await kith.call('contacts.search', { query })).map((h) => [h.displayName, h.matchedIn]);
    expect(await names('Springfield')).toEqual([['Homer Simpson', 'methods']]);
    expect(await names('10115')).toEqual([['Anna Schmidt', 'methods']]);
    expect(await names('62704')).toEqual([['Homer Simpson', 'methods']]);
  });
});

// The one way an address is shown (shared/domain/address.ts): by the address's country, with the
// country's name in the reader's language; and the map link it opens.
import { describe, expect, it } from 'vitest';
import { isExternalLink } from '../../electron/security';
import { addressText, countryCodeOf, formatAddressLines, mapSearchUrl, type PostalAddress } from '../../shared/domain/address';

const a = (p: Partial<PostalAddress>): PostalAddress => ({ street: '', city: '', region: '', postcode: '', countryCode: null, country: '', ...p });

describe('formatAddressLines', () => {
  it('writes "postcode city" for Germany and France, the country in the reader\'s language', () => {
    expect(formatAddressLines(a({ street: 'Invalidenstraße 117', city: 'Berlin', postcode: '10115', countryCode: 'DE' }), 'en-GB')).toEqual(['Invalidenstraße 117', '10115 Berlin', 'Germany']);
    expect(formatAddressLines(a({ street: 'Invalidenstraße 117', city: 'Berlin', postcode: '10115', countryCode: 'DE' }), 'de-DE')).toEqual(['Invalidenstraße 117', '10115 Berlin', 'Deutschland']);
    expect(formatAddressLines(a({ street: '1 Rue de Rivoli', city: 'Paris', postcode: '75001', countryCode: 'FR' }), 'fr-FR')).toEqual(['1 Rue de Rivoli', '75001 Paris', 'France']);
  });

  it('writes "city, region postcode" for the US, every street line on its own', () => {
    expect(formatAddressLines(a({ street: '742 Evergreen Terrace\nApt 2', city: 'Springfield', region: 'IL', postcode: '62704', countryCode: 'US' }), 'en-US')).toEqual(['742 Evergreen Terrace', 'Apt 2', 'Springfield, IL 62704', 'United States']);
  });

  it('puts a British postcode on its own line', () => {
    expect(formatAddressLines(a({ street: '10 Downing St', city: 'London', postcode: 'SW1A 2AA', countryCode: 'GB' }), 'en-GB')).toEqual(['10 Downing St', 'London', 'SW1A 2AA', 'United Kingdom']);
  });

  it('writes Japan from large to small', () => {
    expect(formatAddressLines(a({ street: '1-1 Chiyoda', city: 'Chiyoda-ku', region: 'Tokyo', postcode: '100-0001', countryCode: 'JP' }), 'en')).toEqual(['Japan', '100-0001', 'Tokyo Chiyoda-ku', '1-1 Chiyoda']);
    expect(formatAddressLines(a({ street: '千代田1-1', city: '千代田区', region: '東京都', postcode: '100-0001', countryCode: 'JP' }), 'ja')[0]).toBe('日本');
  });

  it('reads a typed country name for the layout, and keeps a free text as it was', () => {
    expect(formatAddressLines(a({ street: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62704', country: 'USA' }), 'de')).toEqual(['1 Main St', 'Springfield, IL 62704', 'Vereinigte Staaten']);
    expect(formatAddressLines(a({ street: 'Somewhere 5\n12345 Town', country: 'Atlantis' }), 'en')).toEqual(['Somewhere 5', '12345 Town', 'Atlantis']);
  });
});

describe('countries and the one-line text', () => {
  it('knows a country by its code or its name in several languages, and not by a guess', () => {
    expect(['de', 'Germany', 'Deutschland', 'Allemagne', 'Alemania', 'United Kingdom', 'UK', 'Japan', 'Atlantis', 'XX'].map((t) => countryCodeOf(t))).toEqual(['DE', 'DE', 'DE', 'DE', 'DE', 'GB', 'GB', 'JP', null, null]);
  });

  it('joins the parts in ADR order for the value, and encodes the map search', () => {
    const home = a({ street: '742 Evergreen Terrace\nApt 2', city: 'Springfield', region: 'IL', postcode: '62704', countryCode: 'US' });
    expect(addressText(home)).toBe('742 Evergreen Terrace, Apt 2, Springfield, IL, 62704, United States');
    expect(mapSearchUrl(home)).toBe('https://www.openstreetmap.org/search?query=742%20Evergreen%20Terrace%2C%20Apt%202%2C%2062704%2C%20Springfield%2C%20IL%2C%20United%20States');
    // Electron opens it with shell.openExternal (electron/main.ts): it is one of the links that may leave
    expect(isExternalLink(mapSearchUrl(home))).toBe(true);
    expect(mapSearchUrl(a({ street: 'Rue & Co #3', city: 'Paris' }))).toBe('https://www.openstreetmap.org/search?query=Rue%20%26%20Co%20%233%2C%20Paris');
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import countries from 'i18n-iso-countries';
import { m49Code, REGIONS, regionOf, regionOfSubregion, SUBREGIONS, subregionOf } from './region.ts';

test('each M49 sub-region holds the countries UN statistics place in it', () => {
  const expected: Record<string, string[]> = {
    'northern-africa': ['DZ', 'EG', 'MA', 'SD', 'TN'],
    'sub-saharan-africa': ['NG', 'KE', 'ZA', 'CD', 'ET', 'SL', 'BI', 'CV'],
    'latin-america-caribbean': ['MX', 'BR', 'AR', 'CR', 'EC', 'HT', 'JM', 'GT'],
    'northern-america': ['US', 'CA', 'BM', 'GL'],
    'central-asia': ['KZ', 'UZ', 'KG'],
    'eastern-asia': ['CN', 'JP', 'KR', 'KP', 'MN'],
    'south-eastern-asia': ['ID', 'PH', 'VN', 'TL', 'MM'],
    'southern-asia': ['IN', 'PK', 'BD', 'IR', 'AF', 'LK'],
    'western-asia': ['TR', 'AE', 'SA', 'AZ', 'AM', 'GE', 'CY', 'IL', 'PS'],
    'eastern-europe': ['RU', 'UA', 'PL', 'CZ', 'MD', 'BY'],
    'northern-europe': ['GB', 'SE', 'NO', 'IE', 'EE', 'IS'],
    'southern-europe': ['IT', 'ES', 'GR', 'AL', 'RS', 'VA', 'MT'],
    'western-europe': ['DE', 'FR', 'BE', 'NL', 'CH', 'AT', 'LU'],
    'australia-new-zealand': ['AU', 'NZ'],
    melanesia: ['FJ', 'PG', 'SB', 'VU'],
    micronesia: ['FM', 'KI', 'MH', 'PW'],
    polynesia: ['WS', 'TO', 'TV'],
  };
  assert.deepEqual(Object.keys(expected), [...SUBREGIONS]);
  for (const [sub, codes] of Object.entries(expected)) for (const c of codes) assert.equal(subregionOf(c), sub, c);
  assert.equal(subregionOf('de'), 'western-europe');
  assert.equal(subregionOf(null), null);
  assert.equal(subregionOf('AQ'), null);
  assert.equal(subregionOf('ZZ'), null);
});

test('sub-regions lie in their regions, with M49 codes', () => {
  assert.equal(regionOfSubregion('sub-saharan-africa'), 'africa');
  assert.equal(regionOfSubregion('latin-america-caribbean'), 'americas');
  assert.equal(regionOfSubregion('western-asia'), 'asia');
  assert.equal(regionOfSubregion('polynesia'), 'oceania');
  assert.equal(m49Code('africa'), '002');
  assert.equal(m49Code('americas'), '019');
  assert.equal(m49Code('sub-saharan-africa'), '202');
  assert.equal(m49Code('latin-america-caribbean'), '419');
  assert.equal(m49Code('western-asia'), '145');
  assert.equal(m49Code('southern-europe'), '039');
  assert.deepEqual(new Set(SUBREGIONS.map(regionOfSubregion)), new Set(REGIONS));
});

test('every country the country list knows has a region and a sub-region, Antarctica aside', () => {
  const codes = Object.keys(countries.getAlpha2Codes());
  assert.ok(codes.length >= 249, `the list holds ${codes.length} codes`);
  const without = codes.filter((c) => subregionOf(c) === null);
  assert.deepEqual(without, ['AQ']);
  for (const c of codes) if (c !== 'AQ') assert.equal(regionOf(c), regionOfSubregion(subregionOf(c)!), c);
});

test('the regions of the search facets are unchanged', () => {
  assert.equal(regionOf('SL'), 'africa');
  assert.equal(regionOf('CA'), 'americas');
  assert.equal(regionOf('TR'), 'asia');
  assert.equal(regionOf('XK'), 'europe');
  assert.equal(regionOf('TW'), 'asia');
  assert.equal(regionOf('NZ'), 'oceania');
  assert.equal(regionOf(undefined), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countriesNamedIn, countryLabel, countryName, findCountry, stripGovernmentOf } from './country.ts';

test('short, official and common names give the ISO code', () => {
  assert.deepEqual(findCountry('Canada'), { code: 'CA', name: 'Canada' });
  assert.deepEqual(findCountry('United States of America'), { code: 'US', name: 'United States of America' });
  assert.equal(findCountry('United States')?.code, 'US');
  assert.equal(findCountry('U.S.A.')?.code, 'US');
  assert.equal(findCountry('United Arab Emirates')?.code, 'AE');
  assert.equal(findCountry('Sierra Leone')?.code, 'SL');
  assert.equal(findCountry('CANADA')?.code, 'CA');
  assert.equal(findCountry('Côte d’Ivoire')?.code, 'CI');
  assert.equal(findCountry('Turkey')?.code, 'TR');
  assert.equal(findCountry('Viet Nam')?.code, 'VN');
  assert.equal(findCountry('St. Lucia')?.code, 'LC');
  assert.equal(findCountry('Trinidad & Tobago')?.code, 'TT');
});

test('long forms name the country', () => {
  assert.deepEqual(findCountry('Republic of Azerbaijan'), { code: 'AZ', name: 'Azerbaijan' });
  assert.equal(findCountry('Kingdom of Thailand')?.code, 'TH');
  assert.equal(findCountry('Republic of Botswana')?.code, 'BW');
  assert.equal(findCountry('Federal Republic of Germany')?.code, 'DE');
  assert.equal(findCountry('Democratic Republic of the Congo')?.code, 'CD');
  assert.equal(findCountry('Republic of Korea')?.code, 'KR');
  assert.equal(findCountry('State of Qatar')?.code, 'QA');
});

test('governments, cities and institutions are not countries', () => {
  assert.equal(findCountry('Government of the Republic of Botswana'), null);
  assert.equal(findCountry('Geneva'), null);
  assert.equal(findCountry('New York'), null);
  assert.equal(findCountry('City of Mechelen'), null);
  assert.equal(findCountry('United States Department of State'), null);
  assert.equal(findCountry('European Union'), null);
  assert.equal(findCountry('Republic'), null);
  assert.equal(findCountry(''), null);
});

test('"Government of (the)" can be stripped to reach the country', () => {
  assert.equal(stripGovernmentOf('Government of the Republic of Botswana'), 'Republic of Botswana');
  assert.equal(findCountry(stripGovernmentOf('Government of Botswana'))?.code, 'BW');
  assert.equal(stripGovernmentOf('Ministry of Labour'), 'Ministry of Labour');
});

test('country names in the site languages', () => {
  assert.equal(countryName('DE', 'en'), 'Germany');
  assert.equal(countryName('DE', 'fr'), 'Allemagne');
  assert.equal(countryName('DE', 'es'), 'Alemania');
  assert.equal(countryName('ZZ', 'en'), undefined);
});

test('French and Spanish long forms name the country; cities do not', () => {
  assert.equal(findCountry('Royaume du Maroc')?.code, 'MA');
  assert.equal(findCountry('République du Sénégal')?.code, 'SN');
  assert.equal(findCountry('Reino de España')?.code, 'ES');
  assert.equal(findCountry('Genève'), null);
  assert.equal(findCountry('New York'), null);
});

test('Spanish and French long forms with the adjective after the noun name the country', () => {
  assert.equal(findCountry('Estado Plurinacional de Bolivia')?.code, 'BO');
  assert.equal(findCountry('República Bolivariana de Venezuela')?.code, 'VE');
  assert.equal(findCountry('Estados Unidos Mexicanos')?.code, 'MX');
  assert.equal(findCountry('United Mexican States')?.code, 'MX');
  assert.equal(findCountry('État plurinational de Bolivie')?.code, 'BO');
  assert.equal(findCountry('République fédérale d’Allemagne')?.code, 'DE');
  assert.equal(findCountry('República Federativa do Brasil')?.code ?? null, null);
  assert.equal(findCountry('República Federativa de Brasil')?.code, 'BR');
  assert.equal(findCountry('República Islámica del Irán')?.code, 'IR');
  assert.equal(findCountry('República Democrática del Congo')?.code, 'CD');
  assert.equal(findCountry('République démocratique du Congo')?.code, 'CD');
  assert.equal(findCountry('Estados Unidos de América')?.code, 'US');
  assert.equal(findCountry('República Popular Democrática de Corea')?.code, 'KP');
  assert.equal(findCountry('República de Corea')?.code, 'KR');
  // An adjective alone is not a country.
  assert.equal(findCountry('República Bolivariana'), null);
  assert.equal(findCountry('Estado Plurinacional'), null);
});

test('one short name per country for every output: the code decides, the printed words only without one', () => {
  assert.equal(countryLabel('TR', 'Turkey'), 'Türkiye');
  assert.equal(countryLabel(findCountry('Republic of Azerbaijan')!.code, 'Republic of Azerbaijan'), 'Azerbaijan');
  assert.equal(countryLabel('tr', null), 'Türkiye');
  assert.equal(countryLabel('TR', 'Turkey', 'fr'), 'Turquie');
  assert.equal(countryLabel(null, ' Kosovo '), 'Kosovo');
  assert.equal(countryLabel(null, null), null);
  assert.equal(countryLabel(null, ''), null);
  // A code the list does not know keeps what was printed.
  assert.equal(countryLabel('XK', 'Kosovo'), 'Kosovo');
});

test("short names, not the list's inverted or long forms", () => {
  assert.deepEqual(
    ['MD', 'FM', 'CI', 'CZ', 'CV', 'VA', 'MK', 'GM', 'IR', 'AZ', 'TR', 'US'].map((c) => countryName(c, 'en')),
    ['Republic of Moldova', 'Micronesia (Federated States of)', "Côte d'Ivoire", 'Czechia', 'Cabo Verde', 'Holy See', 'North Macedonia', 'Gambia', 'Iran (Islamic Republic of)', 'Azerbaijan', 'Türkiye', 'United States of America'],
  );
  assert.deepEqual(findCountry('Moldova'), { code: 'MD', name: 'Republic of Moldova' });
  assert.equal(countryName('CZ', 'fr'), 'République Tchèque');
});

test('countries named inside a position: after "of", "de", "du"… or alone between commas', () => {
  assert.deepEqual(countriesNamedIn('Permanent Representative of Mexico to the United Nations'), ['MX']);
  assert.deepEqual(countriesNamedIn('Ambassador of Ecuador'), ['EC']);
  assert.deepEqual(countriesNamedIn('Ministre des Affaires étrangères du Maroc'), ['MA']);
  assert.deepEqual(countriesNamedIn('Embajador del Perú ante la OEA'), ['PE']);
  assert.deepEqual(countriesNamedIn('Ambassador of the Philippines to Switzerland'), ['PH', 'CH']);
  assert.deepEqual(countriesNamedIn('Ambassadeur de la République du Sénégal'), ['SN']);
  assert.deepEqual(countriesNamedIn('Ambassador, Ecuador'), ['EC']);
  // The longest name is read, and not again from its last word.
  assert.deepEqual(countriesNamedIn("Ambassador of the Democratic People's Republic of Korea"), ['KP']);
  assert.deepEqual(countriesNamedIn('Ambassador of the United Kingdom of Great Britain and Northern Ireland'), ['GB']);
  // Names that are not the country where they stand.
  assert.deepEqual(countriesNamedIn('Mexico City Office'), []);
  assert.deepEqual(countriesNamedIn('Jordan Smith, Chad Institute'), []);
  assert.deepEqual(countriesNamedIn('Profesor, Universidad de Granada'), []);
  assert.deepEqual(countriesNamedIn('Director General of the Office of the United Nations in Geneva'), []);
  assert.deepEqual(countriesNamedIn('State of New Jersey'), []);
  // A name followed by anything but a linking word, or naming an institution's place, is not the country represented.
  assert.deepEqual(countriesNamedIn('Professor, University of Georgia'), []);
  assert.deepEqual(countriesNamedIn('Rector de la Universidad de Chile'), []);
  assert.deepEqual(countriesNamedIn('Head of Niger Delta Development Commission'), []);
  assert.deepEqual(countriesNamedIn('Researcher at Jersey City'), []);
  assert.deepEqual(countriesNamedIn('Head of Mexico City Office'), []);
  assert.deepEqual(countriesNamedIn('Ambassador of Georgia to the United Nations'), ['GE']);
  // A second country joined by "and" to one just taken.
  assert.deepEqual(countriesNamedIn('Special Coordinator for Sudan and South Sudan'), ['SD', 'SS']);
  assert.deepEqual(countriesNamedIn('Ambassadeur du Mali et du Niger'), ['ML', 'NE']);
  assert.deepEqual(countriesNamedIn('Sudan and South Sudan Office'), []);
  assert.deepEqual(countriesNamedIn(''), []);
  assert.deepEqual(countriesNamedIn(null), []);
});

// The region and sub-region of a country (ISO 3166-1 alpha-2), after the United Nations'
// Standard country or area codes for statistical use (M49): five regions (Africa, the
// Americas, Asia, Europe, Oceania) and their seventeen sub-regions. Search facets use the
// regions; the representation figures both. Antarctica and codes the list does not hold have
// none. Kosovo (XK) and Taiwan (TW), which M49 does not list on their own, are placed where
// the search facets always placed them (Southern Europe, Eastern Asia).
export const REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type Region = (typeof REGIONS)[number];

/** M49 sub-regions in M49's order, each with its region, its M49 code and its countries. */
export const SUBREGIONS = [
  'northern-africa',
  'sub-saharan-africa',
  'latin-america-caribbean',
  'northern-america',
  'central-asia',
  'eastern-asia',
  'south-eastern-asia',
  'southern-asia',
  'western-asia',
  'eastern-europe',
  'northern-europe',
  'southern-europe',
  'western-europe',
  'australia-new-zealand',
  'melanesia',
  'micronesia',
  'polynesia',
] as const;
export type Subregion = (typeof SUBREGIONS)[number];

const REGION_M49: Record<Region, string> = { africa: '002', americas: '019', asia: '142', europe: '150', oceania: '009' };

const SUB: Record<Subregion, { region: Region; m49: string; codes: string }> = {
  'northern-africa': { region: 'africa', m49: '015', codes: 'DZ EG LY MA SD TN EH' },
  // Eastern, Middle, Southern and Western Africa (M49's intermediate regions), in that order
  'sub-saharan-africa': {
    region: 'africa',
    m49: '202',
    codes: 'IO TF BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  },
  // the Caribbean, Central America, South America
  'latin-america-caribbean': {
    region: 'americas',
    m49: '419',
    codes: 'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE',
  },
  'northern-america': { region: 'americas', m49: '021', codes: 'BM CA GL PM US' },
  'central-asia': { region: 'asia', m49: '143', codes: 'KZ KG TJ TM UZ' },
  'eastern-asia': { region: 'asia', m49: '030', codes: 'CN HK MO KP JP MN KR TW' },
  'south-eastern-asia': { region: 'asia', m49: '035', codes: 'BN KH ID LA MY MM PH SG TH TL VN' },
  'southern-asia': { region: 'asia', m49: '034', codes: 'AF BD BT IN IR MV NP PK LK' },
  'western-asia': { region: 'asia', m49: '145', codes: 'AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE' },
  'eastern-europe': { region: 'europe', m49: '151', codes: 'BY BG CZ HU PL MD RO RU SK UA' },
  'northern-europe': { region: 'europe', m49: '154', codes: 'AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB' },
  'southern-europe': { region: 'europe', m49: '039', codes: 'AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK' },
  'western-europe': { region: 'europe', m49: '155', codes: 'AT BE FR DE LI LU MC NL CH' },
  'australia-new-zealand': { region: 'oceania', m49: '053', codes: 'AU CX CC HM NZ NF' },
  melanesia: { region: 'oceania', m49: '054', codes: 'FJ NC PG SB VU' },
  micronesia: { region: 'oceania', m49: '057', codes: 'GU KI MH FM NR MP PW UM' },
  polynesia: { region: 'oceania', m49: '061', codes: 'AS CK PF NU PN WS TK TO TV WF' },
};

const SUB_BY_CODE = new Map<string, Subregion>();
for (const s of SUBREGIONS) for (const c of SUB[s].codes.split(' ')) SUB_BY_CODE.set(c, s);

export function subregionOf(countryCode: string | null | undefined): Subregion | null {
  return countryCode ? (SUB_BY_CODE.get(countryCode.toUpperCase()) ?? null) : null;
}

export function regionOf(countryCode: string | null | undefined): Region | null {
  const s = subregionOf(countryCode);
  return s ? SUB[s].region : null;
}

/** The region a sub-region lies in. */
export const regionOfSubregion = (s: Subregion): Region => SUB[s].region;

/** M49's numeric code of a region or sub-region ("002" Africa, "202" Sub-Saharan Africa). */
export const m49Code = (r: Region | Subregion): string => (r in REGION_M49 ? REGION_M49[r as Region] : SUB[r as Subregion].m49);

// The region of a country (ISO 3166-1 alpha-2), after the United Nations' geographic regions
// (M49), for search facets: Africa, the Americas, Asia, Europe, Oceania. Antarctica and codes
// the list does not hold have none.
export const REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type Region = (typeof REGIONS)[number];

const CODES: Record<Region, string> = {
  africa:
    'DZ EG LY MA SD TN EH IO TF BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  americas:
    'AI AG AR AW BS BB BZ BM BO BQ BV BR CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX GS SR TT TC US UY VE VG VI',
  asia:
    'KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  europe:
    'BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH',
  oceania: 'AU NZ NF HM CX CC FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF',
};

const BY_CODE = new Map<string, Region>();
for (const r of REGIONS) for (const c of CODES[r].split(' ')) BY_CODE.set(c, r);

export function regionOf(countryCode: string | null | undefined): Region | null {
  return countryCode ? (BY_CODE.get(countryCode.toUpperCase()) ?? null) : null;
}

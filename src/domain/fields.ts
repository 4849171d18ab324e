// The rules for fields that the workspace's forms, the API's writes, `plenary import` and a
// restore all check, with the one message each gives: one place, so that a value one door
// accepts is accepted by every other.
import { z } from 'zod';
import { countryName } from './country.ts';
import { SLUG_PATTERN } from './slug.ts';
import { isIsoDate, isTimeZone } from './time.ts';

type Rule = { test(s: string): boolean; message: string };

export const SLUG: Rule & { max: number } = {
  test: (s) => SLUG_PATTERN.test(s) && s.length <= 80,
  message: 'must be lowercase letters, digits and single hyphens, at most 80 characters, e.g. idm-2024',
  max: 80,
};
export const ISO_DATE: Rule = { test: isIsoDate, message: 'must be a calendar date written YYYY-MM-DD, e.g. 2024-05-02' };
export const TIME_ZONE: Rule = { test: isTimeZone, message: 'must be an IANA time zone such as Europe/Zurich or America/New_York' };
export const COUNTRY_CODE: Rule = {
  test: (s) => /^[A-Z]{2}$/.test(s) && countryName(s, 'en') !== undefined,
  message: 'must be an ISO 3166-1 alpha-2 code such as CH or US',
};
export const EMAIL: Rule = { test: (s) => z.email().safeParse(s).success, message: 'must be an e-mail address such as secretariat@example.org' };

/** The longest text of each field, in characters. */
export const MAX = { title: 300, venue: 300, address: 300, city: 200, overview: 20000, description: 5000 } as const;
export const maxMessage = (n: number) => `must be at most ${n} characters`;

// The rules for fields that the workspace's forms, the API's writes, `plenary import` and a
// restore all check, with the one message each gives (domain/form-messages.ts): one place, so that a value one door
// accepts is accepted by every other.
import { z } from 'zod';
import { countryName } from './country.ts';
import { formText } from './form-messages.ts';
import { SLUG_PATTERN } from './slug.ts';
import { isIsoDate, isTimeZone } from './time.ts';

type Rule = { test(s: string): boolean; message: string };

export const SLUG: Rule & { max: number } = {
  test: (s) => SLUG_PATTERN.test(s) && s.length <= 80,
  message: formText('slug'),
  max: 80,
};
export const ISO_DATE: Rule = { test: isIsoDate, message: formText('date') };
export const TIME_ZONE: Rule = { test: isTimeZone, message: formText('timeZone') };
export const COUNTRY_CODE: Rule = {
  test: (s) => /^[A-Z]{2}$/.test(s) && countryName(s, 'en') !== undefined,
  message: formText('countryCode'),
};
export const EMAIL: Rule = { test: (s) => z.email().safeParse(s).success, message: formText('email') };

/** The longest text of each field, in characters. */
export const MAX = { title: 300, venue: 300, address: 300, city: 200, overview: 20000, description: 5000 } as const;
export const maxMessage = (n: number) => formText('tooLong', { max: n });

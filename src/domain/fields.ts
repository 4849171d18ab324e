// The rules for fields that the workspace's forms, the API's writes, `plenary import` and a
// restore all check, with the one message each gives (domain/form-messages.ts): one place, so that a value one door
// accepts is accepted by every other.
import { z } from 'zod';
import { countryName } from './country.ts';
import { type FormIssue, type FormMessage, formMessage, issueOf } from './form-messages.ts';
import { SLUG_PATTERN } from './slug.ts';
import { isIsoDate, isTimeZone } from './time.ts';

/** A rule's test and the keyed message it refuses with (`issue`: the same as zod's parameters). */
type Rule = { test(s: string): boolean; message: FormMessage; issue: FormIssue };
const rule = (test: (s: string) => boolean, message: FormMessage): Rule => ({ test, message, issue: issueOf(message) });

export const SLUG: Rule & { max: number } = { ...rule((s) => SLUG_PATTERN.test(s) && s.length <= 80, formMessage('slug')), max: 80 };
export const ISO_DATE: Rule = rule(isIsoDate, formMessage('date'));
export const TIME_ZONE: Rule = rule(isTimeZone, formMessage('timeZone'));
export const COUNTRY_CODE: Rule = rule((s) => /^[A-Z]{2}$/.test(s) && countryName(s, 'en') !== undefined, formMessage('countryCode'));
export const EMAIL: Rule = rule((s) => z.email().safeParse(s).success, formMessage('email'));

/** The longest text of each field, in characters. */
export const MAX = { title: 300, venue: 300, address: 300, city: 200, overview: 20000, description: 5000 } as const;
export const maxMessage = (n: number): FormMessage => formMessage('tooLong', { max: n });
/** zod's parameters for the same. */
export const maxIssue = (n: number): FormIssue => issueOf(maxMessage(n));

/**
 * One of a list of values, refused with a keyed message (z.enum's own refusal cannot carry one): the
 * string is checked first, then typed as the enum.
 */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, issue: FormIssue) =>
  z
    .string()
    .refine((s) => (values as readonly string[]).includes(s), issue)
    .pipe(z.enum(values));

// What an organizer says about an event when it is created or updated.
import { z } from 'zod';
import { LANGUAGES } from './language.ts';
import { SLUG_PATTERN } from './slug.ts';
import { isIsoDate, isTimeZone } from './time.ts';

export const EVENT_STATUSES = ['draft', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

const slug = z.string().regex(SLUG_PATTERN, 'must be lowercase letters, digits and single hyphens, e.g. idm-2017-new-york');
const isoDate = z.string().refine(isIsoDate, 'must be a calendar date written YYYY-MM-DD');
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Zurich');

export const eventTargetSchema = z.object({
  series: z.object({
    slug,
    title: z.string().trim().min(1).optional(),
    description: z.string().optional(),
    /** the convening organization's name, matched to or stored as an organization */
    convener: z.string().trim().min(1, 'must name an organization').optional(),
  }),
  event: z.object({
    slug,
    title: z.string().trim().min(1).optional(),
    lang: z.enum(LANGUAGES).default('en'),
    timeZone: timeZone.optional(),
    venue: z.string().trim().min(1).nullable().optional(),
    /** street and number, one line */
    address: z.string().trim().min(1).nullable().optional(),
    city: z.string().trim().min(1).nullable().optional(),
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US').nullable().optional(),
    startDate: isoDate.optional(),
    overview: z.string().nullable().optional(),
    themes: z.array(z.string().trim().min(1)).optional(),
    contactEmail: z.email().nullable().optional(),
    status: z.enum(EVENT_STATUSES).optional(),
  }),
});
export type EventTarget = z.input<typeof eventTargetSchema>;
export type ParsedEventTarget = z.output<typeof eventTargetSchema>;

/** Format zod's issues as "where: what" lines. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
}

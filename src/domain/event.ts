// What an organizer says about an event when it is created or updated.
import { z } from 'zod';
import { LANGUAGES } from './language.ts';
import { COUNTRY_CODE, EMAIL, ISO_DATE, MAX, maxIssue, SLUG, TIME_ZONE } from './fields.ts';
import { formIssue } from './form-messages.ts';

export const EVENT_STATUSES = ['draft', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

// The same rules as the workspace's forms (fields.ts); here every field but the slugs may be left out.
const slug = z.string().refine(SLUG.test, SLUG.issue);
const isoDate = z.string().refine(ISO_DATE.test, ISO_DATE.issue);
const timeZone = z.string().refine(TIME_ZONE.test, TIME_ZONE.issue);
const text = (max: number) => z
    .string()
    .trim()
    .refine((s) => s.length >= 1, formIssue('empty'))
    .refine((s) => s.length <= max, maxIssue(max));

export const eventTargetSchema = z.object({
  series: z.object({
    slug,
    title: text(MAX.title).optional(),
    description: z.string().refine((s) => s.length <= MAX.description, maxIssue(MAX.description)).optional(),
    /** the convening organization's name, matched to or stored as an organization */
    convener: z.string().trim().min(1, 'must name an organization').optional(),
  }),
  event: z.object({
    slug,
    title: text(MAX.title).optional(),
    lang: z.enum(LANGUAGES).default('en'),
    timeZone: timeZone.optional(),
    venue: text(MAX.venue).nullable().optional(),
    /** street and number, one line */
    address: text(MAX.address).nullable().optional(),
    city: text(MAX.city).nullable().optional(),
    countryCode: z.string().refine(COUNTRY_CODE.test, COUNTRY_CODE.issue).nullable().optional(),
    startDate: isoDate.optional(),
    overview: z.string().refine((s) => s.length <= MAX.overview, maxIssue(MAX.overview)).nullable().optional(),
    themes: z.array(z.string().trim().min(1)).optional(),
    contactEmail: z.string().refine(EMAIL.test, EMAIL.issue).nullable().optional(),
    status: z.enum(EVENT_STATUSES).optional(),
  }),
});
export type EventTarget = z.input<typeof eventTargetSchema>;
export type ParsedEventTarget = z.output<typeof eventTargetSchema>;

/** Format zod's issues as "where: what" lines. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
}

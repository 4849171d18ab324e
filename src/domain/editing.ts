// What the workspace's forms may save: one zod schema per record, over the strings a form posts,
// giving the columns to store. The same schemas serve the forms, the CLI and the API; a
// failure names the field (the column) and what is wrong with it.
import { z } from 'zod';
import { SESSION_KINDS } from './agenda.ts';
import { EVENT_STATUSES } from './event.ts';
import { LANGUAGES } from './language.ts';
import { ORGANIZATION_KINDS } from './organization.ts';
import { genderShape, keepTerm, TERM_MISSING, termGiven } from './gender.ts';
import { choice, COUNTRY_CODE, EMAIL, ISO_DATE, MAX, maxIssue, SLUG, TIME_ZONE } from './fields.ts';
import { type FieldMessage, formIssue, issueMessage } from './form-messages.ts';
import { normaliseLineEnds } from './text.ts';

/** An empty field is "not given": stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => s.length <= max, maxIssue(max))
    .transform((s) => (s === '' ? null : s));
/** A text area's text (may be empty): its line ends stored as LF whichever way they came (a browser sends CR LF). */
const multilineText = (max: number) => z.string().transform(normaliseLineEnds).pipe(optionalText(max));
const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => s.length >= 1, formIssue('empty'))
    .refine((s) => s.length <= max, maxIssue(max));
const slug = z.string().trim().refine(SLUG.test, SLUG.issue);
const isoDate = z.string().trim().refine(ISO_DATE.test, ISO_DATE.issue);
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const isTime = (s: string | null) => s !== null && TIME.test(s);
const time = z
  .string()
  .trim()
  .refine((s) => s === '' || TIME.test(s), formIssue('time'))
  .transform((s) => (s === '' ? null : s));

export const personNameSchema = requiredText(200).refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), formIssue('controlChars'));

export const seriesFormSchema = z.object({
  slug,
  title: requiredText(300),
  description: multilineText(5000),
});

export const eventFormSchema = z
  .object({
    slug,
    title: requiredText(MAX.title),
    lang: choice(LANGUAGES, formIssue('oneOf', { options: LANGUAGES.join(', ') })),
    start_date: isoDate,
    end_date: isoDate,
    time_zone: z.string().trim().refine(TIME_ZONE.test, TIME_ZONE.issue),
    venue: optionalText(MAX.venue),
    address: optionalText(MAX.address),
    city: optionalText(MAX.city),
    country_code: z
      .string()
      .trim()
      .toUpperCase()
      .refine((s) => s === '' || COUNTRY_CODE.test(s), COUNTRY_CODE.issue)
      .transform((s) => (s === '' ? null : s)),
    overview: multilineText(MAX.overview),
    /** one theme per line in the form; a JSON list in the column */
    themes: z
      .string()
      .transform(normaliseLineEnds)
      .refine((s) => s.length <= 5000, maxIssue(5000))
      .transform((s) =>
        JSON.stringify(
          s
            .split('\n')
            .map((x) => x.trim())
            .filter((x) => x !== ''),
        ),
      ),
    contact_email: z
      .string()
      .trim()
      .refine((s) => s === '' || EMAIL.test(s), EMAIL.issue)
      .transform((s) => (s === '' ? null : s)),
  })
  .refine((e) => e.end_date >= e.start_date, formIssue('endDate', {}, ['end_date']));

export const dayFormSchema = z.object({
  date: isoDate,
  label: optionalText(200),
});

export const sessionFormSchema = z
  .object({
    kind: choice(SESSION_KINDS, formIssue('oneOf', { options: SESSION_KINDS.join(', ') })),
    number: z
      .string()
      .trim()
      .refine((s) => s === '' || /^\d{1,4}$/.test(s), formIssue('panelNumber'))
      .transform((s) => (s === '' ? null : Number(s))),
    title: optionalText(1000),
    start_time: time,
    end_time: time,
  })
  // Compared only when both are times: a start that is not one has its own message already.
  .refine((s) => !isTime(s.start_time) || !isTime(s.end_time) || s.end_time! > s.start_time!, formIssue('endTime', {}, ['end_time']));

export const appearanceFormSchema = z.object({
  role: choice(['moderator', 'speaker'], formIssue('role')),
  role_label: optionalText(100),
  honorific: optionalText(100),
  affiliation_position: optionalText(300),
  /** the organization's name as printed: found among those stored (same identity), else stored anew */
  organization: optionalText(300),
  country: optionalText(200),
  talk_title: optionalText(1000),
});


const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => s === '' || COUNTRY_CODE.test(s), COUNTRY_CODE.issue)
  .transform((s) => (s === '' ? null : s));

export const personFormSchema = z
  .object({
    name: personNameSchema,
    honorific: optionalText(100),
    ...genderShape,
  })
  .refine(termGiven, TERM_MISSING)
  .transform(keepTerm);

export const organizationFormSchema = z.object({
  name: requiredText(300),
  kind: choice(ORGANIZATION_KINDS, formIssue('oneOf', { options: ORGANIZATION_KINDS.join(', ') })),
  country_code: countryCode,
});

/** The columns each form edits, in the order the form and the conflict page show them. */
export const FORM_FIELDS = {
  series: ['slug', 'title', 'description'],
  event: ['slug', 'title', 'lang', 'start_date', 'end_date', 'time_zone', 'venue', 'address', 'city', 'country_code', 'overview', 'themes', 'contact_email'],
  day: ['date', 'label'],
  session: ['kind', 'number', 'title', 'start_time', 'end_time'],
  appearance: ['role', 'role_label', 'honorific', 'affiliation_position', 'organization', 'country', 'talk_title'],
  person: ['name', 'honorific', 'gender', 'gender_term'],
  organization: ['name', 'kind', 'country_code'],
} as const;
export type FormEntity = keyof typeof FORM_FIELDS;

export const FORM_SCHEMAS = {
  series: seriesFormSchema,
  event: eventFormSchema,
  day: dayFormSchema,
  session: sessionFormSchema,
  appearance: appearanceFormSchema,
  person: personFormSchema,
  organization: organizationFormSchema,
} as const;

/** Field → message: what a form shows next to each field. */
export type FieldErrors = Record<string, FieldMessage>;

/** The columns to store, or the errors by field. Fields absent from the form count as empty. */
export function parseForm<E extends FormEntity>(entity: E, input: Record<string, unknown>): { ok: true; values: z.output<(typeof FORM_SCHEMAS)[E]> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, string> = {};
  for (const f of FORM_FIELDS[entity]) raw[f] = typeof input[f] === 'string' ? (input[f] as string) : '';
  const r = FORM_SCHEMAS[entity].safeParse(raw);
  if (r.success) return { ok: true, values: r.data as z.output<(typeof FORM_SCHEMAS)[E]> };
  const errors: FieldErrors = {};
  for (const i of r.error.issues) {
    const field = String(i.path[0] ?? FORM_FIELDS[entity][0]);
    errors[field] ??= issueMessage(i);
  }
  return { ok: false, errors };
}

/** A stored column as its form field shows it (themes one per line). */
export function formValueOf(field: string, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (field === 'themes' && typeof v === 'string') {
    try {
      const list = JSON.parse(v) as unknown;
      if (Array.isArray(list)) return list.join('\n');
    } catch {
      // shown as stored
    }
  }
  return String(v);
}

/** Form values for a stored record. */
export const formValues = (entity: FormEntity, row: Record<string, string | number | null>): Record<string, string> => Object.fromEntries(FORM_FIELDS[entity].map((f) => [f, formValueOf(f, row[f])]));

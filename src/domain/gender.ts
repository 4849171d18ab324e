// A person's gender as recorded for the representation figures (issue 14). Pure.
//
// Recorded by an editor or given by the person through their speaker link; never guessed from
// a name. "not-known" is where every person starts; "declined" is a person's own choice not to
// say, counted as its own group; "another" keeps the person's own term as they gave it.
// It is personal data: the workspace shows it, the public sees only aggregated counts.
import { z } from 'zod';
import { choice, maxIssue } from './fields.ts';
import { formIssue } from './form-messages.ts';

export const GENDERS = ['female', 'male', 'another', 'not-known', 'declined'] as const;
export type Gender = (typeof GENDERS)[number];
export const DEFAULT_GENDER: Gender = 'not-known';
export const MAX_GENDER_TERM = 100;

export const genderSchema = choice(GENDERS, formIssue('oneOf', { options: GENDERS.join(', ') }));

/** The two form fields: the answer (empty is "not known") and the person's own term. */
export const genderShape = {
  gender: z
    .string()
    .trim()
    .transform((s) => (s === '' ? DEFAULT_GENDER : s))
    .pipe(genderSchema),
  gender_term: z
    .string()
    .trim()
    .refine((s) => s.length <= MAX_GENDER_TERM, maxIssue(MAX_GENDER_TERM))
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), formIssue('controlChars')),
};

/** "Another term" needs the term. */
export const termGiven = (g: { gender: Gender; gender_term: string }) => g.gender !== 'another' || g.gender_term !== '';
export const TERM_MISSING = formIssue('genderTerm', {}, ['gender_term']);

/** The term is kept only with "another": changing the answer clears it. */
export const keepTerm = <T extends { gender: Gender; gender_term: string }>(g: T): Omit<T, 'gender_term'> & { gender_term: string | null } => ({
  ...g,
  gender_term: g.gender === 'another' ? g.gender_term : null,
});

export const genderFieldsSchema = z.object(genderShape).refine(termGiven, TERM_MISSING).transform(keepTerm);

// A speaker's personal link: what state it is in, and what a speaker may propose. Pure.
//
// A link is *active* until it expires, is revoked by an editor, or is *used*: the speaker may
// upload several files and propose corrections through it, then presses "send to the
// organizers", after which it opens no more (a new link is made for anything else). Precedence
// when several hold: revoked, then used, then expired.
import { z } from 'zod';
import { appearanceFormSchema, personNameSchema } from './editing.ts';

export const LINK_STATES = ['active', 'expired', 'revoked', 'used'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export function linkState(link: { expires_at: string; revoked_at: string | null; used_at: string | null }, now: Date): LinkState {
  if (link.revoked_at !== null) return 'revoked';
  if (link.used_at !== null) return 'used';
  if (Date.parse(link.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

/** The kinds of material a speaker hands in. */
export const SPEAKER_MATERIAL_KINDS = ['statement', 'presentation'] as const;
export const SUBMISSION_KINDS = ['material', 'correction', 'gender'] as const;
/** What a speaker may answer about their gender (optional): 'declined' is "prefer not to say"; 'not-known' is nobody's answer. */
export const SPEAKER_GENDERS = ['female', 'male', 'another', 'declined'] as const;
export const SUBMISSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** The fields a speaker may correct: the person's name, and the appearance's honorific and affiliation as printed. */
export const CORRECTION_FIELDS = ['name', 'honorific', 'affiliation_position', 'organization', 'country'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];
export type Correction = Partial<Record<CorrectionField, string>>;

const shape = appearanceFormSchema.shape;
export const correctionSchema = z.object({
  name: personNameSchema,
  honorific: shape.honorific,
  affiliation_position: shape.affiliation_position,
  organization: shape.organization,
  country: shape.country,
});

/** The longest a link may run: a year. */
export const MAX_LINK_DAYS = 366;

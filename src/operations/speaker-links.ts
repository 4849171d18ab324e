// Speakers hand in their own statements: an editor makes a personal link for one appearance
// (shown once; only its SHA-256 is stored, like sign-in sessions and API tokens), the speaker
// uploads files and proposes corrections through it without an account, and an editor approves
// or rejects each submission.
//
// Links, their revocation and what speakers send are workspace data, not public content: they
// are written outside write() and never move the public cache generation (like sign-ins). An
// approval changes content, so it runs inside write(), through the operations the workspace
// forms use (materials' attachStoredFile, edit-record's saveFormWithin), logged under the
// approving editor with the audit entry's source naming the link ("speaker link 3").
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { formValues } from '../domain/editing.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { formMessage, issueMessage, noRecord } from '../domain/form-messages.ts';
import { LANGUAGES } from '../domain/language.ts';
import { type Correction, CORRECTION_FIELDS, correctionSchema, type LinkState, linkState, MAX_LINK_DAYS, SPEAKER_GENDERS, SPEAKER_MATERIAL_KINDS } from '../domain/speaker-link.ts';
import { genderFieldsSchema } from '../domain/gender.ts';
import { recordById } from '../storage/queries/editing.ts';
import { type LinkRow, linkByHash, linkById, speakerContext, submissionById } from '../storage/queries/speaker-links.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { type Actor, organizationName, saveFormWithin } from './edit-record.ts';
import { attachStoredFile, prepareUpload, storePrepared, type Upload, type UploadLimits } from './materials.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
/** The CSRF token of a link's forms: bound to the link's token, never stored, not derivable from the stored hash. */
export const linkCsrf = (token: string) => createHmac('sha256', token).update('plenary speaker link form').digest('base64url');
/** The audit entries' source for what came through a link. */
export const linkSource = (linkId: number) => `speaker link ${linkId}`;

/** A link that exists but opens no more: expired, revoked or used. */
export class LinkClosed extends Error {
  constructor(
    readonly state: Exclude<LinkState, 'active'>,
    readonly link: LinkRow,
  ) {
    super(`this speaker link is ${state}`);
  }
}

/** Makes a link for an appearance, valid until the end (UTC) of `expires` (YYYY-MM-DD); returns the token, shown once. */
export async function createSpeakerLink(storage: Storage, input: { appearanceId: number; expires: string; accountId: number }, now = new Date()): Promise<{ id: number; token: string; expiresAt: string }> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.expires.trim());
  const day = m ? new Date(`${m[0]}T23:59:59.999Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== m![0]) throw new InvalidInput({ field: 'expires', message: formMessage('linkExpiryDate') });
  if (day.getTime() <= now.getTime()) throw new InvalidInput({ field: 'expires', message: formMessage('linkExpiryPassed') });
  if (day.getTime() - now.getTime() > MAX_LINK_DAYS * 86_400_000) throw new InvalidInput({ field: 'expires', message: formMessage('linkExpiryMax', { days: MAX_LINK_DAYS }) });
  if (!(await recordById(storage.db, 'appearance', input.appearanceId))) throw new NotFound(noRecord('appearance', input.appearanceId));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = day.toISOString();
  const r = await storage.db
    .insertInto('speaker_link')
    .values({ appearance_id: input.appearanceId, token_hash: tokenHash(token), expires_at: expiresAt, created_by: input.accountId, created_at: now.toISOString(), revoked_at: null, used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(r.id), token, expiresAt };
}

export async function revokeSpeakerLink(storage: Storage, linkId: number, now = new Date()): Promise<LinkRow> {
  const link = await linkById(storage.db, linkId);
  if (!link) throw new NotFound(noRecord('speakerLink', linkId));
  if (link.revoked_at !== null) throw new Conflict(formMessage('linkRevokedAlready', { id: linkId }));
  await storage.db.updateTable('speaker_link').set({ revoked_at: now.toISOString() }).where('id', '=', linkId).where('revoked_at', 'is', null).execute();
  return link;
}

/** The active link a token opens; NotFound for a token nobody was given, LinkClosed for one that opens no more. */
export async function openLink(storage: Storage, token: string, now = new Date()): Promise<LinkRow> {
  const link = TOKEN.test(token) ? await linkByHash(storage.db, tokenHash(token)) : undefined;
  if (!link) throw new NotFound(formMessage('linkUnknown'));
  const state = linkState(link, now);
  if (state !== 'active') throw new LinkClosed(state, link);
  return link;
}

/** A statement or presentation sent through a link: checked like an editor's upload, stored under a new id, waiting for approval. */
export async function submitMaterial(
  storage: Storage,
  link: LinkRow,
  input: { kind: string; lang: string; label: string; upload: Upload },
  limits: UploadLimits,
  now = new Date(),
): Promise<number> {
  const kind = (SPEAKER_MATERIAL_KINDS as readonly string[]).includes(input.kind) ? input.kind : null;
  if (!kind) throw new InvalidInput({ field: 'kind', message: formMessage('speakerKind') });
  if (!(LANGUAGES as readonly string[]).includes(input.lang)) throw new InvalidInput({ field: 'lang', message: formMessage('oneOf', { options: LANGUAGES.join(', ') }) });
  const label = input.label.trim();
  if (label.length > 300) throw new InvalidInput({ field: 'label', message: formMessage('tooLong', { max: 300 }) });
  const prepared = await prepareUpload(input.upload, limits);
  const at = now.toISOString();
  return await storage.db.transaction().execute(async (trx) => {
    const fileId = await storePrepared(trx, prepared, at);
    const r = await trx
      .insertInto('speaker_submission')
      .values({ link_id: link.id, kind: 'material', payload: JSON.stringify({ kind, label }), file_id: fileId, lang: input.lang, status: 'pending', decided_by: null, decided_at: null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  });
}

/** The speaker's name and affiliation as the page now prints them, in the correction form's fields. */
export async function printedAs(storage: Storage, appearanceId: number): Promise<Record<(typeof CORRECTION_FIELDS)[number], string>> {
  const ctx = await speakerContext(storage.db, appearanceId);
  if (!ctx) throw new NotFound(formMessage('linkAppearanceGone'));
  return { name: ctx.name, honorific: ctx.honorific ?? '', affiliation_position: ctx.position ?? '', organization: ctx.organization ?? '', country: ctx.country ?? '' };
}

/** A proposed correction: the fields that differ from what is printed, kept with what they were. */
export async function proposeCorrection(storage: Storage, link: LinkRow, body: Record<string, string>, now = new Date()): Promise<number> {
  const was = await printedAs(storage, link.appearance_id);
  const parsed = correctionSchema.safeParse(Object.fromEntries(CORRECTION_FIELDS.map((f) => [f, body[f] ?? ''])));
  if (!parsed.success) throw new InvalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: issueMessage(i) })));
  const proposed: Correction = {};
  for (const f of CORRECTION_FIELDS) {
    const v = parsed.data[f] ?? '';
    if (v !== was[f]) proposed[f] = v;
  }
  if (Object.keys(proposed).length === 0) throw new InvalidInput({ field: 'correction', message: formMessage('nothingDiffers') });
  const r = await storage.db
    .insertInto('speaker_submission')
    .values({
      link_id: link.id,
      kind: 'correction',
      payload: JSON.stringify({ proposed, was: Object.fromEntries(Object.keys(proposed).map((f) => [f, was[f as keyof typeof was]])) }),
      file_id: null,
      lang: null,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/**
 * The speaker's own answer about their gender (optional; "prefer not to say" is 'declined', a
 * term of their own goes with 'another'). It waits for an editor like every submission, and an
 * approval records it on the person: the figures count it, no page shows it.
 */
export async function submitGender(storage: Storage, link: LinkRow, body: Record<string, string>, now = new Date()): Promise<number> {
  const gender = (body.gender ?? '').trim();
  if (!(SPEAKER_GENDERS as readonly string[]).includes(gender)) throw new InvalidInput({ field: 'gender', message: formMessage('speakerGender') });
  const parsed = genderFieldsSchema.safeParse({ gender, gender_term: body.gender_term ?? '' });
  if (!parsed.success) throw new InvalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: issueMessage(i) })));
  const r = await storage.db
    .insertInto('speaker_submission')
    .values({ link_id: link.id, kind: 'gender', payload: JSON.stringify(parsed.data), file_id: null, lang: null, status: 'pending', decided_by: null, decided_at: null, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** "Send to the organizers": the link is used and opens no more. */
export async function finaliseLink(storage: Storage, link: LinkRow, now = new Date()): Promise<void> {
  const r = await storage.db.updateTable('speaker_link').set({ used_at: now.toISOString() }).where('id', '=', link.id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Conflict(formMessage('linkUsed'));
}

/**
 * Approves a pending submission in one write: a material becomes a material of the appearance
 * in the working copy; a correction changes the appearance's affiliation as printed (and the
 * person's name) through the workspace's own save, over the record as it is now.
 */
export async function approveSubmission(storage: Storage, submissionId: number, accountId: number, now = new Date()): Promise<void> {
  await write(storage, async (trx) => {
    const x = await submissionById(trx, submissionId);
    if (!x) throw new NotFound(noRecord('submission', submissionId));
    const decided = await trx
      .updateTable('speaker_submission')
      .set({ status: 'approved', decided_by: accountId, decided_at: now.toISOString() })
      .where('id', '=', submissionId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new Conflict(alreadyDecided(submissionId, x.status));
    const link = (await linkById(trx, x.link_id))!;
    const actor: Actor = { accountId, source: linkSource(link.id) };
    const ctx = await speakerContext(trx, link.appearance_id);
    if (!ctx) throw new NotFound(formMessage('linkAppearanceGone'));
    const payload = JSON.parse(x.payload) as Record<string, unknown>;
    if (x.kind === 'material') {
      if (!x.file_id) throw new Conflict(formMessage('submissionFileGone', { id: submissionId }));
      const file = await trx.selectFrom('file').select('original_name').where('id', '=', x.file_id).executeTakeFirstOrThrow();
      const kind = payload.kind as 'statement' | 'presentation';
      const label = typeof payload.label === 'string' && payload.label !== '' ? payload.label : kind === 'statement' ? 'Statement' : 'Presentation';
      await attachStoredFile(trx, { eventId: ctx.eventId, appearanceId: ctx.appearanceId, fields: { kind, label, lang: x.lang as 'en' | 'fr' | 'es' }, fileId: x.file_id, fileName: file.original_name ?? 'file', actor }, now.toISOString());
      return;
    }
    if (x.kind === 'gender') {
      const p = (await recordById(trx, 'person', ctx.personId))!;
      await saveFormWithin(trx, actor, 'person', ctx.personId, Number(p.version), { ...formValues('person', p), gender: String(payload.gender ?? ''), gender_term: String(payload.gender_term ?? '') });
      return;
    }
    const proposed = (payload.proposed ?? {}) as Correction;
    const fields = Object.keys(proposed).filter((f) => f !== 'name');
    if (fields.length) {
      const a = (await recordById(trx, 'appearance', ctx.appearanceId))!;
      const body = { ...formValues('appearance', a), organization: (await organizationName(trx, a.organization_id)) ?? '', ...Object.fromEntries(fields.map((f) => [f, proposed[f as keyof Correction] ?? ''])) };
      await saveFormWithin(trx, actor, 'appearance', ctx.appearanceId, Number(a.version), body);
    }
    if (proposed.name !== undefined) {
      const p = (await recordById(trx, 'person', ctx.personId))!;
      await saveFormWithin(trx, actor, 'person', ctx.personId, Number(p.version), { ...formValues('person', p), name: proposed.name });
    }
  });
}

/** A submission decided meanwhile (another tab, another editor). */
const alreadyDecided = (id: number, status: string) =>
  status === 'approved' ? formMessage('submissionApproved', { id }) : status === 'rejected' ? formMessage('submissionRejected', { id }) : formMessage('submissionDecided', { id, status });

/** Rejects a pending submission; it is kept, shown as rejected (its file stays private). */
export async function rejectSubmission(storage: Storage, submissionId: number, accountId: number, now = new Date()): Promise<void> {
  const x = await submissionById(storage.db, submissionId);
  if (!x) throw new NotFound(noRecord('submission', submissionId));
  const r = await storage.db
    .updateTable('speaker_submission')
    .set({ status: 'rejected', decided_by: accountId, decided_at: now.toISOString() })
    .where('id', '=', submissionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Conflict(alreadyDecided(submissionId, x.status));
}

// Import in the browser: an agenda file uploaded in the workspace is read by the same reader as
// `plenary import` (importer/read-input.ts), kept as a draft in the database (import_draft, so
// that any instance behind the load balancer can show and confirm it), corrected by the editor in
// plain forms, and confirmed through importAgenda: the same code path, hand-edit rules and audit
// `import` entry as the command line. A new event made this way is a draft; an existing one keeps
// its status. Drafts expire after a day and are then deleted.
import { createHash, randomBytes } from 'node:crypto';
import { type Agenda, type AgendaPerson, type AgendaSession, type AgendaWarning, agendaSchema, agendaWarningSchema, SESSION_KINDS, type SessionKind } from '../domain/agenda.ts';
import { findCountry } from '../domain/country.ts';
import { Conflict, InvalidInput, NotFound, type Reason } from '../domain/errors.ts';
import { formMessage, issueMessage } from '../domain/form-messages.ts';
import type { FieldErrors } from '../domain/editing.ts';
import { ISO_DATE, MAX, maxMessage, SLUG, TIME_ZONE } from '../domain/fields.ts';
import { isLanguage, type Language } from '../domain/language.ts';
import { OrganizationLikeness, PersonLikeness } from '../domain/likeness.ts';
import { normaliseName } from '../domain/names.ts';
import { organizationIdentity } from '../domain/organization.ts';
import { detectFormat } from '../importer/detect.ts';
import { readAgenda } from '../importer/read-input.ts';
import { z } from 'zod';
import {
  deleteExpiredImportDrafts,
  deleteImportDraft,
  eventSlugOwner,
  importDraftById,
  type ImportDraftRow,
  insertImportDraft,
  updateImportDraft,
} from '../storage/queries/import-drafts.ts';
import { nameOf } from '../storage/queries/import-drafts.ts';
import { organizationAliasNames, organizationsByAliasKeys, personAliasNames, personCandidatesByKeys } from '../storage/queries/identities.ts';
import { chooseByName, type MatchReason, organizationLikenessReason, type PersonCandidate, personLikenessReason } from '../domain/identity.ts';
import type { Storage } from '../storage/storage.ts';
import { importAgenda, type ImportReport } from './import-agenda.ts';

/** How long an uploaded agenda waits for its confirmation. */
export const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The event a draft goes into: a new one (its slug, title, zone) or an existing one (its slug). */
export type DraftTarget = { slug: string; title: string | null; timeZone: string | null; startDate: string | null; lang: Language };

const draftTargetSchema = z.object({
  slug: z.string(),
  title: z.string().nullable(),
  timeZone: z.string().nullable(),
  startDate: z.string().nullable(),
  lang: z.enum(['en', 'fr', 'es']),
});

export type ImportDraft = {
  id: string;
  accountId: number;
  seriesId: number;
  /** null: confirming makes a new event */
  eventId: number | null;
  sourceName: string;
  format: string;
  target: DraftTarget;
  agenda: Agenda;
  warnings: AgendaWarning[];
  createdAt: string;
  expiresAt: string;
  /** the agenda and target JSON as stored, for the compare-and-set of a correction */
  stored: { agenda: string; target: string };
};

type Clock = () => Date;
const systemClock: Clock = () => new Date();

function fromRow(r: ImportDraftRow): ImportDraft {
  return {
    id: r.id,
    accountId: r.account_id,
    seriesId: r.series_id,
    eventId: r.event_id,
    sourceName: r.source_name,
    format: r.format,
    target: draftTargetSchema.parse(JSON.parse(r.target)),
    agenda: agendaSchema.parse(JSON.parse(r.agenda)),
    warnings: z.array(agendaWarningSchema).parse(JSON.parse(r.warnings)),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    stored: { agenda: r.agenda, target: r.target },
  };
}

/** A fingerprint of the reading as shown: a form made from an older one is not applied over a newer. */
export function draftDigest(d: Pick<ImportDraft, 'agenda' | 'target'>): string {
  return createHash('sha256').update(JSON.stringify([d.agenda, d.target])).digest('hex').slice(0, 16);
}

/** The fields of a new event's target, checked with the workspace's own rules; errors by field. */
function checkTarget(t: DraftTarget, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (isNew) {
    if (!SLUG.test(t.slug)) errors['event.slug'] = SLUG.message;
    if (t.title !== null && t.title.length > MAX.title) errors['event.title'] = maxMessage(MAX.title);
    if (t.timeZone === null) errors['event.timeZone'] = formMessage('importTimeZone');
    else if (!TIME_ZONE.test(t.timeZone)) errors['event.timeZone'] = TIME_ZONE.message;
  }
  if (t.startDate !== null && !ISO_DATE.test(t.startDate)) errors['event.startDate'] = ISO_DATE.message;
  return errors;
}

const blank = (s: string | undefined): string | null => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};

/** The event fields of the upload form for a new event, as typed. */
export function newEventTarget(form: Record<string, string>): DraftTarget {
  const lang = form['event.lang'] ?? 'en';
  return {
    slug: (form['event.slug'] ?? '').trim(),
    title: blank(form['event.title']),
    timeZone: blank(form['event.timeZone']),
    startDate: blank(form['event.startDate']),
    lang: isLanguage(lang) ? lang : 'en',
  };
}

/** A refusal of the upload form: the message, and the field it concerns. */
export class UploadRefused extends InvalidInput {
  constructor(
    reason: Reason,
    readonly field: string,
  ) {
    super(reason);
  }
}

/**
 * Reads an uploaded agenda and keeps the reading as a draft; its id. Nothing of the event is
 * stored. A file that holds no agenda, or a new event's fields that an import would refuse, are
 * refused now with the reader's or the field's message.
 */
export async function createImportDraft(
  storage: Storage,
  input: { accountId: number; seriesId: number; eventId: number | null; target: DraftTarget; upload: { name: string; bytes: Uint8Array } },
  clock: Clock = systemClock,
): Promise<string> {
  const db = storage.db;
  const isNew = input.eventId === null;
  const errors = checkTarget(input.target, isNew);
  const first = Object.entries(errors)[0];
  if (first) throw new UploadRefused({ field: first[0].slice('event.'.length), message: first[1] }, first[0]);
  if (isNew) {
    const owner = await eventSlugOwner(db, input.target.slug);
    if (owner) throw new UploadRefused({ field: 'slug', message: formMessage('importSlugExists', { slug: input.target.slug }) }, 'event.slug');
  }
  const name = input.upload.name.trim() || 'the file';
  let agenda: Agenda;
  try {
    // The same reader as `plenary import`: the format from the content, never the name.
    agenda = await readAgenda(input.upload.bytes, name);
  } catch (e) {
    if (e instanceof InvalidInput) throw new UploadRefused(e.refusals, 'file');
    throw e;
  }
  if (agenda.days.length === 0 || agenda.days.every((d) => d.sessions.length === 0)) {
    throw new UploadRefused(formMessage('importNoAgenda', { name }), 'file');
  }
  const now = clock();
  const id = randomBytes(18).toString('base64url');
  const { warnings, ...rest } = agenda;
  await deleteExpiredImportDrafts(db, now.toISOString());
  await insertImportDraft(db, {
    id,
    account_id: input.accountId,
    series_id: input.seriesId,
    event_id: input.eventId,
    source_name: name.slice(0, 300),
    format: detectFormat(input.upload.bytes),
    target: JSON.stringify(input.target),
    agenda: JSON.stringify({ ...rest, warnings: [] }),
    warnings: JSON.stringify(warnings),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + DRAFT_LIFETIME_MS).toISOString(),
  });
  return id;
}

/** The draft, or NotFound that says it expired or was confirmed or discarded. */
export async function loadImportDraft(storage: Storage, id: string, clock: Clock = systemClock): Promise<ImportDraft> {
  const row = await importDraftById(storage.db, id, clock().toISOString());
  if (!row) throw new NotFound(formMessage('draftGone'));
  return fromRow(row);
}

/** A stored record; `reasons` why it may be the one a name means (a doubtful match), `organizations` those of its appearances. */
export type Identity = { id: number; slug: string; name: string; reasons?: MatchReason[]; organizations?: string[] };
/** A distinct person or organization the reading names: stored already, or to be made (perhaps someone stored under another name). */
export type NamedInDraft = { key: string; name: string; existing: Identity | null; similar: Identity[] };

export type DraftPreview = { persons: NamedInDraft[]; organizations: NamedInDraft[] };

const everyone = (a: Agenda): AgendaPerson[] => a.days.flatMap((d) => d.sessions.flatMap((s) => [...s.moderators, ...s.speakers]));

/**
 * Whom the confirmation would find and whom it would make, by the rules importAgenda applies: the
 * normalised name of a person, the identity of an organization; a new one like a stored one
 * (domain/likeness.ts) is the import's doubtful match, offered to the editor as a choice.
 */
export async function previewImportDraft(storage: Storage, draft: ImportDraft): Promise<DraftPreview> {
  const db = storage.db;
  const people = everyone(draft.agenda);
  const personKeys = new Map<string, string>();
  for (const p of people) if (!personKeys.has(normaliseName(p.name))) personKeys.set(normaliseName(p.name), p.name);
  const orgKeys = new Map<string, string>();
  for (const p of people) {
    if (!p.organization) continue;
    const k = organizationIdentity(p.organization, p.countryCode).key;
    if (!orgKeys.has(k)) orgKeys.set(k, p.organization);
  }
  const storedPersons = await personCandidatesByKeys(db, [...personKeys.keys()], draft.eventId ?? undefined);
  // The organization printed beside each name's first appearance, by its stored id when there is one.
  const printedFor = new Map<string, AgendaPerson>();
  for (const p of people) if (!printedFor.has(normaliseName(p.name))) printedFor.set(normaliseName(p.name), p);
  const orgIds = await organizationsByAliasKeys(db, [...orgKeys.keys()]);

  const persons: NamedInDraft[] = [];
  let personLikeness: PersonLikeness<{ id: number; name: string; slug: string; nameKey: string }> | undefined;
  const asIdentity = (c: PersonCandidate, reasons: MatchReason[]): Identity => ({ id: c.id, slug: c.slug, name: c.name, reasons, organizations: c.organizationNames });
  for (const [key, name] of personKeys) {
    const candidates = storedPersons.get(key) ?? [];
    let existing: Identity | null = null;
    let similar: Identity[] = [];
    if (candidates.length === 1) existing = asIdentity(candidates[0]!, ['same-name']);
    else if (candidates.length > 1) {
      // A name several stored persons share: the import's own choice, and the others to choose from.
      const p = printedFor.get(key)!;
      const orgKey = p.organization ? organizationIdentity(p.organization, p.countryCode).key : null;
      const decision = chooseByName(candidates, { organizationId: orgKey ? (orgIds.get(orgKey)?.[0]?.id ?? null) : null, organizationName: p.organization, countryCode: p.countryCode });
      const reasonsOf = (c: PersonCandidate) => decision.doubtful.find((d) => d.candidate.id === c.id)?.reasons ?? ['same-name'];
      existing = decision.take ? asIdentity(decision.take, reasonsOf(decision.take)) : null;
      similar = candidates.filter((c) => c !== decision.take).map((c) => asIdentity(c, reasonsOf(c)));
    } else {
      if (!personLikeness) {
        personLikeness = new PersonLikeness();
        for (const o of await personAliasNames(db)) personLikeness.add(o);
      }
      const like = new Map<number, Identity>();
      for (const o of personLikeness.similarTo(key)) if (!like.has(o.id)) like.set(o.id, { id: o.id, slug: o.slug, name: (await nameOf(db, 'person', o.id)) ?? o.name, reasons: [personLikenessReason(key, o.nameKey) ?? 'name-parts'] });
      similar = [...like.values()];
    }
    persons.push({ key, name, existing, similar });
  }

  const organizations: NamedInDraft[] = [];
  let orgLikeness: OrganizationLikeness<{ id: number; name: string; slug: string }> | undefined;
  const orgNames = new Map<number, string>();
  for (const [key, name] of orgKeys) {
    // Found by any of its names (aliases), the first stored when several share one, as the import does.
    const found = orgIds.get(key)?.[0];
    const existing: Identity | null = found ? { id: found.id, slug: found.slug, name: found.name } : null;
    let similar: Identity[] = [];
    if (!existing) {
      if (!orgLikeness) {
        orgLikeness = new OrganizationLikeness();
        for (const o of await organizationAliasNames(db)) {
          orgLikeness.add(o);
          if (!orgNames.has(o.id)) orgNames.set(o.id, o.name);
        }
      }
      const like = new Map<number, Identity>();
      for (const o of orgLikeness.similarTo(name)) {
        if (!like.has(o.id)) like.set(o.id, { id: o.id, slug: o.slug, name: orgNames.get(o.id) ?? o.name, reasons: [organizationLikenessReason(name, o.name)] });
      }
      similar = [...like.values()];
    }
    organizations.push({ key, name, existing, similar });
  }
  return { persons, organizations };
}

/** Field names of the correction form, shared with the page that renders it. */
export const fieldName = {
  day: (d: number, f: 'date' | 'label') => `d${d}.${f}`,
  session: (d: number, s: number, f: 'title' | 'kind' | 'start' | 'end' | 'remove') => `s${d}.${s}.${f}`,
  person: (d: number, s: number, role: 'moderator' | 'speaker', i: number, f: 'name' | 'honorific' | 'role' | 'roleLabel' | 'position' | 'organization' | 'country' | 'remove') =>
    `p${d}.${s}.${role === 'moderator' ? 'm' : 's'}${i}.${f}`,
  samePerson: (key: string) => `same-person.${key}`,
  sameOrganization: (key: string) => `same-org.${key}`,
};

/** "9:30", "09.30", "9h30" → "09:30"; null when it is no time of day. */
function parseTime(raw: string): string | null {
  const m = /^(\d{1,2})\s*[:.hH]\s*(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const TIME_MESSAGE = formMessage('importTime');
const MAX_NAME = 300;

/**
 * The reading with the form's corrections applied, or the errors by field (nothing applied).
 * Fields the form does not carry keep their value; a ticked "remove" drops the session or the
 * person; a person's role moves them between moderators and speakers; a doubtful match answered
 * "the same as …" gives every appearance of that name the stored name, so the import finds them.
 */
export function applyCorrections(
  draft: Pick<ImportDraft, 'agenda' | 'target' | 'eventId'>,
  form: Record<string, string>,
  chosen: { persons: Map<string, number | 'new'>; organizations: Map<string, string> },
): { agenda: Agenda; target: DraftTarget; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const has = (k: string) => Object.hasOwn(form, k);
  const text = (k: string, current: string | null, max = MAX_NAME): string | null => {
    if (!has(k)) return current;
    const v = blank(form[k]);
    if (v !== null && v.length > max) errors[k] = maxMessage(max);
    return v;
  };
  // An existing event's slug, zone and language are its own; a new one's are in the form.
  const typed = draft.eventId === null ? newEventTarget({ 'event.lang': draft.target.lang, ...form }) : draft.target;
  const target: DraftTarget = {
    slug: has('event.slug') && draft.eventId === null ? typed.slug : draft.target.slug,
    title: has('event.title') && draft.eventId === null ? typed.title : draft.target.title,
    timeZone: has('event.timeZone') && draft.eventId === null ? typed.timeZone : draft.target.timeZone,
    lang: has('event.lang') && draft.eventId === null ? typed.lang : draft.target.lang,
    startDate: has('event.startDate') ? blank(form['event.startDate']) : draft.target.startDate,
  };
  Object.assign(errors, checkTarget(target, draft.eventId === null));

  const days = draft.agenda.days.map((day, d) => {
    const dateKey = fieldName.day(d, 'date');
    let date = day.date;
    if (has(dateKey)) {
      date = blank(form[dateKey]);
      if (date !== null && !ISO_DATE.test(date)) errors[dateKey] = ISO_DATE.message;
    }
    const label = text(fieldName.day(d, 'label'), day.label);
    const sessions: AgendaSession[] = [];
    for (const [s, session] of day.sessions.entries()) {
      if (form[fieldName.session(d, s, 'remove')] === '1') continue;
      const title = text(fieldName.session(d, s, 'title'), session.title, MAX.title);
      const kindKey = fieldName.session(d, s, 'kind');
      let kind: SessionKind = session.kind;
      if (has(kindKey)) {
        if ((SESSION_KINDS as readonly string[]).includes(form[kindKey]!)) kind = form[kindKey] as SessionKind;
        else errors[kindKey] = formMessage('oneOf', { options: SESSION_KINDS.join(', ') });
      }
      const time = (f: 'start' | 'end', current: string | null) => {
        const k = fieldName.session(d, s, f);
        if (!has(k)) return current;
        const raw = blank(form[k]);
        if (raw === null) return null;
        const t = parseTime(raw);
        if (t === null) errors[k] = TIME_MESSAGE;
        return t;
      };
      const start = time('start', session.start);
      const end = time('end', session.end);
      const moderators: AgendaPerson[] = [];
      const speakers: AgendaPerson[] = [];
      for (const role of ['moderator', 'speaker'] as const) {
        for (const [i, p] of (role === 'moderator' ? session.moderators : session.speakers).entries()) {
          const f = (x: Parameters<typeof fieldName.person>[4]) => fieldName.person(d, s, role, i, x);
          if (form[f('remove')] === '1') continue;
          const name = text(f('name'), p.name);
          if (name === null) errors[f('name')] = formMessage('importName');
          const country = text(f('country'), p.country);
          // A country typed anew gets its ISO code when it is one we know; one left as read keeps the reader's.
          const countryCode = country === p.country ? p.countryCode : country === null ? null : (findCountry(country)?.code ?? null);
          const roleKey = f('role');
          let newRole: 'moderator' | 'speaker' = role;
          if (has(roleKey)) {
            if (form[roleKey] === 'moderator' || form[roleKey] === 'speaker') newRole = form[roleKey];
            else errors[roleKey] = formMessage('role');
          }
          const corrected: AgendaPerson = {
            ...p,
            name: name ?? p.name,
            honorific: text(f('honorific'), p.honorific),
            roleLabel: text(f('roleLabel'), p.roleLabel ?? null),
            position: text(f('position'), p.position, 1000),
            organization: text(f('organization'), p.organization),
            country,
            countryCode,
          };
          // A stored person chosen for the name read is theirs only while the name stays theirs: a name
          // retyped is matched afresh (and offered as a choice again when doubtful), not made an alias of the old choice.
          if (normaliseName(corrected.name) !== normaliseName(p.name)) delete corrected.personChoice;
          (newRole === 'moderator' ? moderators : speakers).push(corrected);
        }
      }
      sessions.push({ ...session, title, kind, start, end, moderators, speakers });
    }
    return { ...day, date, label, sessions };
  });

  // Doubtful matches answered: the stored name, so that the import finds the stored person.
  const rename = (p: AgendaPerson): AgendaPerson => {
    const person = chosen.persons.get(normaliseName(p.name));
    const org = p.organization ? chosen.organizations.get(organizationIdentity(p.organization, p.countryCode).key) : undefined;
    return { ...p, ...(person !== undefined ? { personChoice: person } : {}), ...(org ? { organization: org } : {}) };
  };
  const agenda: Agenda = {
    ...draft.agenda,
    days: days
      .map((day) => ({ ...day, sessions: day.sessions.map((s) => ({ ...s, moderators: s.moderators.map(rename), speakers: s.speakers.map(rename) })) }))
      // A day whose every session was removed goes too; one read without sessions stays, as the command line would store it.
      .filter((day, d) => day.sessions.length > 0 || draft.agenda.days[d]!.sessions.length === 0),
  };
  if (agenda.days.every((d) => d.sessions.length === 0)) errors['agenda'] = formMessage('importNothingLeft');
  const checked = agendaSchema.safeParse(agenda);
  if (!checked.success && Object.keys(errors).length === 0) errors['agenda'] = formMessage('agendaIssues', { issues: checked.error.issues.map((i) => formMessage('at', { where: i.path.join('.'), message: issueMessage(i) })) });
  return { agenda: checked.success ? checked.data : agenda, target, errors };
}

/** The doubtful matches the form answered "the same as …": stored names by the key of the name read. */
async function chosenMatches(storage: Storage, draft: ImportDraft, form: Record<string, string>): Promise<{ persons: Map<string, number | 'new'>; organizations: Map<string, string> }> {
  const preview = await previewImportDraft(storage, draft);
  const pick = (list: NamedInDraft[], field: (k: string) => string) => {
    const out = new Map<string, string>();
    for (const n of list) {
      const v = form[field(n.key)];
      const match = v && v !== 'new' ? n.similar.find((s) => s.slug === v) : undefined;
      if (match) out.set(n.key, match.name);
    }
    return out;
  };
  // A person answered is taken by id (a name several share cannot tell them apart), or made anew.
  const persons = new Map<string, number | 'new'>();
  for (const n of preview.persons) {
    if (!n.similar.length) continue;
    const v = form[fieldName.samePerson(n.key)];
    if (v === 'new') persons.set(n.key, 'new');
    else {
      const match = [...(n.existing ? [n.existing] : []), ...n.similar].find((s) => s.slug === v);
      if (match) persons.set(n.key, match.id);
    }
  }
  return { persons, organizations: pick(preview.organizations, fieldName.sameOrganization) };
}

export type CorrectionResult = { ok: true; draft: ImportDraft } | { ok: false; draft: ImportDraft; errors: FieldErrors };

/** Applies the correction form to the draft and keeps it; with errors, keeps nothing and says which fields. */
export async function correctImportDraft(storage: Storage, id: string, form: Record<string, string>, clock: Clock = systemClock): Promise<CorrectionResult> {
  const draft = await loadImportDraft(storage, id, clock);
  if (form['digest'] !== undefined && form['digest'] !== draftDigest(draft)) {
    throw new Conflict(formMessage('draftCorrectedElsewhere'));
  }
  const r = applyCorrections(draft, form, await chosenMatches(storage, draft, form));
  if (Object.keys(r.errors).length) return { ok: false, draft, errors: r.errors };
  // Only over the reading this form was made from: of two forms sent at once, the second finds it changed.
  const stored = await updateImportDraft(storage.db, id, draft.stored, { agenda: JSON.stringify(r.agenda), target: JSON.stringify(r.target) });
  if (!stored) throw new Conflict(formMessage('draftCorrectedElsewhere'));
  return { ok: true, draft: { ...draft, agenda: r.agenda, target: r.target, stored: { agenda: JSON.stringify(r.agenda), target: JSON.stringify(r.target) } } };
}

/**
 * Stores the draft's reading through importAgenda, exactly as `plenary import` would store it,
 * and deletes the draft. A new event is made as a draft; an existing event keeps its status. The
 * audit log's `import` entry names the editor who confirmed it.
 */
export async function confirmImportDraft(storage: Storage, id: string, accountId: number, clock: Clock = systemClock): Promise<{ eventId: number; report: ImportReport }> {
  const draft = await loadImportDraft(storage, id, clock);
  const db = storage.db;
  const series = await db.selectFrom('series').select(['slug']).where('id', '=', draft.seriesId).executeTakeFirst();
  if (!series) throw new NotFound(formMessage('draftSeriesGone'));
  let slug = draft.target.slug;
  let lang: Language = draft.target.lang;
  if (draft.eventId !== null) {
    const event = await db.selectFrom('event').select(['slug', 'lang', 'series_id']).where('id', '=', draft.eventId).executeTakeFirst();
    if (!event || event.series_id !== draft.seriesId) throw new NotFound(formMessage('draftEventGone'));
    slug = event.slug;
    lang = isLanguage(event.lang) ? event.lang : lang;
  } else {
    const owner = await eventSlugOwner(db, slug);
    if (owner) throw new InvalidInput(formMessage('draftSlugTaken', { slug }));
  }
  const t = draft.target;
  const report = await importAgenda(storage, { ...draft.agenda, warnings: draft.warnings }, {
    series: { slug: series.slug },
    event: {
      slug,
      lang,
      ...(draft.eventId === null ? { status: 'draft' as const, ...(t.title ? { title: t.title } : {}), ...(t.timeZone ? { timeZone: t.timeZone } : {}) } : {}),
      ...(t.startDate ? { startDate: t.startDate } : {}),
    },
  }, { accountId });
  await deleteImportDraft(db, id);
  const event = await db.selectFrom('event').select('id').where('slug', '=', report.event.slug).executeTakeFirstOrThrow();
  return { eventId: event.id, report };
}

/** Drops the draft unconfirmed. */
export async function discardImportDraft(storage: Storage, id: string): Promise<void> {
  await deleteImportDraft(storage.db, id);
}

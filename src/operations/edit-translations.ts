// Translations of an event's texts into one language (issue 13): the event's title, overview and
// each theme, each session's title and each document's label, entered on one workspace form; and
// of a series' texts (its title and description) on a form of its own.
// Each record's `translations` column is saved through changeRecord, so a save is checked
// against the version the form was made from (409 when someone changed the translations since),
// logged in the audit log, reverted from it, published with the event and frozen in its release.
import type { Values } from '../domain/audit.ts';
import { InvalidInput, NotFound } from '../domain/errors.ts';
import { MAX } from '../domain/fields.ts';
import { isLanguage } from '../domain/language.ts';
import { normaliseLineEnds } from '../domain/text.ts';
import { parseTranslations, serializeTranslations, textsIn, themeField, type TranslatedEntity, withLanguage } from '../domain/translations.ts';
import type { DbOrTx, Tx } from '../storage/database.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { type Actor, changeRecord, FormInvalid } from './edit-record.ts';
import type { FieldErrors } from '../domain/editing.ts';
import { formMessage, noRecord } from '../domain/form-messages.ts';

/** One text to translate: the form field's name, what it translates, and the stored translation. */
export type TranslationItem = {
  /** the form field: `event.title`, `event.theme.2`, `session.14.title`, `material.3.label` */
  name: string;
  entity: TranslatedEntity;
  id: number;
  /** the column's field (`theme:` + original for a theme) */
  field: string;
  original: string;
  originalLang: string;
  /** the text stored in the form's language, '' when none */
  stored: string;
  max: number;
  multiline: boolean;
};

/** A record the form saves, with the version the form was made from. */
export type TranslatedRecord = { entity: TranslatedEntity; id: number; version: number; lang: string; translations: string; heading: string };

/**
 * One form: what it translates (an event with its sessions and documents, or a series), where it
 * lives in the workspace (`path`, the form's address; `back`, the record's own page), the owner's
 * title and language, and its records and texts.
 */
export type TranslationForm = {
  scope: 'event' | 'series';
  ownerId: number;
  path: string;
  back: string;
  lang: string;
  ownerTitle: string;
  ownerLang: string;
  records: TranslatedRecord[];
  items: TranslationItem[];
};

const versionName = (r: { entity: string; id: number }) => `version.${r.entity}.${r.id}`;
export { versionName };

/** Everything of an event (working copy) that can be translated into `lang`. */
export async function translationForm(db: DbOrTx, eventId: number, lang: string): Promise<TranslationForm> {
  if (!isLanguage(lang)) throw new NotFound(formMessage('notContentLanguage', { lang }));
  const event = await db.selectFrom('event').select(['id', 'title', 'lang', 'overview', 'themes', 'translations', 'version']).where('id', '=', eventId).executeTakeFirst();
  if (!event) throw new NotFound(noRecord('event', eventId));
  const sessions = await db
    .selectFrom('session as s')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .select(['s.id', 's.title', 's.lang', 's.translations', 's.version', 's.start_time', 'd.date'])
    .where('s.event_id', '=', eventId)
    .where('s.title', 'is not', null)
    .orderBy('d.position')
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
  // Documents: originals only (a language version shows its document's label).
  const materials = await db
    .selectFrom('material')
    .select(['id', 'label', 'lang', 'translations', 'version'])
    .where('event_id', '=', eventId)
    .where('original_id', 'is', null)
    .orderBy('appearance_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const { records, items, add } = collector(lang);
  const themes = JSON.parse(event.themes) as string[];
  add('event', event, event.title, [
    { name: 'event.title', field: 'title', original: event.title, max: MAX.title },
    { name: 'event.overview', field: 'overview', original: event.overview, max: MAX.overview, multiline: true },
    ...themes.map((x, i) => ({ name: `event.theme.${i}`, field: themeField(x), original: x, max: 1000 })),
  ]);
  for (const s of sessions) add('session', s, `${s.date} ${s.start_time ?? ''}`.trim(), [{ name: `session.${s.id}.title`, field: 'title', original: s.title, max: 1000 }]);
  for (const m of materials) add('material', m, m.label, [{ name: `material.${m.id}.label`, field: 'label', original: m.label, max: 300 }]);
  return { scope: 'event', ownerId: eventId, path: `/admin/events/${eventId}/translations/${lang}`, back: `/admin/events/${eventId}`, lang, ownerTitle: event.title, ownerLang: event.lang, records, items };
}

type FieldSpec = { name: string; field: string; original: string | null; max: number; multiline?: boolean };

/** The records and texts of a form, gathered record by record. */
function collector(lang: string) {
  const records: TranslatedRecord[] = [];
  const items: TranslationItem[] = [];
  const add = (entity: TranslatedEntity, row: { id: number; lang: string; translations: string; version: number }, heading: string, fields: FieldSpec[]) => {
    // A record written in this language has nothing to translate into it.
    if (row.lang === lang) return;
    const stored = textsIn(parseTranslations(row.translations), lang);
    const present = fields.filter((f) => f.original);
    if (!present.length) return;
    records.push({ entity, id: row.id, version: row.version, lang: row.lang, translations: row.translations, heading });
    for (const f of present) items.push({ name: f.name, entity, id: row.id, field: f.field, original: f.original!, originalLang: row.lang, stored: stored[f.field] ?? '', max: f.max, multiline: f.multiline ?? false });
  };
  return { records, items, add };
}

/** A series' texts (its title and description: TRANSLATED_FIELDS.series) that can be translated into `lang`. */
export async function seriesTranslationForm(db: DbOrTx, seriesId: number, lang: string): Promise<TranslationForm> {
  if (!isLanguage(lang)) throw new NotFound(formMessage('notContentLanguage', { lang }));
  const series = await db.selectFrom('series').select(['id', 'slug', 'title', 'lang', 'description', 'translations', 'version']).where('id', '=', seriesId).executeTakeFirst();
  if (!series) throw new NotFound(noRecord('series', seriesId));
  const { records, items, add } = collector(lang);
  add('series', series, series.title, [
    { name: 'series.title', field: 'title', original: series.title, max: MAX.title },
    { name: 'series.description', field: 'description', original: series.description, max: MAX.description, multiline: true },
  ]);
  return { scope: 'series', ownerId: seriesId, path: `/admin/series/${series.slug}/translations/${lang}`, back: `/admin/series/${series.slug}/edit`, lang, ownerTitle: series.title, ownerLang: series.lang, records, items };
}

/**
 * The form's typed texts, by field name (kept to show again). A browser sends a text area's line
 * ends as CR LF: they are stored as LF, as the API and the importer store them, so that the pages'
 * paragraphs (split at blank lines) read the same whichever way a text came.
 */
export function typedTexts(form: TranslationForm, body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(form.items.map((i) => [i.name, typeof body[i.name] === 'string' ? normaliseLineEnds(body[i.name] as string) : '']));
}

/** The texts as they would be stored, or the errors by field name. */
function check(form: TranslationForm, typed: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of form.items) {
    const v = typed[i.name]!.trim();
    if (v.length > i.max) errors[i.name] = formMessage('tooLong', { max: i.max });
    // eslint-disable-next-line no-control-regex
    else if ((i.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(v)) errors[i.name] = formMessage('controlChars');
  }
  return errors;
}

/**
 * Saves the texts of one language over the records of an event, each at the version its form
 * was made from; only records whose translations change are written (and logged). Returns how
 * many records changed. One write: a conflict on any record saves nothing.
 */
export async function saveTranslations(storage: Storage, actor: Actor, eventId: number, lang: string, body: Record<string, unknown>): Promise<number> {
  return await saveForm(storage, actor, (trx) => translationForm(trx, eventId, lang), body);
}

/** The same for a series' title and description. */
export async function saveSeriesTranslations(storage: Storage, actor: Actor, seriesId: number, lang: string, body: Record<string, unknown>): Promise<number> {
  return await saveForm(storage, actor, (trx) => seriesTranslationForm(trx, seriesId, lang), body);
}

async function saveForm(storage: Storage, actor: Actor, load: (trx: Tx) => Promise<TranslationForm>, body: Record<string, unknown>): Promise<number> {
  return await write(storage, async (trx: Tx) => {
    const form = await load(trx);
    const lang = form.lang;
    const typed = typedTexts(form, body);
    const errors = check(form, typed);
    if (Object.keys(errors).length) throw new FormInvalid(errors, typed);
    let changed = 0;
    for (const r of form.records) {
      const raw = body[versionName(r)];
      const version = typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(version)) throw new InvalidInput({ field: versionName(r), message: formMessage('versionMissing') });
      const texts = Object.fromEntries(form.items.filter((i) => i.entity === r.entity && i.id === r.id).map((i) => [i.field, typed[i.name]!.trim() || null]));
      const current = parseTranslations(r.translations);
      // A theme no longer among the event's themes loses its translations with this save.
      const kept = r.entity === 'event' ? Object.fromEntries(Object.entries(current).filter(([f]) => !f.startsWith('theme:') || f in texts)) : current;
      const next = serializeTranslations(withLanguage(kept, lang, texts));
      // Built over what is stored now: another language's texts saved meanwhile are kept, and
      // only a record whose texts in this language the form changes is saved, over its version.
      if (next === serializeTranslations(current)) continue;
      await changeRecord(trx, actor, 'update', r.entity, r.id, version, { translations: next } as Values, { translations: next });
      changed++;
    }
    return changed;
  });
}

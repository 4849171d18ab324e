/** @jsxImportSource hono/jsx */
// The workspace's publications (issue 14), plain forms without JavaScript, for the editors of the
// series (viewers read them; other series get 403): /admin/series/{slug}/publications lists them
// and starts one (an event, or every published event of a year); /admin/publications/{id} edits
// the title page, the foreword and summary (Markdown, in the publication's language and in any other
// of the interface's: en, fr, es, ar), chooses each extracted
// statement's whole text, an excerpt or nothing, and freezes the next edition (with what changed).
import type { Context, Hono } from 'hono';
import { InvalidInput, NotFound } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage } from '../../domain/language.ts';
import { normaliseLineEnds } from '../../domain/text.ts';
import { textDirection, type Translations } from '../../domain/translations.ts';
import {
  editionsOf,
  ensurePublication,
  extractedStatements,
  freezeEdition,
  PUBLICATION_TEXT_FIELDS,
  PUBLICATION_TEXT_LANGUAGES,
  publicationById,
  publicationEvents,
  publicationsOfSeries,
  savePublication,
} from '../../operations/publications.ts';
import { seriesIdsBySlugs } from '../../storage/queries/accounts.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator } from '../i18n/t.ts';
import { idParam } from '../record-access.ts';
import { AdminLayout } from '../views/admin.tsx';
import { readOnly } from '../views/admin-edit.tsx';
import { renderDocument, languageName } from '../views/layout.tsx';
import { hrefIn, placeOfRequest } from '../views/render-context.ts';
import { languageNameIn, publicationOptions } from '../views/publication-words.ts';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { formMessage } from '../../domain/form-messages.ts';
import { timestamp } from '../views/format.ts';

type C = Context<AuthEnv>;
const actionOf = (c: C) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? ('read-drafts' as const) : ('edit-content' as const));
const MAX_TEXT = 100_000;
/** The languages the texts are offered in: the publication's own first, then the others. */
const textLanguages = (own: string) => [own, ...PUBLICATION_TEXT_LANGUAGES.filter((l) => l !== own)];

export function publicationAdminRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  // JSX built in a handler is made before the render sets the page's place: public links are put
  // in the reader's language here (the workspace's own /admin links are by renderDocument).
  const pub = (path: string) => hrefIn(lang, path);
  const db = opts.storage.db;
  const html = async (c: Context, node: unknown) => c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), 200, ADMIN_HEADERS);

  const seriesOf = async (c: C) => {
    const slug = c.req.param('slug') ?? '';
    const id = (await seriesIdsBySlugs(db, [slug])).get(slug);
    if (id === undefined) throw new NotFound(formMessage('noSuchSeries'));
    return { action: actionOf(c), seriesId: id };
  };
  const publicationOf = async (c: C) => {
    const p = await publicationById(db, idParam(c));
    // A missing record is said so to admins only; anyone else is refused as for another series' record.
    if (!p) {
      if (c.get('auth')?.account.role === 'admin') throw new NotFound(formMessage('noSuchPublication'));
      return { action: actionOf(c) };
    }
    return { action: actionOf(c), seriesId: p.seriesId };
  };

  app.get('/series/:slug/publications', guard(opts, seriesOf), async (c) => {
    const { seriesId } = await seriesOf(c);
    const series = await db.selectFrom('series').selectAll().where('id', '=', seriesId).executeTakeFirstOrThrow();
    const viewer = viewerOf(c);
    const pubs = await publicationsOfSeries(db, seriesId);
    const events = await publicationEvents(db, { seriesId, eventId: null, year: null });
    return html(
      c,
      <AdminLayout lang={lang} t={t} title={t('publication.admin.title', { series: series.title })} viewer={viewer}>
        <h1>{t('publication.admin.title', { series: series.title })}</h1>
        {pubs.length ? (
          <ul>
            {pubs.map((p) => (
              <li>
                <a href={`/admin/publications/${p.id}`}>
                  <bdi>{p.title}</bdi>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('publication.admin.none')}</p>
        )}
        {readOnly(viewer) || !events.length ? null : (
          <>
            <h2>{t('publication.admin.new')}</h2>
            <form method="post" action={`/admin/series/${series.slug}/publications`}>
              <input type="hidden" name="_csrf" value={viewer.csrfToken} />
              <fieldset>
                <legend>{t('publication.admin.scope')}</legend>
                <p>
                  <input type="radio" id="scope-event" name="scope" value="event" checked />
                  <label for="scope-event">{t('publication.admin.event')}</label>{' '}
                  <select name="event" aria-label={t('publication.admin.event')}>
                    {events.map((e) => (
                      <option value={e.slug}>{e.title}</option>
                    ))}
                  </select>
                </p>
                <p>
                  <input type="radio" id="scope-year" name="scope" value="year" />
                  <label for="scope-year">{t('publication.admin.year')}</label>{' '}
                  <label for="year">{t('publication.admin.yearLabel')}</label>{' '}
                  <input id="year" name="year" type="number" min={1900} max={2999} value={events[0]!.start_date.slice(0, 4)} />
                </p>
              </fieldset>
              <button type="submit">{t('publication.admin.create')}</button>
            </form>
          </>
        )}
      </AdminLayout>,
    );
  });

  app.post('/series/:slug/publications', guard(opts, seriesOf), async (c) => {
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
    const slug = c.req.param('slug');
    const p =
      str('scope') === 'year'
        ? await ensurePublication(opts.storage, { series: slug, year: /^\d{4}$/.test(str('year')) ? Number(str('year')) : Number.NaN })
        : await ensurePublication(opts.storage, { event: str('event') });
    if (p.seriesId !== (await seriesOf(c)).seriesId) throw new InvalidInput(formMessage('pubOtherSeries'));
    return c.redirect(`/admin/publications/${p.id}`, 303);
  });

  app.get('/publications/:id', guard(opts, publicationOf), async (c) => {
    const p = await publicationById(db, idParam(c));
    if (!p) throw new NotFound(formMessage('noSuchPublication'));
    const viewer = viewerOf(c);
    const events = await publicationEvents(db, p);
    const statements = await extractedStatements(db, events.map((e) => e.id));
    const editions = await editionsOf(db, p.id);
    const next = (editions[0]?.number ?? 0) + 1;
    const notice = c.req.query('saved') === '1' ? t('publication.admin.saved') : /^\d{1,9}$/.test(c.req.query('frozen') ?? '') ? t('publication.admin.frozen', { n: c.req.query('frozen')! }) : null;
    const ro = readOnly(viewer);
    return html(
      c,
      <AdminLayout lang={lang} t={t} title={t('publication.admin.edit', { title: p.title })} viewer={viewer}>
        <h1>{t('publication.admin.edit', { title: p.title })}</h1>
        {notice ? <p role="status">{notice}</p> : null}
        {editions.length ? (
          <>
            <h2>{t('publication.editions')}</h2>
            <ul>
              {editions.map((e) => (
                <li>
                  <a href={pub(`/publications/${p.slug}/${e.number}`)}>{t('publication.edition', { n: e.number })}</a> <time datetime={e.metadata.date}>{timestamp(e.metadata.date, lang)}</time>
                  {e.note ? (
                    <>
                      {' — '}
                      <bdi>{e.note}</bdi>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <form method="post" action={`/admin/publications/${p.id}`}>
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          <fieldset class="plain" disabled={ro}>
            <h2>{t('publication.admin.fields')}</h2>
            <p>
              <label for="title">{t('publication.admin.titleLabel')}</label>
              <input id="title" name="title" type="text" required maxlength={300} value={p.title} />
            </p>
            <p>
              <label for="subtitle">{t('publication.admin.subtitle')}</label>
              <input id="subtitle" name="subtitle" type="text" maxlength={300} value={p.subtitle ?? ''} />
            </p>
            <p>
              <label for="lang">{t('publication.admin.lang')}</label>
              <select id="lang" name="lang">
                {LANGUAGES.map((l) => (
                  <option value={l} selected={l === p.lang}>
                    {languageName(l)}
                  </option>
                ))}
              </select>
            </p>
            <p id="texts-help" class="hint">
              {t('publication.admin.textsHint')}
            </p>
            {textLanguages(p.lang).map((l) => (
              <fieldset>
                <legend>{t('publication.admin.textsIn', { language: languageNameIn(l, lang) })}</legend>
                {(['foreword', 'summary'] as const).map((field) => (
                  <p>
                    <label for={`${field}-${l}`}>{t(`publication.${field}`)}</label>
                    <textarea id={`${field}-${l}`} name={`${field}-${l}`} rows={l === p.lang ? 10 : 6} maxlength={MAX_TEXT} lang={l} dir={textDirection(l)} aria-describedby="texts-help markdown-help">
                      {(l === p.lang ? p[field] : p.translations[field]?.[l]) ?? ''}
                    </textarea>
                  </p>
                ))}
              </fieldset>
            ))}
            <p id="markdown-help" class="hint">
              {t('publication.admin.markdown')}
            </p>
            <h2>{t('publication.admin.statements')}</h2>
            {statements.size === 0 ? <p>{t('publication.admin.noStatements')}</p> : null}
            {[...statements.entries()].map(([id, s]) => {
              const choice = p.excerpts[String(id)] ?? 'full';
              const excerpt = choice === 'full' || choice === 'none' ? '' : choice;
              return (
                <fieldset>
                  <legend>
                    <bdi>{s.person}</bdi>: <bdi>{s.label}</bdi>
                  </legend>
                  <p>
                    <input type="radio" id={`m${id}-full`} name={`choice-${id}`} value="full" checked={choice === 'full'} />
                    <label for={`m${id}-full`}>{t('publication.admin.full')}</label>{' '}
                    <input type="radio" id={`m${id}-excerpt`} name={`choice-${id}`} value="excerpt" checked={excerpt !== ''} />
                    <label for={`m${id}-excerpt`}>{t('publication.admin.excerptOnly')}</label>{' '}
                    <input type="radio" id={`m${id}-none`} name={`choice-${id}`} value="none" checked={choice === 'none'} />
                    <label for={`m${id}-none`}>{t('publication.admin.leaveOut')}</label>
                  </p>
                  <p>
                    <label for={`m${id}-text`}>{t('publication.admin.excerptText')}</label>
                    <textarea id={`m${id}-text`} name={`excerpt-${id}`} rows={4} maxlength={MAX_TEXT} lang={s.lang}>
                      {excerpt || s.text.slice(0, 600)}
                    </textarea>
                  </p>
                </fieldset>
              );
            })}
            {ro ? null : <button type="submit">{t('publication.admin.save')}</button>}
          </fieldset>
        </form>
        {ro ? null : (
          <>
            <h2>{t('publication.admin.freeze')}</h2>
            <p>{t('publication.admin.freezeHelp')}</p>
            <form method="post" action={`/admin/publications/${p.id}/freeze`}>
              <input type="hidden" name="_csrf" value={viewer.csrfToken} />
              {editions.length ? (
                <p>
                  <label for="note">{t('publication.admin.note')}</label>
                  <textarea id="note" name="note" rows={3} maxlength={2000} required></textarea>
                </p>
              ) : null}
              <button type="submit">{t('publication.admin.freezeSubmit', { n: next })}</button>
            </form>
          </>
        )}
      </AdminLayout>,
    );
  });

  app.post('/publications/:id', guard(opts, publicationOf), async (c) => {
    const id = idParam(c);
    const p = await publicationById(db, id);
    if (!p) throw new NotFound(formMessage('noSuchPublication'));
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const title = str('title').trim();
    if (!title || title.length > 300) throw new InvalidInput({ field: 'title', message: formMessage('pubTitle') });
    const lang = str('lang');
    if (!isLanguage(lang)) throw new InvalidInput({ field: 'language', message: formMessage('oneOf', { options: LANGUAGES.join(', ') }) });
    // The texts by language (foreword-fr…); a plain "foreword"/"summary" is the publication's own language's.
    const text = (k: string) => {
      if (str(k).length > MAX_TEXT) throw new InvalidInput({ field: k, message: formMessage('atMost', { max: MAX_TEXT }) });
      return normaliseLineEnds(str(k)).trim() || null;
    };
    const own = { foreword: text(`foreword-${lang}`) ?? text('foreword'), summary: text(`summary-${lang}`) ?? text('summary') };
    const translations: Translations = {};
    for (const field of PUBLICATION_TEXT_FIELDS) {
      for (const l of PUBLICATION_TEXT_LANGUAGES) {
        const v = l === lang ? null : text(`${field}-${l}`);
        if (v) (translations[field] ??= {})[l] = v;
      }
    }
    const version = Number(str('version'));
    if (!Number.isInteger(version) || version < 1) throw new InvalidInput(formMessage('pubNoVersion'));
    const excerpts: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) {
      const m = /^choice-(\d{1,9})$/.exec(k);
      if (!m || typeof v !== 'string') continue;
      if (v === 'none') excerpts[m[1]!] = 'none';
      else if (v === 'excerpt') {
        const text = normaliseLineEnds(str(`excerpt-${m[1]}`)).trim();
        if (!text) throw new InvalidInput(formMessage('pubExcerptEmpty', { id: m[1]! }));
        excerpts[m[1]!] = text;
      }
    }
    await savePublication(opts.storage, id, version, { title, subtitle: str('subtitle').trim() || null, lang, ...own, translations, excerpts }, c.get('auth')!.account.id);
    return c.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  app.post('/publications/:id/freeze', guard(opts, publicationOf), async (c) => {
    const id = idParam(c);
    const p = await publicationById(db, id);
    if (!p) throw new NotFound(formMessage('noSuchPublication'));
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const note = typeof form.note === 'string' ? normaliseLineEnds(form.note).slice(0, 2000) : null;
    const e = await freezeEdition(opts.storage, id, { ...publicationOptions(opts.baseUrl(), p.lang), note, accountId: c.get('auth')!.account.id });
    return c.redirect(`/admin/publications/${id}?frozen=${e.number}`, 303);
  });
}


/** @jsxImportSource hono/jsx */
// /speak/{token}: a speaker's personal link, opened without an account. The token in the path
// is the authorization (only its SHA-256 is stored); every POST also carries a CSRF token bound
// to the link (operations/speaker-links.ts linkCsrf) and must come from this site's Origin, as
// the workspace's do. Pages are never cached, never indexed, and send no Referer to other sites (the token is
// in the address). An unknown token is a 404 page; an expired, revoked or used link a 410 page
// that says which; no error shows a stack trace.
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { Forbidden, InvalidInput, PlenaryError, type Refusal } from '../../domain/errors.ts';
import { formMessage } from '../../domain/form-messages.ts';
import { DEFAULT_LANGUAGE, type InterfaceLanguage, isLanguage, type Language, LANGUAGES } from '../../domain/language.ts';
import { CORRECTION_FIELDS, SPEAKER_GENDERS, SPEAKER_MATERIAL_KINDS } from '../../domain/speaker-link.ts';
import { finaliseLink, LinkClosed, linkCsrf, openLink, proposeCorrection, submitGender, submitMaterial } from '../../operations/speaker-links.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Upload } from '../../operations/materials.ts';
import { type SpeakerContext, speakerContext, submissionsOfLink, type LinkRow } from '../../storage/queries/speaker-links.ts';
import type { Storage } from '../../storage/storage.ts';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../admin/materials.tsx';
import { checkOrigin, csrfTokenOf, sameToken } from '../auth.ts';
import { uploadForm, uploadFormOf } from '../upload-form.ts';
import { refusalText } from '../i18n/form-errors.ts';
import { type Translate, translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { decimal, longDate, timestamp, zoneName } from '../views/format.ts';
import { Layout, renderDocument } from '../views/layout.tsx';
import { hrefIn, placeOf, prefixOf } from '../views/render-context.ts';

/**
 * The token is in the address: no cache keeps the page, no search engine lists it, and no Referer
 * carries it to another site. `same-origin` rather than `no-referrer`: under no-referrer a browser
 * sends `Origin: null` with the page's own forms, and the Origin check could not tell them from a
 * sandboxed page elsewhere; same-origin keeps the address from other sites all the same.
 */
export const SPEAKER_HEADERS: Record<string, string> = {
  ...HTML_HEADERS,
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-robots-tag': 'noindex, nofollow',
};

type SpeakerEnv = { Variables: { link: LinkRow; token: string } };
type C = Context<SpeakerEnv>;
const SAFE = new Set(['GET', 'HEAD']);

/** `lang`: the page's language, from the address it is mounted at (/speak English, /fr/speak French…). */
export type SpeakerOptions = { storage: Storage; baseUrl(): string; uploadMaxBytes?: number | undefined; now?: () => Date; lang?: InterfaceLanguage };

/**
 * The link's guard: the token must open an active link, and a POST must carry the link's CSRF
 * token and come from this site. test/route-guard.test.ts checks every POST under /speak with it.
 */
export function linkGuard(opts: SpeakerOptions): MiddlewareHandler<SpeakerEnv> {
  return async (c, next) => {
    const token = c.req.param('token') ?? '';
    const link = await openLink(opts.storage, token, opts.now?.() ?? new Date());
    if (!SAFE.has(c.req.method)) {
      checkOrigin(c, opts.baseUrl());
      if (!sameToken(await csrfTokenOf(c), linkCsrf(token))) throw new Forbidden(formMessage('csrf'));
    }
    c.set('link', link);
    c.set('token', token);
    await next();
  };
}

const langOf = (l: string): Language => ((LANGUAGES as readonly string[]).includes(l) ? (l as Language) : DEFAULT_LANGUAGE);
/** A moment as the language writes it, in UTC with the zone named (format.ts `timestamp`). */
const utc = (iso: string, lang: InterfaceLanguage) => timestamp(iso, lang);

export function speakerRoutes(opts: SpeakerOptions): Hono<SpeakerEnv> {
  const app = new Hono<SpeakerEnv>();
  const maxBytes = opts.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  const guard = linkGuard(opts);
  // The address decides the language, as everywhere else: the language switch links the link's page in the others.
  const lang: InterfaceLanguage = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const prefix = prefixOf(lang);
  /** The link's page (whatever form was posted), so the switch offers a page that answers a GET. */
  const pageOf = (c: Context) => placeOf(new URL(c.req.url).pathname, '').path.replace(/^(\/speak\/[^/]+).*$/s, '$1');
  const html = async (c: Context, node: unknown, status: 200 | 400 | 403 | 404 | 409 | 410 | 500 = 200) => c.html(await renderDocument(node, { lang, path: pageOf(c), base: '' }), status, SPEAKER_HEADERS);
  const now = () => opts.now?.() ?? new Date();
  const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

  type Shown = { notice?: string; error?: { at: string; refusals: readonly Refusal[] }; typed?: Record<string, string> };
  const page = async (c: C, shown: Shown = {}, status: 200 | 400 = 200) => {
    const link = c.get('link');
    const ctx = await speakerContext(opts.storage.db, link.appearance_id);
    if (!ctx) throw new LinkClosed('revoked', link);
    const sent = await submissionsOfLink(opts.storage.db, link.id);
    return html(c, <SpeakerPage lang={lang} t={t} ctx={ctx} link={link} csrf={linkCsrf(c.get('token'))} action={hrefIn(lang, `/speak/${c.get('token')}`)} sent={sent} maxMb={Math.round((maxBytes / 1024 / 1024) * 10) / 10} {...shown} />, status);
  };

  app.get('/:token', guard, async (c) => {
    const sent = c.req.query('sent');
    return page(c, sent === 'material' ? { notice: t('speakerLink.notice.material') } : sent === 'correction' ? { notice: t('speakerLink.notice.correction') } : sent === 'gender' ? { notice: t('speakerLink.notice.gender') } : {});
  });

  app.post('/:token/materials', uploadForm(maxBytes), guard, async (c) => {
    const { fields: body, upload: chosen } = uploadFormOf(c);
    const typed = { kind: field(body, 'kind'), lang: field(body, 'lang'), label: field(body, 'label') };
    try {
      if (!chosen) throw new InvalidInput({ field: 'file', message: formMessage('chooseFile') });
      const upload: Upload = chosen;
      await submitMaterial(opts.storage, c.get('link'), { ...typed, upload }, { maxBytes }, now());
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      const first = e.refusals[0]?.field;
      const at = first === 'kind' || first === 'lang' || first === 'label' ? first : 'file';
      return page(c, { error: { at, refusals: e.refusals }, typed }, 400);
    }
    return c.redirect(`${prefix}/speak/${c.get('token')}?sent=material#sent-heading`, 303);
  });

  app.post('/:token/correction', guard, async (c) => {
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const typed = Object.fromEntries(CORRECTION_FIELDS.map((f) => [f, field(body, f)]));
    try {
      await proposeCorrection(opts.storage, c.get('link'), typed, now());
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      return page(c, { error: { at: 'correction', refusals: e.refusals }, typed }, 400);
    }
    return c.redirect(`${prefix}/speak/${c.get('token')}?sent=correction#sent-heading`, 303);
  });

  // The speaker's gender, if they wish to give it: only ever counted (issue 14).
  app.post('/:token/gender', guard, async (c) => {
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const typed = { gender: field(body, 'gender'), gender_term: field(body, 'gender_term') };
    try {
      await submitGender(opts.storage, c.get('link'), typed, now());
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      return page(c, { error: { at: 'gender', refusals: e.refusals }, typed }, 400);
    }
    return c.redirect(`${prefix}/speak/${c.get('token')}?sent=gender#sent-heading`, 303);
  });

  app.post('/:token/send', guard, async (c) => {
    const link = c.get('link');
    await finaliseLink(opts.storage, link, now());
    return html(c, <Message lang={lang} t={t} title={t('speakerLink.done.title')} body={t('speakerLink.done.body')} />);
  });

  app.onError(async (err, c) => {
    if (err instanceof LinkClosed) {
      const s = err.state;
      const body = s === 'expired' ? t('speakerLink.closed.expired.body', { date: utc(err.link.expires_at, lang) }) : t(`speakerLink.closed.${s}.body`);
      return html(c, <Message lang={lang} t={t} title={t(`speakerLink.closed.${s}.title`)} body={body} />, 410);
    }
    if (err instanceof PlenaryError) {
      if (err.code === 'not_found') return html(c, <Message lang={lang} t={t} title={t('speakerLink.unknown.title')} body={t('speakerLink.unknown.body')} />, 404);
      const status = err.code === 'invalid_input' ? 400 : err.code === 'conflict' ? 409 : 403;
      return html(c, <Message lang={lang} t={t} title={t('speakerLink.refused.title')} body={t('speakerLink.error', { message: refusalText(t, err.refusals) })} />, status);
    }
    console.error(`plenary: ${c.req.method} /speak/… failed:`, err);
    return html(c, <Message lang={lang} t={t} title={t('speakerLink.fault.title')} body={t('speakerLink.fault.body')} />, 500);
  });

  return app;
}

function Message(p: { lang: InterfaceLanguage; t: Translate; title: string; body: string }) {
  return (
    <Layout lang={p.lang} t={p.t} title={p.title} noindex>
      <h1>{p.title}</h1>
      <p>{p.body}</p>
    </Layout>
  );
}

type Sent = Awaited<ReturnType<typeof submissionsOfLink>>[number];

/** A gender answer as the speaker's page and the editors' queue list it. */
export function describeGender(t: Translate, payload: object): string {
  const { gender, gender_term: term } = payload as { gender?: unknown; gender_term?: unknown };
  const g = typeof gender === 'string' ? gender : 'not-known';
  const answer = g === 'another' && typeof term === 'string' ? `${t('gender.another')}${t('punct.colon')}“${term}”` : t(`gender.${g}` as MessageKey);
  return t('speakerLink.sent.gender', { answer });
}

function SpeakerPage(p: {
  lang: InterfaceLanguage;
  t: Translate;
  ctx: SpeakerContext;
  link: LinkRow;
  csrf: string;
  action: string;
  sent: Sent[];
  maxMb: number;
  notice?: string;
  error?: { at: string; refusals: readonly Refusal[] };
  typed?: Record<string, string>;
}) {
  const { t, ctx } = p;
  const title = t('speakerLink.title', { event: ctx.eventTitle });
  const printed: Record<(typeof CORRECTION_FIELDS)[number], string | null> = { name: ctx.name, honorific: ctx.honorific, affiliation_position: ctx.position, organization: ctx.organization, country: ctx.country };
  const err = (at: string) => (p.error?.at === at ? <strong class="field-error" id={`${at}-error`}>{t('speakerLink.error', { message: refusalText(t, p.error.refusals) })}{at === 'file' ? ` ${t('speakerLink.upload.chooseAgain')}` : ''}</strong> : null);
  /** A document's language offered first: the reader's where documents can be in it, else the event's. */
  const materialLang: Language = isLanguage(p.lang) ? p.lang : langOf(ctx.eventLang);
  const correctionTyped = p.error?.at === 'correction' ? p.typed : undefined;
  const genderTyped = p.error?.at === 'gender' ? p.typed : undefined;
  const uploadTyped = p.error && p.error.at !== 'correction' && p.error.at !== 'gender' ? p.typed : undefined;
  // The venue's zone by its name in the reader's language, as the event page names it (format.ts zoneName).
  const when = ctx.start ? `${ctx.start}${ctx.end ? `–${ctx.end}` : ''} (${ctx.date ? zoneName(ctx.timeZone, p.lang, ctx.date) : zoneName(ctx.timeZone, p.lang)})` : t('speakerLink.noTime');
  const day = ctx.date ? `${longDate(ctx.date, p.lang)}${ctx.dayLabel ? ` (${ctx.dayLabel})` : ''}` : (ctx.dayLabel ?? '');
  const describe = (x: Sent) => {
    const payload = JSON.parse(x.payload) as { kind?: string; proposed?: Record<string, string> };
    if (x.kind === 'gender') return describeGender(t, payload);
    if (x.kind === 'material') {
      return t('speakerLink.sent.material', { kind: t(`speakerLink.kind.${payload.kind as 'statement' | 'presentation'}`), lang: t(`speakerLink.lang.${(x.lang ?? 'en') as Language}`), file: x.original_name ?? '' });
    }
    const changes = Object.entries(payload.proposed ?? {}).map(([f, v]) => `${t(`speakerLink.field.${f as (typeof CORRECTION_FIELDS)[number]}`)}${t('punct.colon')}${v === '' ? t('speakerLink.empty') : v}`);
    return t('speakerLink.sent.correction', { changes: changes.join(t('punct.semicolon')) });
  };
  return (
    <Layout lang={p.lang} t={t} title={title} noindex>
      <h1>{title}</h1>
      <p>{t('speakerLink.intro')}</p>
      <p>{t('speakerLink.expires', { date: utc(p.link.expires_at, p.lang) })}</p>
      {p.notice ? (
        <p role="status" class="saved" id="notice">
          {p.notice}
        </p>
      ) : null}
      {p.error ? (
        <p class="form-error" role="alert" id="errors">
          {t('speakerLink.error', { message: refusalText(t, p.error.refusals) })}
        </p>
      ) : null}
      <h2>{t('speakerLink.session')}</h2>
      <dl class="speaker-session">
        <dt>{t('speakerLink.event')}</dt>
        <dd>
          <bdi>{ctx.eventTitle}</bdi>
        </dd>
        <dt>{t('speakerLink.day')}</dt>
        <dd>
          <bdi>{day}</bdi>
        </dd>
        <dt>{t('speakerLink.time')}</dt>
        <dd>{when}</dd>
        <dt>{t('speakerLink.sessionTitle')}</dt>
        <dd>
          <bdi>{ctx.sessionTitle ?? t('speakerLink.untitled')}</bdi>
        </dd>
      </dl>
      <h2>{t('speakerLink.printed')}</h2>
      <dl class="speaker-printed">
        {CORRECTION_FIELDS.map((f) => (
          <>
            <dt>{t(`speakerLink.field.${f}`)}</dt>
            <dd>
              <bdi>{printed[f] || t('speakerLink.empty')}</bdi>
            </dd>
          </>
        ))}
      </dl>

      <h2 id="sent-heading">{t('speakerLink.sent.heading')}</h2>
      {p.sent.length === 0 ? (
        <p>{t('speakerLink.sent.none')}</p>
      ) : (
        <ul class="speaker-sent">
          {p.sent.map((x) => (
            <li>
              <bdi>{describe(x)}</bdi> · {t(`speakerLink.status.${x.status as 'pending' | 'approved' | 'rejected'}`)}
            </li>
          ))}
        </ul>
      )}

      <h2 id="upload-heading">{t('speakerLink.upload.heading')}</h2>
      <form method="post" action={`${p.action}/materials`} enctype="multipart/form-data" class="stack" aria-labelledby="upload-heading">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <p id="upload-help">{t('speakerLink.upload.help', { mb: decimal(p.maxMb, p.lang) })}</p>
        <p>
          <label for="s-file">{t('speakerLink.upload.file')}</label> {err('file')}
          <input id="s-file" type="file" name="file" required aria-describedby={p.error?.at === 'file' ? 'file-error upload-help' : 'upload-help'} aria-invalid={p.error?.at === 'file' ? 'true' : undefined} accept=".pdf,.docx,.pptx,.odt,.jpg,.jpeg,.png,.webp" />
        </p>
        <p>
          <label for="s-kind">{t('speakerLink.upload.kind')}</label> {err('kind')}
          <select id="s-kind" name="kind">
            {SPEAKER_MATERIAL_KINDS.map((k) => (
              <option value={k} selected={uploadTyped?.kind === k}>
                {t(`speakerLink.kind.${k}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="s-lang">{t('speakerLink.upload.lang')}</label> {err('lang')}
          <select id="s-lang" name="lang">
            {LANGUAGES.map((l) => (
              <option value={l} selected={(uploadTyped?.lang ?? materialLang) === l}>
                {t(`speakerLink.lang.${l}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="s-label">{t('speakerLink.upload.label')}</label> {err('label')}
          <input id="s-label" name="label" maxlength={300} value={uploadTyped?.label ?? ''} />
        </p>
        <p>
          <button type="submit">{t('speakerLink.upload.submit')}</button>
        </p>
      </form>

      <h2 id="correct-heading">{t('speakerLink.correct.heading')}</h2>
      <form method="post" action={`${p.action}/correction`} class="stack" aria-labelledby="correct-heading">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <p id="correct-help">{t('speakerLink.correct.help')}</p>
        {CORRECTION_FIELDS.map((f) => (
          <p>
            <label for={`c-${f}`}>{t(`speakerLink.field.${f}`)}</label>
            <input id={`c-${f}`} name={f} value={correctionTyped?.[f] ?? printed[f] ?? ''} maxlength={f === 'honorific' ? 100 : f === 'name' || f === 'country' ? 200 : 300} required={f === 'name' || undefined} />
          </p>
        ))}
        <p>
          <button type="submit">{t('speakerLink.correct.submit')}</button>
        </p>
      </form>

      <h2 id="gender-heading">{t('speakerLink.gender.heading')}</h2>
      <form method="post" action={`${p.action}/gender`} class="stack" aria-labelledby="gender-heading">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <p id="gender-help">{t('speakerLink.gender.help')}</p>
        <fieldset aria-describedby={p.error?.at === 'gender' ? 'gender-error gender-help' : 'gender-help'}>
          <legend>{t('speakerLink.gender.question')}</legend>
          {err('gender')}
          {SPEAKER_GENDERS.map((g) => (
            <p>
              <input type="radio" id={`g-${g}`} name="gender" value={g} checked={genderTyped?.gender === g} />{' '}
              <label for={`g-${g}`}>{t(`speakerLink.gender.${g}`)}</label>
            </p>
          ))}
          <p>
            <label for="g-term">{t('speakerLink.gender.term')}</label>
            <input id="g-term" name="gender_term" maxlength={100} value={genderTyped?.gender_term ?? ''} />
          </p>
        </fieldset>
        <p>
          <button type="submit">{t('speakerLink.gender.submit')}</button>
        </p>
      </form>

      <h2 id="finish-heading">{t('speakerLink.finish.heading')}</h2>
      <form method="post" action={`${p.action}/send`} class="stack" aria-labelledby="finish-heading">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <p>{t('speakerLink.finish.help')}</p>
        <p>
          <button type="submit">{t('speakerLink.finish.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}

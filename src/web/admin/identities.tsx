/** @jsxImportSource hono/jsx */
// Identities in the workspace (issue 12): an admin merges two persons or organizations (the one
// whose page it is survives), undoes a merge, and splits a person (appearances) or an organization
// (appearances and names) by choosing what goes to a new record. Every
// route is an admin's: guard(opts, 'edit-content') without a series passes for admins only, and
// checks the Origin and CSRF token of every post.
import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { InvalidInput, NotFound } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { normaliseName, normaliseOrganizationName } from '../../domain/names.ts';
import { type IdentityEntity, mergePreview, mergeRecords, mergesOf, splitOrganization, splitPerson, undoMerge } from '../../operations/identities.ts';
import { aliasesOf, appearancesOf, searchByAlias } from '../../storage/queries/identities.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator, type Translate } from '../i18n/t.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { idParam } from '../record-access.ts';
import { AdminLayout, type Viewer } from '../views/admin.tsx';
import { renderDocument } from '../views/layout.tsx';
import { ActionButton } from '../views/admin-edit.tsx';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { href, placeOfRequest } from '../views/render-context.ts';
import { refusalText } from '../i18n/form-errors.ts';
import { longDate, timestamp } from '../views/format.ts';
import { formMessage, noRecord, entityMessage } from '../../domain/form-messages.ts';

type C = Context<AuthEnv>;
const PATH: Record<IdentityEntity, string> = { person: 'persons', organization: 'organizations' };
const PUBLIC: Record<IdentityEntity, string> = { person: 'people', organization: 'organizations' };

/** The aliases and merges of a record, under its workspace form (edit-content.tsx), with the admin's links. */
export async function IdentitySection(p: { db: AuthOptions['storage']['db']; t: Translate; viewer: Viewer; entity: IdentityEntity; id: number; name: string }) {
  const { t } = p;
  const aliases = await aliasesOf(p.db, p.entity, p.id);
  const merges = await mergesOf(p.db, p.entity, p.id);
  const admin = p.viewer.role === 'admin';
  const others = aliases.filter((a) => a.name !== p.name);
  const org = p.entity === 'organization' ? await p.db.selectFrom('organization').select(['name', 'kind', 'kind_confirmed', 'country_code', 'version']).where('id', '=', p.id).executeTakeFirst() : undefined;
  return (
    <section aria-labelledby="identity">
      {org && !org.kind_confirmed ? (
        <div class="notice" id="kind-guessed">
          {t('org.kind')}: {t(`org.kind.${org.kind}` as MessageKey)} — {t('org.kindGuessed')}{' '}
          {p.viewer.role !== 'viewer' ? (
            <ActionButton viewer={p.viewer} action={href(`/admin/organizations/${p.id}`)} fields={{ version: String(org.version), name: org.name, kind: org.kind, country_code: org.country_code ?? '' }}>
              {t('org.kindConfirm')}
            </ActionButton>
          ) : null}
        </div>
      ) : null}
      <h2 id="identity">{t('identity.heading')}</h2>
      <p>
        {t('identity.aliases')}:{' '}
        {others.length ? (
          others.map((a, i) => (
            <>
              {i ? ', ' : ''}
              <bdi>{a.name}</bdi>
            </>
          ))
        ) : (
          <span>{t('identity.noAliases')}</span>
        )}
      </p>
      {admin ? (
        <ul>
          <li>
            <a href={href(`/admin/${PATH[p.entity]}/${p.id}/merge`)}>{t(`identity.merge.link.${p.entity}`)}</a>
          </li>
          <li>
            <a href={href(`/admin/${PATH[p.entity]}/${p.id}/split`)}>{t(p.entity === 'person' ? 'identity.split.link' : 'identity.splitOrg.link')}</a>
          </li>
        </ul>
      ) : null}
      {merges.length ? (
        <>
          <h3>{t('identity.merges')}</h3>
          <ul>
            {merges.map((m) => {
              const row = JSON.parse(m.merged_row) as { name: string; slug: string };
              return (
                <li id={`merge-${m.id}`}>
                  {/* Components, so that the moments are written during the render, in the reader's zone (format.ts timestamp). */}
                  <Said text={() => t('identity.mergeLine', { id: String(m.id), at: timestamp(m.created_at, t.lang ?? 'en'), by: m.email ?? '?' })} /> <bdi>{row.name}</bdi> ({row.slug})
                  {m.undone_at ? <Said text={() => ` ${t('identity.undoneAt', { at: timestamp(m.undone_at!, t.lang ?? 'en') })}`} /> : null}
                  {admin && !m.undone_at ? (
                    <>
                      {' '}
                      <ActionButton viewer={p.viewer} action={href(`/admin/merges/${m.id}/undo`)}>
                        {t('identity.undo')}
                      </ActionButton>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function identityRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  const actorOf = (c: C) => ({ accountId: c.get('auth')!.account.id });
  const html = async (c: C, node: unknown, status: 200 | 400 | 409 = 200) => c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), status, ADMIN_HEADERS);
  const csrf = (c: C) => <input type="hidden" name="_csrf" value={viewerOf(c).csrfToken} />;
  const recordOf = async (entity: IdentityEntity, id: number) =>
    entity === 'person'
      ? await db.selectFrom('person').select(['id', 'name', 'slug']).where('id', '=', id).executeTakeFirst()
      : await db.selectFrom('organization').select(['id', 'name', 'slug']).where('id', '=', id).executeTakeFirst();
  const otherParam = (raw: unknown): number | undefined => (typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : undefined);
  /** The frame of the merge and split pages: the title, the way back to the record, what the page does, and a refusal. */
  const IdentityPage = (p: { c: C; entity: IdentityEntity; id: number; title: string; intro: string; error: string | undefined; children?: Child }) => (
    <AdminLayout lang={lang} t={t} title={p.title} viewer={viewerOf(p.c)}>
      <h1>
        <bdi>{p.title}</bdi>
      </h1>
      <p>
        <a href={href(`/admin/${PATH[p.entity]}/${p.id}`)}>{t('identity.back')}</a>
      </p>
      <p>{p.intro}</p>
      {p.error ? (
        <p role="alert" class="error">
          {p.error}
        </p>
      ) : null}
      {p.children}
    </AdminLayout>
  );

  for (const entity of ['person', 'organization'] as const) {
    const base = `/${PATH[entity]}/:id/merge`;
    const mergePage = async (c: C, id: number, error?: string) => {
      const me = await recordOf(entity, id);
      if (!me) throw new NotFound(noRecord(entity, id));
      const q = (c.req.query('q') ?? '').slice(0, 200);
      const otherId = otherParam(c.req.query('other') ?? (c.req.method === 'POST' ? undefined : undefined));
      const found = q ? (await searchByAlias(db, entity, (entity === 'organization' ? normaliseOrganizationName : normaliseName)(q).split(' ').filter(Boolean).slice(0, 5), 20)).filter((r) => r.id !== id) : [];
      const other = otherId !== undefined && otherId !== id ? await recordOf(entity, otherId) : undefined;
      const preview = other ? await mergePreview(db, entity, id, other.id) : undefined;
      const title = t(`identity.merge.title.${entity}`, { name: me.name });
      return (
        <IdentityPage c={c} entity={entity} id={id} title={title} intro={t(`identity.merge.intro.${entity}`, { name: me.name, slug: me.slug })} error={error}>
          <form method="get" action={href(`/admin/${PATH[entity]}/${id}/merge`)} class="stack" role="search">
            <p>
              <label for="f-q">{t('identity.merge.search')}</label>
              <input id="f-q" name="q" type="search" value={q} />
            </p>
            <p>
              <button type="submit">{t('identity.merge.find')}</button>
            </p>
          </form>
          {q ? (
            found.length ? (
              <ul>
                {found.map((r) => (
                  <li>
                    <a href={href(`/admin/${PATH[entity]}/${id}/merge?other=${r.id}`)}>
                      <bdi>{r.name}</bdi>
                    </a>{' '}
                    ({r.slug}
                    {r.alias !== r.name ? (
                      <>
                        , {t('identity.knownAs')} <bdi>{r.alias}</bdi>
                      </>
                    ) : null}
                    )
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('identity.merge.none')}</p>
            )
          ) : null}
          {other && preview ? (
            <section aria-labelledby="confirm">
              <h2 id="confirm">{t('identity.merge.confirm', { other: other.name, name: me.name })}</h2>
              <ul>
                <li>{t('identity.merge.moves.appearances', { n: String(preview.appearances), m: String(preview.materials) })}</li>
                <li>
                  {t('identity.merge.moves.aliases')}:{' '}
                  {preview.aliases.map((a, i) => (
                    <>
                      {i ? ', ' : ''}
                      <bdi>{a}</bdi>
                    </>
                  ))}
                </li>
                {entity === 'organization' && preview.convened ? <li>{t('identity.merge.moves.convened', { n: String(preview.convened) })}</li> : null}
                <li>{t('identity.merge.moves.address', { from: `/${PUBLIC[entity]}/${other.slug}`, to: `/${PUBLIC[entity]}/${me.slug}` })}</li>
                <li>{t('identity.merge.moves.undo')}</li>
              </ul>
              {preview.clashes.length ? (
                <p role="alert">{t('identity.merge.clash', { sessions: preview.clashes.map((x) => String(x.sessionId)).join(', ') })}</p>
              ) : (
                <form method="post" action={href(`/admin/${PATH[entity]}/${id}/merge`)}>
                  {csrf(c)}
                  <input type="hidden" name="other" value={String(other.id)} />
                  <button type="submit">{t('identity.merge.submit', { other: other.name, name: me.name })}</button>
                </form>
              )}
            </section>
          ) : null}
        </IdentityPage>
      );
    };
    app.get(base, guard(opts, 'edit-content'), async (c) => html(c, await mergePage(c, idParam(c))));
    app.post(base, guard(opts, 'edit-content'), async (c) => {
      const id = idParam(c);
      const b = (await c.req.parseBody()) as Record<string, unknown>;
      const other = otherParam(b.other);
      if (other === undefined) throw new InvalidInput({ field: 'other', message: formMessage('mergeInto', { entity: entityMessage(entity) }) });
      const r = await mergeRecords(opts.storage, actorOf(c), entity, id, other);
      return c.redirect(`/admin/${PATH[entity]}/${id}?merged=${r.mergeId}#merge-${r.mergeId}`, 303);
    });
  }

  app.post('/merges/:id/undo', guard(opts, 'edit-content'), async (c) => {
    const r = await undoMerge(opts.storage, actorOf(c), idParam(c));
    return c.redirect(`/admin/${PATH[r.entity]}/${r.id}?unmerged=1`, 303);
  });

  // The split pages of a person (appearances) and of an organization (appearances and names) are one
  // page: only their words, how an appearance reads, the names offered and the new record's name differ.
  const SPLIT_WORDS = {
    person: { intro: 'identity.split.intro', choose: 'identity.split.choose', name: 'identity.split.name', submit: 'identity.split.submit' },
    organization: { intro: 'identity.splitOrg.intro', choose: 'identity.splitOrg.chooseAppearances', name: 'identity.splitOrg.name', submit: 'identity.splitOrg.submit' },
  } as const satisfies Record<IdentityEntity, Record<string, MessageKey>>;
  type SplitChoices = { appearances: Array<{ id: number; label: Child }>; names: Array<{ id: number; name: string }>; newName: string };
  const splitChoices = async (entity: IdentityEntity, id: number, name: string): Promise<SplitChoices> => {
    if (entity === 'person') {
      const rows = await appearancesOf(db, 'person', id);
      const appearances = rows.map((a) => ({
        id: a.id,
        label: (
          <>
            <time datetime={a.date}>{longDate(a.date, lang)}</time>, <bdi>{a.event}</bdi>: <bdi>{a.title ?? a.kind}</bdi> ({a.role}){a.affiliation_position || a.organization ? ' — ' : ''}
            <bdi>{[a.affiliation_position, a.organization, a.country].filter(Boolean).join(', ')}</bdi>
          </>
        ),
      }));
      return { appearances, names: [], newName: name };
    }
    const rows = await appearancesOf(db, 'organization', id);
    const ownKey = (await db.selectFrom('organization').select('name_key').where('id', '=', id).executeTakeFirst())?.name_key;
    const names = (await aliasesOf(db, 'organization', id)).filter((a) => a.name_key !== ownKey);
    const appearances = rows.map((a) => ({
      id: a.id,
      label: (
        <>
          <time datetime={a.date}>{longDate(a.date, lang)}</time>, <bdi>{a.event}</bdi>: <bdi>{a.title ?? a.kind}</bdi> — <bdi>{a.person}</bdi> ({a.role})
          {a.affiliation_position ? (
            <>
              , <bdi>{a.affiliation_position}</bdi>
            </>
          ) : null}
        </>
      ),
    }));
    return { appearances, names, newName: '' };
  };
  const splitPage = async (c: C, entity: IdentityEntity, id: number, error?: string) => {
    const me = await recordOf(entity, id);
    if (!me) throw new NotFound(noRecord(entity, id));
    const words = SPLIT_WORDS[entity];
    const { appearances, names, newName } = await splitChoices(entity, id, me.name);
    const title = t('identity.split.title', { name: me.name });
    return (
      <IdentityPage c={c} entity={entity} id={id} title={title} intro={t(words.intro, { name: me.name })} error={error}>
        <form method="post" action={href(`/admin/${PATH[entity]}/${id}/split`)} class="stack">
          {csrf(c)}
          <fieldset>
            <legend>{t(words.choose)}</legend>
            {appearances.map((a) => (
              <p>
                <input type="checkbox" id={`f-a${a.id}`} name="appearance" value={String(a.id)} />{' '}
                <label for={`f-a${a.id}`}>{a.label}</label>
              </p>
            ))}
          </fieldset>
          {names.length ? (
            <fieldset>
              <legend>{t('identity.splitOrg.chooseNames')}</legend>
              {names.map((a) => (
                <p>
                  <input type="checkbox" id={`f-n${a.id}`} name="alias" value={String(a.id)} />{' '}
                  <label for={`f-n${a.id}`}>
                    <bdi>{a.name}</bdi>
                  </label>
                </p>
              ))}
            </fieldset>
          ) : null}
          <p>
            <label for="f-name">{t(words.name)}</label>
            <input id="f-name" name="name" type="text" value={newName} />
          </p>
          <p>
            <button type="submit">{t(words.submit)}</button>
          </p>
        </form>
      </IdentityPage>
    );
  };
  const ids = (raw: unknown) => (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x): x is string => typeof x === 'string' && /^[1-9]\d{0,9}$/.test(x)).map(Number);
  /** Moves what was chosen to a new record; the id of the new one. */
  const split = async (c: C, entity: IdentityEntity, id: number, b: Record<string, unknown>) => {
    const name = typeof b.name === 'string' ? b.name : undefined;
    if (entity === 'person') return (await splitPerson(opts.storage, actorOf(c), id, ids(b.appearance), name)).personId;
    return (await splitOrganization(opts.storage, actorOf(c), id, { appearances: ids(b.appearance), aliases: ids(b.alias), ...(name !== undefined ? { name } : {}) })).organizationId;
  };
  for (const entity of ['organization', 'person'] as const) {
    const path = `/${PATH[entity]}/:id/split`;
    app.get(path, guard(opts, 'edit-content'), async (c) => html(c, await splitPage(c, entity, idParam(c))));
    app.post(path, guard(opts, 'edit-content'), async (c) => {
      const id = idParam(c);
      const b = await c.req.parseBody({ all: true });
      try {
        const newId = await split(c, entity, id, b);
        return c.redirect(`/admin/${PATH[entity]}/${newId}?split=1`, 303);
      } catch (e) {
        if (e instanceof InvalidInput) return await html(c, await splitPage(c, entity, id, refusalText(t, e.refusals)), 400);
        throw e;
      }
    });
  }
}

/** A text made when the page is rendered rather than when the section is built (IdentitySection is awaited in its route). */
function Said(p: { text: () => string }) {
  return <>{p.text()}</>;
}

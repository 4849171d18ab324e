// Every page of the app, instantiated with real records (test/every-page-browser.test.ts checks each in
// Chromium with axe and the Nu checker; test/pseudo-locale.test.ts renders each in the pseudo-locale):
// the seed event, a demo archive beside it (a second page of /people, names in many scripts), French
// titles entered through the workspace's forms, a frozen publication, a speaker's link with a correction
// waiting, an import draft. The list is checked against the app's own route table (uncheckedRoutes), so
// a page added later fails both tests until it is listed here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { planArchive, storeArchive } from '../src/operations/demo-archive.ts';
import { createImportDraft } from '../src/operations/import-draft.ts';
import { addMaterialFile, deleteMaterial } from '../src/operations/materials.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { saveForm } from '../src/operations/edit-record.ts';
import { signIn, signOut } from '../src/operations/accounts.ts';
import { mergeRecords } from '../src/operations/identities.ts';
import { write } from '../src/storage/write.ts';
import { agenda as agendaOf, person as personOf, session as sessionOf } from './factories.ts';
import { ensurePublication, freezeEdition, savePublication } from '../src/operations/publications.ts';
import { createSpeakerLink, finaliseLink, openLink, proposeCorrection, rejectSubmission, revokeSpeakerLink, submitGender, submitMaterial } from '../src/operations/speaker-links.ts';
import type { Language } from '../src/domain/language.ts';
import type { MessageKey } from '../src/web/i18n/messages.ts';
import { createApp } from '../src/web/app.tsx';
import { PageCache } from '../src/web/page-cache.ts';
import { publicationOptions } from '../src/web/views/publication-words.ts';
import { type Signed, signedIn, versions } from './http-client.ts';
import { demoSite, type TestSite } from './server.ts';

export const EVENT = 'idm-2017-new-york';
export const SERIES = 'international-dialogue-on-migration';

/** GET routes that answer something other than an HTML page of their own, each with what it answers. */
export const NOT_HTML: Record<string, string> = {
  '/events/:slug/calendar.ics': 'iCalendar (read by calendar programs in test/client-languages.test.ts)',
  '/events/:slug/sessions/:id/calendar.ics': 'iCalendar',
  '/people/:slug/calendar.ics': 'iCalendar',
  '/events/:slug/schedule.xml': 'frab XML (checked against its XSD in test/schedule.test.ts)',
  '/events/:slug/schedule.json': 'C3VOC schedule JSON',
  '/events/:slug/changes.atom': 'Atom feed',
  '/events/:slug/participants.csv': 'CSV',
  '/events/:slug/participants.xlsx': 'a spreadsheet',
  '/events/:slug/representation.csv': 'CSV',
  '/events/:slug/representation.json': 'JSON',
  '/series/:slug/representation.csv': 'CSV',
  '/series/:slug/representation.json': 'JSON',
  '/time-zone.js': 'a script',
  '/healthz': 'JSON for load balancers',
  '/files/:id': 'stored files (PDF, DOCX, images)',
  '/api/openapi.json': 'the OpenAPI document (JSON)',
  '/api/workspace/series/:id': 'JSON',
  '/api/workspace/events/:id': 'JSON',
  '/api/workspace/days/:id': 'JSON',
  '/api/workspace/sessions/:id': 'JSON',
  '/api/workspace/appearances/:id': 'JSON',
  '/api/workspace/persons/:id': 'JSON',
  '/api/workspace/organizations/:id': 'JSON',
  '/api/series': 'JSON',
  '/api/series/:slug': 'JSON',
  '/api/events': 'JSON',
  '/api/events/:slug': 'JSON',
  '/api/events/:slug/releases': 'JSON',
  '/api/sessions/:id': 'JSON',
  '/api/people': 'JSON',
  '/api/people/:slug': 'JSON',
  '/api/organizations': 'JSON',
  '/api/organizations/:slug': 'JSON',
  '/api/countries': 'JSON',
  '/api/countries/:code': 'JSON',
  '/api/search': 'JSON',
  '/api/publications/:slug': 'JSON',
  '/publications/:slug': 'a redirect (302) to the latest edition, /publications/:slug/:edition, checked below',
  '/admin/files/:id': 'a stored file of a draft, sent as it is',
  '/admin/speaker-submissions/:id/file': "a speaker's uploaded file, sent as it is",
  '/admin/suggest.js': 'a script',
  '/admin/suggest': 'JSON (names as they are typed)',
};

export type Instance = { path: string; status?: number };

/**
 * A page that answers a post of the app's own form (a form refused, a conflict, a refusal, a confirmation, a
 * result): both tests open `open`, fill the form whose action is `action` with `fill` (the rest as the page
 * gave it), let `meanwhile` happen, press the button (`press`, else the form's submit) and check what comes
 * back, in each language. `prepare` is called once per language (its tag) and makes what one post uses up.
 */
export type PostState = {
  name: string;
  status: number;
  /** posted signed out (a speaker's link, the sign-in) */
  signedOut?: boolean;
  /** the cookies the page set are gone when the form is sent (the sign-in's token) */
  forgetCookies?: boolean;
  /** the form's file field gets a small PDF of this name */
  file?: string;
  /** the submit button pressed, by its name and value */
  press?: { name: string; value: string };
  /** messages the page must show (their words between placeholders), so that the state is the one meant */
  shows?: MessageKey[];
  /** `as`: another account's sign-in, posting instead of the admin's */
  prepare: (tag: string) => Promise<{ open: string; action: string; fill?: Record<string, string>; meanwhile?: () => Promise<void>; as?: Signed }>;
};

/** A route's path without its language prefix (/fr/events/:slug → /events/:slug; /fr → /). */
export const routeOf = (path: string) => path.replace(/^\/(?:fr|es|ar)(?=\/|$)/, '') || '/';

/** The fixed words of a message (between its placeholders), each to be found on a page that shows it. */
export const wordsOf = (message: string) => message.split(/\{\w+\}/).map((x) => x.trim()).filter((x) => /\p{L}{3}/u.test(x));

export type EveryPage = {
  site: TestSite;
  /** route → its pages (paths without a language prefix) */
  pages: Map<string, Instance[]>;
  /** routes of the workspace (signed in) */
  workspace: Set<string>;
  admin: Awaited<ReturnType<typeof signedIn>>;
  adminCookie: Awaited<ReturnType<typeof signedIn>>['browserCookie'];
  /** a viewer of another series, for the workspace's 403 page */
  viewerCookie: Awaited<ReturnType<typeof signedIn>>['browserCookie'];
  /** a workspace page that viewer may not open */
  forbidden: string;
  /** the event's and a session's workspace forms, for the pages answering a post */
  eventPath: string;
  sessionPath: string;
  /** the event's materials page and a material with a file on it, for the materials' conflict pages */
  materialsPath: string;
  materialId: number;
  /** the other pages answering a post of a form (test/every-page-browser.test.ts and test/pseudo-locale.test.ts post each) */
  posts: PostState[];
};

/** The site and every page of it. `publicationLang`: the publication's language, whose words its frozen edition has. */
export async function everyPage(opts: { publicationLang?: Language } = {}): Promise<EveryPage> {
  const site = await demoSite();
  // A demo archive beside the seed event: more than one page of people, names in many scripts.
  await storeArchive(site.storage, planArchive(44, 1));
  const db = site.storage.db;
  const admin = await signedIn(site.storage, site.base, { email: 'every-page@example.org', role: 'admin' });
  const adminCookie = admin.browserCookie;
  const account = (await db.selectFrom('account').select('id').where('email', '=', 'every-page@example.org').executeTakeFirstOrThrow()).id;
  const event = await db.selectFrom('event').select(['id', 'series_id']).where('slug', '=', EVENT).executeTakeFirstOrThrow();
  const day = await db.selectFrom('day').select('id').where('event_id', '=', event.id).orderBy('date').executeTakeFirstOrThrow();
  const session = await db.selectFrom('session').select('id').where('day_id', '=', day.id).orderBy('id').executeTakeFirstOrThrow();
  const appearance = await db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'a.person_id', 'a.organization_id', 'p.slug']).where('p.slug', '=', 'william-lacy-swing').orderBy('a.id').executeTakeFirstOrThrow();
  const organization = await db.selectFrom('organization').select(['id', 'slug']).where('id', '=', appearance.organization_id!).executeTakeFirstOrThrow();
  // An event, a series and a person of the demo archive (names in many scripts, statements).
  const other = await db.selectFrom('event').select(['slug', 'series_id']).where('slug', '!=', EVENT).orderBy('id').executeTakeFirstOrThrow();
  const otherSeries = await db.selectFrom('series').select('slug').where('id', '=', other.series_id).executeTakeFirstOrThrow();
  const otherPerson = await db.selectFrom('person').select('slug').where('name', '>', 'z').orderBy('name', 'desc').executeTakeFirstOrThrow();
  // A viewer of another series, for the workspace's 403 page.
  const viewerCookie = (await signedIn(site.storage, site.base, { email: 'every-page-viewer@example.org', role: 'viewer', series: [otherSeries.slug] })).browserCookie;
  const country = await db.selectFrom('appearance').select('country_code').where('country_code', 'is not', null).orderBy('id').executeTakeFirstOrThrow();

  // The series' and the event's titles in French, entered on the workspace's forms.
  const seriesForm = await admin.get(`/admin/series/${SERIES}/translations/fr`);
  assert.equal((await admin.post(`/admin/series/${SERIES}/translations/fr`, { ...versions(seriesForm.body), 'series.title': 'Dialogue international sur la migration', 'series.description': '' })).status, 303);
  const eventForm = await admin.get(`/admin/events/${event.id}/translations/fr`);
  const fields = Object.fromEntries([...eventForm.body.matchAll(/<(?:input|textarea) id="[^"]+" name="([^"]+)"/g)].map((m) => [m[1]!, '']));
  assert.equal((await admin.post(`/admin/events/${event.id}/translations/fr`, { ...fields, ...versions(eventForm.body), 'event.title': 'Dialogue international sur la migration 2017, New York' })).status, 303);
  assert.equal((await admin.post(`/admin/events/${event.id}/publish`, { note: 'Titre en français' })).status, 303);

  // A change not yet published (a session's French title), for the publish page's list of changes and the preview.
  const again = await admin.get(`/admin/events/${event.id}/translations/fr`);
  const sessionField = [...again.body.matchAll(/name="(session\.\d+\.title)"/g)][0]![1]!;
  const keep = Object.fromEntries([...again.body.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*? value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  assert.equal((await admin.post(`/admin/events/${event.id}/translations/fr`, { ...fields, ...keep, ...versions(again.body), [sessionField]: 'Séance d’ouverture' })).status, 303);
  // A frozen publication of the event.
  const p = await ensurePublication(site.storage, { event: EVENT });
  await savePublication(site.storage, p.id, p.version, { title: p.title, subtitle: 'Report of the workshop', lang: opts.publicationLang ?? 'en', foreword: 'The first workshop of 2017.', summary: 'Cities and the compact.', excerpts: {} }, null);
  await freezeEdition(site.storage, p.id, publicationOptions(site.base, opts.publicationLang ?? 'en'));
  // A speaker's link with a correction waiting in the editors' queue.
  const link = await createSpeakerLink(site.storage, { appearanceId: appearance.id, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: account });
  const submission = await proposeCorrection(site.storage, await openLink(site.storage, link.token), { name: 'William Lacy Swing', affiliation_position: 'Director-General' });
  // An agenda uploaded into the event, waiting for its confirmation.
  const draft = await createImportDraft(site.storage, {
    accountId: account,
    seriesId: event.series_id,
    eventId: event.id,
    target: { slug: EVENT, title: null, timeZone: null, startDate: null, lang: 'en' },
    upload: { name: 'agenda.txt', bytes: await readFile(new URL('../demo/idm-2017-new-york.agenda.txt', import.meta.url)) },
  });
  // A document with a file, for the materials page's forms and their conflict pages.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
  const { materialId } = await addMaterialFile(site.storage, { eventId: event.id, appearanceId: null, fields: { kind: 'other', lang: 'en', label: 'Background note' }, upload: { name: 'background-note.pdf', bytes: pdf } }, { maxBytes: 1024 * 1024 });
  // The speaker's statement and gender waiting too, and a correction already rejected (the queue's decided list).
  await submitMaterial(site.storage, await openLink(site.storage, link.token), { kind: 'statement', lang: 'en', label: 'Opening statement', upload: { name: 'statement.pdf', bytes: pdf } }, { maxBytes: 1024 * 1024 });
  await submitGender(site.storage, await openLink(site.storage, link.token), { gender: 'another', gender_term: 'non-binary' });
  const rejected = await proposeCorrection(site.storage, await openLink(site.storage, link.token), { name: 'W. L. Swing', affiliation_position: 'Director' });
  await rejectSubmission(site.storage, rejected, account);
  // A second page of people (the demo archive has more than a hundred).
  const people = Number((await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  assert.ok(people > 100, `${people} people: /people has a second page`);

  const s = (path: string, status = 200): Instance => ({ path, status });
  const publicPages: Record<string, Instance[]> = {
    '/': [s('/'), s('/no-such-page', 404)],
    '/series': [s('/series')],
    '/series/:slug': [s(`/series/${SERIES}`), s(`/series/${otherSeries.slug}`), s('/series/no-such-series', 404)],
    '/events': [s('/events')],
    '/events/:slug': [s(`/events/${EVENT}`), s(`/events/${EVENT}?tz=Asia/Tokyo`), s(`/events/${other.slug}`), s('/events/no-such-event', 404)],
    '/events/:slug/time-zone': [s(`/events/${EVENT}/time-zone`)],
    '/events/:slug/changes': [s(`/events/${EVENT}/changes`)],
    '/events/:slug/representation': [s(`/events/${EVENT}/representation`)],
    '/series/:slug/representation': [s(`/series/${SERIES}/representation`)],
    '/series/:slug/representation/:year': [s(`/series/${SERIES}/representation/2017`)],
    '/people': [s('/people'), s('/people?page=2'), s('/people?page=0', 400)],
    '/people/:slug': [s(`/people/${appearance.slug}`), s(`/people/${otherPerson.slug}`)],
    '/organizations': [s('/organizations')],
    '/organizations/:slug': [s(`/organizations/${organization.slug}`)],
    '/countries': [s('/countries')],
    '/countries/:code': [s(`/countries/${country.country_code!.toLowerCase()}`)],
    '/search': [s('/search'), s('/search?q=migration'), s(`/search?q=migration&series=${event.series_id}`), s('/search?q=migration&page=x', 400)],
    '/publications/:slug/:edition': [s(`/publications/${EVENT}/1`)],
    '/publications/:slug/:edition/publication.html': [s(`/publications/${EVENT}/1/publication.html`)],
    '/api': [s('/api')],
    '/speak/:token': [s(`/speak/${link.token}`)],
    '/admin/login': [s('/admin/login')],
  };
  const adminPages: Record<string, Instance[]> = {
    '/admin': [s('/admin'), s('/admin/events/999999', 404)],
    '/admin/series/:slug': [s(`/admin/series/${SERIES}`)],
    '/admin/new-series': [s('/admin/new-series')],
    '/admin/series/:slug/edit': [s(`/admin/series/${SERIES}/edit`)],
    '/admin/series/:slug/events/new': [s(`/admin/series/${SERIES}/events/new`)],
    '/admin/events/:id': [s(`/admin/events/${event.id}`)],
    '/admin/events/:id/days/new': [s(`/admin/events/${event.id}/days/new`)],
    '/admin/days/:id': [s(`/admin/days/${day.id}`)],
    '/admin/days/:id/sessions/new': [s(`/admin/days/${day.id}/sessions/new`)],
    '/admin/sessions/:id': [s(`/admin/sessions/${session.id}`)],
    '/admin/appearances/:id': [s(`/admin/appearances/${appearance.id}`)],
    '/admin/persons/:id': [s(`/admin/persons/${appearance.person_id}`)],
    '/admin/organizations/:id': [s(`/admin/organizations/${organization.id}`)],
    '/admin/days/:id/delete': [s(`/admin/days/${day.id}/delete`)],
    '/admin/sessions/:id/delete': [s(`/admin/sessions/${session.id}/delete`)],
    '/admin/appearances/:id/delete': [s(`/admin/appearances/${appearance.id}/delete`)],
    '/admin/audit': [s('/admin/audit')],
    '/admin/events/:eventId/materials': [s(`/admin/events/${event.id}/materials`)],
    '/admin/events/:id/translations/:lang': [s(`/admin/events/${event.id}/translations/fr`), s(`/admin/events/${event.id}/translations/es`)],
    '/admin/series/:slug/translations/:lang': [s(`/admin/series/${SERIES}/translations/fr`)],
    '/admin/speaker-submissions': [s('/admin/speaker-submissions')],
    '/admin/series/:slug/import': [s(`/admin/series/${SERIES}/import`)],
    '/admin/events/:eventId/import': [s(`/admin/events/${event.id}/import`)],
    '/admin/imports/:draftId': [s(`/admin/imports/${draft}`)],
    '/admin/events/:id/publish': [s(`/admin/events/${event.id}/publish`)],
    '/admin/events/:id/preview': [s(`/admin/events/${event.id}/preview`)],
    '/admin/series/:slug/publications': [s(`/admin/series/${SERIES}/publications`)],
    '/admin/publications/:id': [s(`/admin/publications/${p.id}`)],
    '/admin/persons/:id/merge': [s(`/admin/persons/${appearance.person_id}/merge`)],
    '/admin/organizations/:id/merge': [s(`/admin/organizations/${organization.id}/merge`)],
    '/admin/organizations/:id/split': [s(`/admin/organizations/${organization.id}/split`)],
    '/admin/persons/:id/split': [s(`/admin/persons/${appearance.person_id}/split`)],
  };
  void submission;

  // ---- the pages answering a post ----------------------------------------------------------------
  const actor = { accountId: account };
  const pdfOf = (tag: string) => Buffer.concat([Buffer.from(`%PDF-1.4\n${tag}\n`), Buffer.alloc(1000, 0x41), Buffer.from('\n%%EOF\n')]);
  const mat = `/admin/events/${event.id}/materials`;
  const lastDay = await db.selectFrom('day').select('id').where('event_id', '=', event.id).orderBy('date', 'desc').executeTakeFirstOrThrow();
  const newLink = async () => (await createSpeakerLink(site.storage, { appearanceId: appearance.id, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: account })).token;
  // A sign-in locked: five wrong passwords for one address (not from the test's own address, which is not locked).
  let locked = false;
  // The import's report: an event of its own per post (imported, then edited by hand, a statement with a file given to
  // Bo Chen), and the page again without Bo Chen, with "W. L. Swing" chosen as William Lacy Swing, who is on the page
  // already (listed twice), and "Juan Camacho" beside Juan José Gómez Camacho (a doubtful identity).
  const importReport = async (tag: string) => {
    const slug = `report-${tag}`;
    // A surname of each language's own, so that no earlier post's choices (stored as names of a person) decide this one's.
    const surname = ({ en: 'Camacho', fr: 'Moreno', es: 'Herrera', ar: 'Castillo' } as Record<string, string>)[tag] ?? 'Ibarra';
    await importAgenda(site.storage, agendaOf([{ date: '2016-01-10', sessions: [sessionOf({ title: 'Earlier', speakers: [personOf(`Juan José Gómez ${surname}`)] })] }]), {
      series: { slug: 'import-reports', title: 'Import reports' },
      event: { slug: `${slug}-earlier`, title: `Earlier ${tag}`, timeZone: 'Europe/Zurich' },
    });
    await importAgenda(
      site.storage,
      agendaOf([{ date: '2025-06-02', sessions: [sessionOf({ start: '10:00', end: '11:00', number: 1, title: 'Labour mobility', speakers: [personOf('Ann Lee'), personOf('Bo Chen', { materials: [{ kind: 'statement', label: 'Statement' }] })] })] }]),
      { series: { slug: 'import-reports', title: 'Import reports' }, event: { slug, title: `Report ${tag}`, timeZone: 'Europe/Zurich' } },
    );
    const e = await db.selectFrom('event').select(['id', 'series_id']).where('slug', '=', slug).executeTakeFirstOrThrow();
    const s1 = await db.selectFrom('session').selectAll().where('event_id', '=', e.id).executeTakeFirstOrThrow();
    await write(site.storage, (trx) => trx.updateTable('material').set({ url: 'https://example.org/statement.pdf' }).where('event_id', '=', e.id).execute());
    await saveForm(site.storage, actor, 'session', s1.id, s1.version, { kind: s1.kind, number: '1', title: 'Labour mobility, as edited', start_time: '10:00', end_time: '11:00' });
    const id = await createImportDraft(site.storage, {
      accountId: account,
      seriesId: e.series_id,
      eventId: e.id,
      target: { slug, title: null, timeZone: null, startDate: null, lang: 'en' },
      upload: { name: 'again.txt', bytes: Buffer.from(`Monday 2 June 2025\n\n10:00 - 11:00    Labour mobility\n\n  • Ann Lee\n  • William Lacy Swing\n  • W. L. Swing\n  • Juan ${surname}\n`) },
    });
    const page = (await admin.get(`/admin/imports/${id}`)).body;
    // Once chosen (the first post), "W. L. Swing" is a name of William Lacy Swing: later drafts know him by it.
    const radio = /<input type="radio" id="[^"]*" name="([^"]+)" value="william-lacy-swing"/.exec(page);
    const fill: Record<string, string> = radio ? { [radio[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')]: 'william-lacy-swing' } : {};
    return { open: `/admin/imports/${id}`, action: `/admin/imports/${id}`, fill };
  };
  const at = (open: string, fill: Record<string, string> = {}, action = open) => async () => ({ open, action, fill });
  // An agenda uploaded into a series as a new event: the draft asks for the event's address, title, zone and language.
  const newEventDraft = await createImportDraft(site.storage, {
    accountId: account,
    seriesId: event.series_id,
    eventId: null,
    target: { slug: 'idm-2017-again', title: null, timeZone: 'America/New_York', startDate: null, lang: 'en' },
    upload: { name: 'agenda.txt', bytes: await readFile(new URL('../demo/idm-2017-new-york.agenda.txt', import.meta.url)) },
  });
  const posts: PostState[] = [
    // Each form refused (400), the message beside its field.
    { name: 'a new series refused', status: 400, prepare: at('/admin/new-series', { slug: 'Not A Slug', title: '' }, '/admin/series') },
    { name: "a series' form refused", status: 400, prepare: at(`/admin/series/${SERIES}/edit`, { slug: 'Not A Slug', title: '' }) },
    { name: 'a new event refused', status: 400, prepare: at(`/admin/series/${SERIES}/events/new`, { slug: 'Not A Slug', title: '', start_date: '2017-13-01', time_zone: 'Mars/Olympus' }, `/admin/series/${SERIES}/events`) },
    { name: 'a new day refused', status: 400, prepare: at(`/admin/events/${event.id}/days/new`, { date: '2017-13-01' }, `/admin/events/${event.id}/days`) },
    { name: "a day's form refused", status: 400, prepare: at(`/admin/days/${day.id}`, { date: '2017-13-01' }) },
    { name: 'a new session refused', status: 400, prepare: at(`/admin/days/${day.id}/sessions/new`, { start_time: '25:00', end_time: 'noon' }, `/admin/days/${day.id}/sessions`) },
    { name: "a session's form refused", status: 400, prepare: at(`/admin/sessions/${session.id}`, { start_time: '25:00' }) },
    { name: 'a person added without a name', status: 400, prepare: at(`/admin/sessions/${session.id}`, { name: ' ' }, `/admin/sessions/${session.id}/appearances`) },
    { name: 'a name typed that resembles people of the archive (asked first)', status: 200, shows: ['edit.similar'], prepare: at(`/admin/sessions/${session.id}`, { name: 'W. Lacy Swing' }, `/admin/sessions/${session.id}/appearances`) },
    { name: "an appearance's form refused", status: 400, prepare: at(`/admin/appearances/${appearance.id}`, { role_label: 'x'.repeat(101) }) },
    { name: "a person's form refused", status: 400, prepare: at(`/admin/persons/${appearance.person_id}`, { name: '' }) },
    { name: "an organization's form refused", status: 400, prepare: at(`/admin/organizations/${organization.id}`, { name: '' }) },
    { name: 'a session moved from an old version (refused)', status: 409, prepare: at(`/admin/sessions/${session.id}`, { version: '999999', day_id: String(lastDay.id) }, `/admin/sessions/${session.id}/move`) },
    { name: 'a session deleted from an old version (refused)', status: 409, prepare: at(`/admin/sessions/${session.id}/delete`, { version: '999999' }) },
    { name: "an event's translation refused (too long)", status: 400, prepare: at(`/admin/events/${event.id}/translations/es`, { 'event.title': 'x'.repeat(5000) }) },
    { name: "an event's translation saved from an old version (the form again over the stored texts)", status: 409, prepare: at(`/admin/events/${event.id}/translations/es`, { 'event.title': 'Diálogo internacional sobre la migración', [`version.event.${event.id}`]: '999999' }) },
    { name: 'a split with nothing chosen', status: 400, prepare: at(`/admin/persons/${appearance.person_id}/split`, {}) },
    { name: "a publication's form without a title", status: 400, prepare: at(`/admin/publications/${p.id}`, { title: '' }) },
    // Materials: an upload without a file, a version without one, a label left empty, a stale delete, one deleted meanwhile.
    { name: 'a material uploaded without a file', status: 400, prepare: at(mat, { label: 'No file' }, mat) },
    { name: "a material's version without a file", status: 400, prepare: at(mat, {}, `/admin/materials/${materialId}/versions`) },
    { name: "a material's label left empty", status: 400, prepare: at(mat, { label: '' }, `/admin/materials/${materialId}`) },
    {
      name: 'a material deleted from the version shown, changed meanwhile (409)',
      status: 409,
      prepare: async (tag) => ({
        open: mat,
        action: `/admin/materials/${materialId}/delete`,
        meanwhile: async () => {
          const { version } = await db.selectFrom('material').select('version').where('id', '=', materialId).executeTakeFirstOrThrow();
          await db.updateTable('material').set({ label: `Background note (${tag}, deleting)`, version: version + 1 }).where('id', '=', materialId).execute();
        },
      }),
    },
    {
      name: 'a material deleted meanwhile by another editor (refused as deleted)',
      status: 404,
      shows: ['formError.materialDeleted'],
      prepare: async (tag) => {
        const made = await addMaterialFile(site.storage, { eventId: event.id, appearanceId: null, fields: { kind: 'other', lang: 'en', label: `Gone (${tag})` }, upload: { name: `gone-${tag}.pdf`, bytes: pdfOf(tag) } }, { maxBytes: 1024 * 1024 });
        return {
          open: mat,
          action: `/admin/materials/${made.materialId}`,
          fill: { label: `Gone, relabelled (${tag})` },
          meanwhile: async () => {
            const { version } = await db.selectFrom('material').select('version').where('id', '=', made.materialId).executeTakeFirstOrThrow();
            await deleteMaterial(site.storage, made.materialId, version, actor);
          },
        };
      },
    },
    // Importing: an upload without a file, a correction refused, the report after "Import".
    { name: 'an agenda uploaded without a file', status: 400, prepare: at(`/admin/events/${event.id}/import`) },
    { name: 'an agenda uploaded as a new event without a file', status: 400, prepare: at(`/admin/series/${SERIES}/import`, { 'event.slug': 'Not A Slug', 'event.timeZone': 'Mars/Olympus' }) },
    { name: "a new event's import correction refused", status: 400, press: { name: 'do', value: 'apply' }, prepare: at(`/admin/imports/${newEventDraft}`, { 'event.slug': 'Not A Slug', 'event.timeZone': 'Mars/Olympus' }) },
    { name: "an import's correction refused", status: 400, press: { name: 'do', value: 'apply' }, prepare: at(`/admin/imports/${draft}`, { 'event.startDate': '2017-13-01' }) },
    { name: "the import's report (kept as edited, doubtful identities, a person listed twice, a document kept)", status: 200, press: { name: 'do', value: 'confirm' }, shows: ['importPage.doneKept', 'formError.reportFieldKept', 'importPage.doneDoubtful', 'importPage.doneWarnings', 'formError.reportListedTwice', 'formError.reportMaterialKept'], prepare: importReport },
    // A speaker's link: made (the address to send), and the speaker's forms refused and handed in.
    { name: "a speaker's link made", status: 200, shows: ['speakerLink.admin.created.once'], prepare: at(`/admin/appearances/${appearance.id}`, {}, `/admin/appearances/${appearance.id}/speaker-links`) },
    { name: "a speaker's correction without a name", status: 400, signedOut: true, prepare: at(`/speak/${link.token}`, { name: '' }, `/speak/${link.token}/correction`) },
    { name: "a speaker's document without a file", status: 400, signedOut: true, prepare: at(`/speak/${link.token}`, { label: 'Statement' }, `/speak/${link.token}/materials`) },
    { name: "a speaker's gender, none chosen", status: 400, signedOut: true, prepare: at(`/speak/${link.token}`, {}, `/speak/${link.token}/gender`) },
    {
      name: "a speaker's statement handed in",
      status: 200,
      shows: ['speakerLink.done.body'],
      signedOut: true,
      prepare: async () => {
        const token = await newLink();
        return { open: `/speak/${token}`, action: `/speak/${token}/send` };
      },
    },
    // A session's form sent after its sign-in ended (signed out in another tab): what was typed is shown back, by field.
    {
      name: 'a form sent after the sign-in ended',
      status: 401,
      shows: ['admin.error.kept'],
      prepare: async (tag) => {
        const other = await signedIn(site.storage, site.base, { email: `ended-${tag}@example.org`, role: 'admin' });
        return { open: `/admin/sessions/${session.id}`, action: `/admin/sessions/${session.id}`, fill: { title: `Typed before the sign-in ended (${tag})` }, as: other, meanwhile: () => signOut(site.storage, other.token) };
      },
    },
    // Signing in: a wrong password, and an account locked after too many.
    { name: 'a sign-in without its token (the page opened elsewhere, cookies gone)', status: 403, signedOut: true, forgetCookies: true, shows: ['admin.signIn.noToken'], prepare: at('/admin/login', { email: 'nobody@example.org', password: 'not the password' }) },
    { name: 'a sign-in refused', status: 401, shows: ['admin.signIn.wrong'], signedOut: true, prepare: at('/admin/login', { email: 'nobody@example.org', password: 'not the password' }) },
    {
      name: 'a sign-in locked (too many attempts)',
      status: 429,
      shows: ['formError.tooManySignIns'],
      signedOut: true,
      prepare: async () => {
        for (let i = 0; !locked && i < 5; i++) await signIn(site.storage, { email: 'locked@example.org', password: 'wrong', address: '192.0.2.77' }).catch(() => undefined);
        locked = true;
        return { open: '/admin/login', action: '/admin/login', fill: { email: 'locked@example.org', password: 'wrong' } };
      },
    },
  ];
  // The speaker's page once the statement is handed in, and once the link is revoked (410).
  const handedIn = await newLink();
  await finaliseLink(site.storage, await openLink(site.storage, handedIn));
  const revoked = await createSpeakerLink(site.storage, { appearanceId: appearance.id, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: account });
  await revokeSpeakerLink(site.storage, revoked.id);
  publicPages['/speak/:token']!.push(s(`/speak/${link.token}?sent=correction`), s(`/speak/${handedIn}`, 410), s(`/speak/${revoked.token}`, 410));
  // Where a post sends the browser back: a frozen edition's notice, a release's.
  adminPages['/admin/publications/:id']!.push(s(`/admin/publications/${p.id}?frozen=1`));
  adminPages['/admin/events/:id/publish']!.push(s(`/admin/events/${event.id}/publish?published=1`), s(`/admin/events/${event.id}/publish?unchanged=1`), s(`/admin/events/${event.id}/publish?withdrawn=1`));
  adminPages['/admin/audit']!.push(s('/admin/audit?reverted=1'));
  adminPages['/admin/imports/:draftId']!.push(s(`/admin/imports/${newEventDraft}`));
  // The merge pages with people found and with one chosen (what merging would do), and a person after a merge (its undo).
  const otherPersonId = (await db.selectFrom('person').select('id').where('slug', '=', otherPerson.slug).executeTakeFirstOrThrow()).id;
  const otherOrganization = await db.selectFrom('organization').select('id').where('id', '!=', organization.id).orderBy('id').executeTakeFirstOrThrow();
  adminPages['/admin/persons/:id/merge']!.push(s(`/admin/persons/${appearance.person_id}/merge?q=Swing`), s(`/admin/persons/${appearance.person_id}/merge?other=${otherPersonId}`));
  adminPages['/admin/organizations/:id/merge']!.push(s(`/admin/organizations/${organization.id}/merge?q=migration`), s(`/admin/organizations/${organization.id}/merge?other=${otherOrganization.id}`));
  // One who shares a session with him: merging them is refused on the page (a person twice in one session).
  const alongside = await db.selectFrom('appearance').select('person_id').where('session_id', '=', (await db.selectFrom('appearance').select('session_id').where('id', '=', appearance.id).executeTakeFirstOrThrow()).session_id).where('person_id', '!=', appearance.person_id).orderBy('id').executeTakeFirst();
  if (alongside) adminPages['/admin/persons/:id/merge']!.push(s(`/admin/persons/${appearance.person_id}/merge?other=${alongside.person_id}`));
  await importAgenda(site.storage, agendaOf([{ date: '2016-03-01', sessions: [sessionOf({ title: 'Merged', start: '10:00', end: '11:00', speakers: [personOf('Amina Keeper')] }), sessionOf({ title: 'Merged again', start: '12:00', end: '13:00', speakers: [personOf('A. M. Keeper')] })] }]), {
    series: { slug: 'import-reports', title: 'Import reports' },
    event: { slug: 'merged-2016', title: 'Merged', timeZone: 'Europe/Zurich' },
  });
  const keeper = await db.selectFrom('person').select('id').where('name', '=', 'Amina Keeper').executeTakeFirstOrThrow();
  const merged = await db.selectFrom('person').select('id').where('name', '=', 'A. M. Keeper').executeTakeFirstOrThrow();
  const { mergeId } = await mergeRecords(site.storage, actor, 'person', keeper.id, merged.id);
  adminPages['/admin/persons/:id']!.push(s(`/admin/persons/${keeper.id}?merged=${mergeId}`));
  const pages = new Map<string, Instance[]>();
  const workspace = new Set<string>();
  for (const [route, list] of Object.entries(publicPages)) pages.set(route, list);
  for (const [route, list] of Object.entries(adminPages)) {
    pages.set(route, list);
    workspace.add(route);
  }
  return {
    site,
    pages,
    workspace,
    admin,
    adminCookie,
    viewerCookie,
    forbidden: `/admin/events/${event.id}/publish`,
    eventPath: `/admin/events/${event.id}`,
    sessionPath: `/admin/sessions/${session.id}`,
    materialsPath: `/admin/events/${event.id}/materials`,
    materialId,
    posts,
  };
}

/** GET routes of the app neither instantiated in `pages` nor listed in NOT_HTML, and listed ones the app no longer has. */
export function uncheckedRoutes(site: TestSite, pages: Map<string, Instance[]>): { unchecked: string[]; gone: string[] } {
  const app = createApp({ storage: site.storage, cache: new PageCache(site.storage.generation), baseUrl: () => site.base });
  const routes = new Set(app.routes.filter((r) => r.method === 'GET' && !r.path.endsWith('*')).map((r) => routeOf(r.path)));
  for (const r of Object.keys(NOT_HTML)) assert.ok(!pages.has(r), `${r} is both a page and not HTML`);
  return {
    unchecked: [...routes].filter((r) => !pages.has(r) && !(r in NOT_HTML)),
    gone: [...pages.keys(), ...Object.keys(NOT_HTML)].filter((r) => !routes.has(r)),
  };
}

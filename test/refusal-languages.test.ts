// Refusals and joined texts in the reader's language (issue 13), through the running server on every
// engine: a program named .pdf and an upload over the limit (French, Arabic), a form without its CSRF
// token and one from a foreign Origin, a stale save's conflict page, a speaker link's past expiry day and
// the publication form's refusals, each with the exact text the page shows; then the changes a publication
// would make (a moved session's "date, time", the event's changed fields as a list) and frab's roles line
// under /fr/ and /ar/. The English of the same refusals is pinned by test/rejections.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { publishEvent } from '../src/operations/releases.ts';
import { translator } from '../src/web/i18n/t.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { decode, hidden, http, signedIn } from './http-client.ts';
import { interfaceLanguage } from '../src/interface-languages.ts';

const LIMIT = 1024 * 1024;
const NBSP = '\u00a0';
// The page's text with its no-break spaces kept (http-client's decode folds them into spaces).
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const text = (html: string) => unescape(html.replace(/<[^>]+>/g, ' ').replace(/[ \t\r\n]+/g, ' '));
const alert = (html: string) => html.match(/<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/)?.[1];
const fileError = (html: string) => html.match(/<strong class="field-error" id="upload-error">([^<]*)<\/strong>/)?.[1];
// A Windows program: "MZ", then the PE header where the DOS header says it is.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x40, 0, 0, 0]), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const engine of ENGINES) {
  describe(`refusals and joins in the reader's language on ${engine}`, () => {
    test('French and Arabic pages say each refusal in their language; lists and dates with times joined by Intl', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: LIMIT });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const idm = await q.selectFrom('session').select(['id', 'version', 'event_id']).where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });

        // Uploads: a program named .pdf (French), a file one byte over the limit (Arabic).
        const upload = async (prefix: string, name: string, bytes: Buffer) => {
          const page = await ed.get(`${prefix}/admin/events/${idm.event_id}/materials`);
          const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
          const fd = new FormData();
          fd.set('_csrf', csrf);
          fd.set('kind', 'statement');
          fd.set('lang', 'en');
          fd.set('label', 'Déclaration');
          fd.set('appearance', '');
          fd.set('file', new Blob([bytes], { type: 'application/pdf' }), name);
          return await ed.postMultipart(`${prefix}/admin/events/${idm.event_id}/materials`, fd);
        };
        const exe = await upload('/fr', 'statement.pdf', EXE);
        assert.equal(exe.status, 400);
        assert.equal(
          unescape(fileError(exe.body) ?? ''),
          `statement.pdf est un programme Windows (.exe), bien que son nom se termine par .pdf${NBSP}: il a été refusé${NBSP}; envoyez un fichier PDF, DOCX, PPTX, ODT, JPEG, PNG ou WebP Choisissez de nouveau le fichier${NBSP}: rien n’a été enregistré.`,
        );
        const big = await upload('/ar', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT + 1 - PDF.length, 0x20)]));
        assert.equal(big.status, 400);
        // The sizes written by Intl in the reader's language (LIMIT is 1,048,576 bytes).
        assert.equal(unescape(fileError(big.body) ?? ''), 'حجم الملف big.pdf هو 1,048,577 بايت؛ ولا يجوز أن يتجاوز حجم الملف المرسَل 1,048,576 بايت (1 ميغابايت) اختر الملف مجددًا: لم يُحفظ أي شيء.');
        const bigFr = await upload('/fr', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT + 1 - PDF.length, 0x20)]));
        assert.equal(
          unescape(fileError(bigFr.body) ?? ''),
          `big.pdf fait 1${NBSP}048${NBSP}577${NBSP}octets${NBSP}; un fichier envoyé ne peut dépasser 1${NBSP}048${NBSP}576${NBSP}octets (1${NBSP}Mo) Choisissez de nouveau le fichier${NBSP}: rien n’a été enregistré.`,
        );
        assert.equal(Number((await q.selectFrom('material').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);

        // No CSRF token; a foreign Origin (French workspace).
        const form = (version: number, extra: Record<string, string> = {}) => ({ kind: 'panel', number: '', title: 'Panel of idm', start_time: '10:00', end_time: '11:00', version: String(version), ...extra });
        const noToken = await ed.postRaw(`/fr/admin/sessions/${idm.id}`, { origin: base }, form(idm.version));
        assert.equal(noToken.status, 403);
        assert.equal(unescape(alert(noToken.body) ?? ''), `le jeton de sécurité du formulaire est absent ou périmé${NBSP}: rechargez la page et réessayez`);
        const foreign = await ed.postRaw(`/fr/admin/sessions/${idm.id}`, { origin: 'https://evil.example' }, { ...form(idm.version), _csrf: ed.csrfToken });
        assert.equal(foreign.status, 403);
        assert.equal(unescape(alert(foreign.body) ?? ''), `la requête vient de https://evil.example et non de ${base}${NBSP}: utilisez l’espace de travail à l’adresse ${base} (un administrateur la définit avec PUBLIC_URL)`);

        // A session moved (through the English form), then a save from the old version in French: the conflict page.
        assert.equal((await ed.post(`/admin/sessions/${idm.id}`, form(idm.version, { start_time: '16:00', end_time: '17:00' }))).status, 303);
        const stale = await ed.post(`/fr/admin/sessions/${idm.id}`, form(idm.version, { title: 'Autre titre' }));
        assert.equal(stale.status, 409);
        assert.equal(
          unescape(alert(stale.body) ?? ''),
          `cet élément (séance) a été modifié par quelqu’un d’autre après que vous l’avez ouvert (vous avez modifié la version ${idm.version}${NBSP}; il en est maintenant à la version ${idm.version + 1})${NBSP}: rien n’a été enregistré`,
        );
        assert.ok(text(stale.body).includes('Quelqu’un a enregistré cet élément (séance) après que vous l’avez ouvert.'), 'the record kind in French, not its code');
        assert.ok(text(stale.body).includes(`Votre version et la version enregistrée, champ par champ${NBSP}: Panel of idm`), text(stale.body));

        // A speaker link until a day already past (French workspace).
        const appearance = await q.selectFrom('appearance').select('id').where('session_id', '=', idm.id).executeTakeFirstOrThrow();
        const past = await ed.post(`/fr/admin/appearances/${appearance.id}/speaker-links`, { expires: '2020-01-01' });
        assert.equal(past.status, 400);
        assert.equal(unescape(alert(past.body) ?? ''), `ce jour est passé${NBSP}: indiquez aujourd’hui ou un jour ultérieur`);

        // The publication form: a year out of range (French), an event not yet published (Spanish).
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        const year = await admin.post('/fr/admin/series/idm/publications', { scope: 'year', year: '1800' });
        assert.equal(year.status, 400);
        assert.equal(unescape(alert(year.body) ?? ''), `l’année doit être une année comme 2017, et non «${NBSP}1800${NBSP}»`);
        const unpublished = await admin.post('/es/admin/series/idm/publications', { scope: 'event', event: 'idm-2025' });
        assert.equal(unpublished.status, 400);
        assert.equal(unescape(alert(unpublished.body) ?? ''), 'el evento «idm-2025» no está publicado: una publicación se hace con lo que ve el público; publíquelo primero (plenary publish --event idm-2025)');

        // What publishing would change: the moved session's days and times, the event's changed fields as a list.
        await publishEvent(db.storage, idm.event_id);
        assert.equal((await ed.post(`/admin/sessions/${idm.id}`, form(idm.version + 1, { start_time: '09:00', end_time: '09:45' }))).status, 303);
        const event = await q.selectFrom('event').selectAll().where('id', '=', idm.event_id).executeTakeFirstOrThrow();
        const eventForm = (await ed.get(`/admin/events/${event.id}`)).body;
        const field = (name: string) => decode(new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(eventForm)?.[1] ?? '');
        const fields = Object.fromEntries(['slug', 'title', 'lang', 'start_date', 'end_date', 'time_zone', 'venue', 'address', 'city', 'country_code', 'overview', 'themes', 'contact_email'].map((f) => [f, field(f)]));
        const saved = await ed.post(`/admin/events/${event.id}`, { ...fields, lang: 'en', title: 'IDM 2025', venue: 'Palais des Nations', version: hidden(eventForm, 'version')[0]! });
        assert.equal(saved.status, 303, saved.body);
        const changes = async (prefix: string) => text((await ed.get(`${prefix}/admin/events/${event.id}/publish`)).body);
        const fr = await changes('/fr');
        assert.ok(fr.includes(`Déplacement${NBSP}: Panel of idm, de mardi 6 mai 2025, 16:00–17:00 à mardi 6 mai 2025, 09:00–09:45.`), fr);
        assert.ok(fr.includes(`Détails de l’événement modifiés${NBSP}: titre et lieu.`), fr);
        const ar = await changes('/ar');
        assert.ok(ar.includes('نُقلت: Panel of idm، من الثلاثاء، 6 مايو 2025، 16:00–17:00 إلى الثلاثاء، 6 مايو 2025، 09:00–09:45.'), ar);
        assert.ok(ar.includes('تغيّرت تفاصيل الفعالية: العنوان والمكان.'), ar);
        const en = await changes('');
        assert.ok(en.includes('Moved: Panel of idm, from Tuesday, May 6, 2025, 16:00–17:00 to Tuesday, May 6, 2025, 09:00–09:45.'), en);
        assert.ok(en.includes('Event details changed: title and venue.'), en);

        // frab's roles line in the address's language.
        const frab = (prefix: string) => http('GET', `${base}${prefix}/events/idm-2025/schedule.xml`);
        assert.ok((await frab('')).body.includes('<description>Speaker: Speaker IDM</description>'));
        assert.ok((await frab('/fr')).body.includes(`<description>${translator(interfaceLanguage('fr'))('role.speaker')}${NBSP}: Speaker IDM</description>`));
        assert.ok((await frab('/ar')).body.includes('<description>متحدث(ة): Speaker IDM</description>'));

        // Percentages as each language writes them (Intl.NumberFormat, style percent): the one speaker's gender is not known.
        const figures = async (prefix: string) => (await http('GET', `${base}${prefix}/events/idm-2025/representation`)).body;
        const enFigures = await figures('');
        assert.ok(enFigures.includes('<td>100.0%</td>'), enFigures);
        assert.doesNotMatch(enFigures, /\d %/);
        // French and Spanish put a no-break space before % (U+00A0 in the ICU here; CLDR 42 and later give French U+202F).
        for (const [prefix, lang] of [['/fr', 'fr'], ['/es', 'es']] as const) {
          const whole = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1 }).format(1);
          assert.match(whole, /^100,0[\u00a0\u202f]%$/);
          assert.ok((await figures(prefix)).includes(`<td>${whole}</td>`), lang);
        }

        // A sign-in that has ended (idle past its time): the French form's 401 says so in French.
        await q.updateTable('auth_session').set({ last_seen_at: '2000-01-01T00:00:00.000Z' }).execute();
        const ended = await ed.post(`/fr/admin/sessions/${idm.id}`, form(idm.version + 2, { title: 'Trop tard' }));
        assert.equal(ended.status, 401);
        assert.equal(unescape(alert(ended.body) ?? ''), `votre connexion a pris fin (inactivité trop longue, durée dépassée ou déconnexion)${NBSP}: connectez-vous de nouveau${NBSP}; rien n’a été enregistré`);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}

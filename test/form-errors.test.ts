// Form errors in the reader's language (issue 13). The domain's schemas refuse with keyed messages
// (domain/form-messages.ts FormMessage), whose English text the CLI and the JSON API show as it is; the
// web's forms show the catalogue's text for the same key and parameters. Over HTTP on every engine: a French
// and an Arabic workspace form, and a speaker's page under /fr/speak, each posted with bad input, show
// the exact translated message beside the field with what was typed kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseForm } from '../src/domain/editing.ts';
import { InvalidInput } from '../src/domain/errors.ts';
import { FORM_MESSAGES, FormMessage, type FormMessageKey, formMessage, formText } from '../src/domain/form-messages.ts';
import { addAccount, signIn } from '../src/operations/accounts.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { createSpeakerLink, linkCsrf } from '../src/operations/speaker-links.ts';
import { fieldError, formErrorKey, refusalText } from '../src/web/i18n/form-errors.ts';
import { CATALOGUES } from '../src/web/i18n/messages.ts';
import { translator } from '../src/web/i18n/t.ts';
import { startServer } from '../src/web/server.ts';
import { agenda, person, session } from './factories.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { http } from './http-client.ts';
import { INTERFACE_LANGUAGES, interfaceLanguage } from '../src/interface-languages.ts';

const PASSWORD = 'correct horse battery';
const NBSP = '\u00a0';

test('every form message has its catalogue key in every language, English word for word', () => {
  const en: Record<string, string> = CATALOGUES.en;
  for (const key of Object.keys(FORM_MESSAGES) as FormMessageKey[]) {
    assert.equal(en[formErrorKey(key)], FORM_MESSAGES[key], key);
    for (const lang of INTERFACE_LANGUAGES) assert.ok((CATALOGUES[lang] as Record<string, string>)[formErrorKey(key)], `${lang}: ${key}`);
    const params = Object.fromEntries([...FORM_MESSAGES[key].matchAll(/\{(\w+)\}/g)].map((m, i) => [m[1]!, `v${i} x`]));
    const m = formMessage(key, params);
    // The key and parameters travel with the message; its text, String() and JSON are the English.
    assert.deepEqual({ key: m.key, params: m.params }, { key, params });
    assert.equal(m.text, formText(key, params));
    assert.equal(String(m), m.text);
    assert.equal(JSON.stringify({ m }), JSON.stringify({ m: m.text }));
    assert.doesNotMatch(m.text, /\{\w+\}/, key);
  }
});

test('the schemas stay English for the CLI and the API; a form translates from the key and parameters', () => {
  const r = parseForm('session', { kind: 'panel', number: 'x', title: '', start_time: '9h', end_time: '' });
  assert.equal(r.ok, false);
  const errors = r.ok ? {} : r.errors;
  assert.deepEqual(JSON.parse(JSON.stringify(errors)), { number: 'must be a whole number from 0 to 9999, or empty', start_time: 'must be a time written HH:MM (24 hours), e.g. 09:30' });
  assert.deepEqual(Object.fromEntries(Object.entries(errors).map(([f, m]) => [f, m instanceof FormMessage ? m.key : m])), { number: 'panelNumber', start_time: 'time' });
  assert.equal(fieldError(translator(interfaceLanguage('fr')), errors.start_time!), 'doit être une heure au format HH:MM (sur 24 heures), par exemple 09:30');
  assert.equal(fieldError(translator(interfaceLanguage('es')), formMessage('tooLong', { max: 300 })), 'debe tener como máximo 300 caracteres');
  assert.equal(fieldError(translator(interfaceLanguage('ar')), formMessage('tooLong', { max: 300 })), 'يجب ألا يتجاوز 300 حرفًا');
  // A refusal of several fields (the operations' InvalidInput): English "field: message; …" for the CLI and the API,
  // each message translated without the English field name on a page, joined in the language's way.
  const refused = new InvalidInput([
    { field: 'name', message: formMessage('empty') },
    { field: 'country', message: formMessage('controlChars') },
  ]);
  assert.equal(refused.message, 'name: must not be empty; country: must not hold control characters');
  assert.equal(refusalText(translator(interfaceLanguage('ar')), refused.refusals), 'يجب ألا يكون فارغًا؛ يجب ألا يحتوي على محارف تحكم');
  assert.equal(refusalText(translator(interfaceLanguage('fr')), refused.refusals), `ne doit pas être vide${NBSP}; ne doit pas contenir de caractères de contrôle`);
  // A message inside a message (a refused program's kind) and a list of them (the import's agenda issues).
  const program = formMessage('uploadProgramClaimed', { name: 'statement.pdf', what: formMessage('program.exe'), ext: 'pdf' });
  assert.equal(program.text, 'statement.pdf is a Windows program (.exe) although its name ends in .pdf: it was refused; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file');
  assert.equal(fieldError(translator(interfaceLanguage('es')), program), 'statement.pdf es un programa de Windows (.exe), aunque su nombre termine en .pdf: se ha rechazado; envíe un archivo PDF, DOCX, PPTX, ODT, JPEG, PNG o WebP');
  const issues = formMessage('agendaIssues', { issues: [formMessage('at', { where: 'days.0.label', message: formMessage('empty') }), formMessage('at', { where: 'days.1.date', message: formMessage('date') })] });
  assert.equal(issues.text, 'days.0.label: must not be empty; days.1.date: must be a calendar date written YYYY-MM-DD, e.g. 2024-05-02');
  assert.equal(fieldError(translator(interfaceLanguage('fr')), issues), `days.0.label${NBSP}: ne doit pas être vide${NBSP}; days.1.date${NBSP}: doit être une date au format AAAA-MM-JJ, par exemple 2024-05-02`);
  // A text without a key is shown as it is.
  assert.equal(fieldError(translator(interfaceLanguage('fr')), 'the reader failed: bad zip'), 'the reader failed: bad zip');
  assert.equal(refusalText(translator(interfaceLanguage('fr')), new InvalidInput('file: the reader failed').refusals), 'file: the reader failed');
});

for (const engine of ENGINES) {
  describe(`form errors in the reader's language on ${engine}`, () => {
    test('a French and an Arabic workspace form and a French speaker page, posted with bad input', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await addAccount(db.storage, { email: 'admin@example.org', role: 'admin', series: [], password: PASSWORD });
        const s = await signIn(db.storage, { email: 'admin@example.org', password: PASSWORD, address: '192.0.2.1' });
        const post = (path: string, body: Record<string, string>) => http('POST', `${base}${path}`, { cookie: `plenary_session=${s.token}`, origin: base }, { _csrf: s.csrfToken, ...body });
        assert.equal((await post('/admin/series', { slug: 'idm', title: 'IDM', description: '' })).status, 303);
        const eventForm = { slug: 'idm-2024', title: 'IDM 2024', lang: 'en', start_date: '2024-05-02', end_date: '2024-05-03', time_zone: 'Europe/Zurich', venue: '', address: '', city: '', country_code: '', overview: '', themes: '', contact_email: '' };

        // French: the messages beside their fields, the typed values kept, the summary's "label : message".
        const fr = await post('/fr/admin/series/idm/events', { ...eventForm, slug: 'IDM 2024', time_zone: 'Mars/Olympus', end_date: '2024-05-01' });
        assert.equal(fr.status, 400);
        assert.ok(fr.body.includes('<strong class="field-error" id="f-time_zone-error">doit être un fuseau horaire IANA, par exemple Europe/Zurich ou America/New_York</strong>'), fr.body);
        assert.ok(fr.body.includes('<strong class="field-error" id="f-end_date-error">ne doit pas être antérieure à la date de début</strong>'));
        assert.ok(fr.body.includes('<strong class="field-error" id="f-slug-error">doit se composer de lettres minuscules, de chiffres et de traits d’union simples, 80 caractères au plus, par exemple idm-2024</strong>'));
        assert.ok(fr.body.includes('name="time_zone" aria-describedby="f-time_zone-error f-time_zone-hint" aria-invalid="true" required="" type="text" value="Mars/Olympus"'));
        assert.ok(fr.body.includes('name="slug" aria-describedby="f-slug-error f-slug-hint" aria-invalid="true" required="" type="text" value="IDM 2024"'), fr.body);
        assert.ok(fr.body.includes(`<a href="#f-end_date">Dernier jour</a>${NBSP}: ne doit pas être antérieure à la date de début</li>`), fr.body);
        assert.doesNotMatch(fr.body, /must (?:be|not)/);

        // Arabic: a taken address (a check that needs the database) and an over-long title.
        assert.equal((await post('/admin/series/idm/events', eventForm)).status, 303);
        const taken = await post('/ar/admin/series/idm/events', { ...eventForm, title: 'الحوار الدولي' });
        assert.equal(taken.status, 400);
        assert.ok(taken.body.includes('<strong class="field-error" id="f-slug-error">العنوان «idm-2024» مستخدم بالفعل لفعالية أخرى: اختر عنوانًا آخر</strong>'), taken.body);
        assert.ok(taken.body.includes('value="الحوار الدولي"'));
        const ar = await post('/ar/admin/series/idm/events', { ...eventForm, slug: 'idm-2026', title: 'ا'.repeat(301) });
        assert.equal(ar.status, 400);
        assert.ok(ar.body.includes('<strong class="field-error" id="f-title-error">يجب ألا يتجاوز 300 حرفًا</strong>'));
        assert.ok(ar.body.includes('<li><a href="#f-title">العنوان</a>: يجب ألا يتجاوز 300 حرفًا</li>'));
        assert.ok(ar.body.includes(`value="${'ا'.repeat(301)}"`));
        for (const body of [taken.body, ar.body]) assert.doesNotMatch(body, /must (?:be|not)|already the address/);
        // The English form says it in English, as the CLI and the API do.
        const en = await post('/admin/series/idm/events', eventForm);
        assert.ok(en.body.includes('<strong class="field-error" id="f-slug-error">&quot;idm-2024&quot; is already the address of another event: choose another</strong>'));

        // A speaker's page in French: nothing differs from what is printed.
        await importAgenda(db.storage, agenda([{ date: '2024-05-02', sessions: [session({ title: 'Opening', speakers: [person('Ana Silva')] })] }]), { series: { slug: 'idm', title: 'IDM' }, event: { slug: 'idm-2025', title: 'IDM 2025', timeZone: 'Europe/Zurich' } });
        const appearance = await db.storage.db.selectFrom('appearance').select('id').executeTakeFirstOrThrow();
        const link = await createSpeakerLink(db.storage, { appearanceId: appearance.id, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: 1 });
        const same = await http('POST', `${base}/fr/speak/${link.token}/correction`, { origin: base }, { _csrf: linkCsrf(link.token), name: 'Ana Silva', honorific: '', affiliation_position: '', organization: '', country: '' });
        assert.equal(same.status, 400);
        assert.ok(same.body.includes(`<p class="form-error" role="alert" id="errors">Rien n’a été envoyé${NBSP}: rien ne diffère de ce qui est imprimé</p>`), same.body);
        const empty = await http('POST', `${base}/fr/speak/${link.token}/correction`, { origin: base }, { _csrf: linkCsrf(link.token), name: ' ', honorific: 'Dr', affiliation_position: '', organization: '', country: '' });
        assert.equal(empty.status, 400);
        assert.ok(empty.body.includes(`Rien n’a été envoyé${NBSP}: ne doit pas être vide</p>`), empty.body);
        assert.ok(empty.body.includes('<input id="c-honorific" name="honorific" value="Dr"'), empty.body);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}

// The report an import shows after "Import" in the workspace, in the page's language (issue 13): what a hand
// edit kept, a document kept with the event when its speaker left the page, a person listed twice (two names on
// the page the editor said are one stored person), a doubtful identity; each line exactly, through the running server on every engine. The CLI prints the same lines in English.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { saveForm } from '../src/operations/edit-record.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session, twoSeries } from './factories.ts';
import { signedIn } from './http-client.ts';

const NBSP = '\u00a0';
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

for (const engine of ENGINES) {
  describe(`the import's report in the page's language on ${engine}`, () => {
    test('kept as edited, a document kept, a person listed twice, a doubtful identity: en, fr, es, ar', async () => {
      /** In a fresh archive: an event imported, then edited by hand; the page imported again from the workspace under `prefix`: the report's lists. */
      const report = async (prefix: string) => {
        const db = await migratedStorage(engine);
        const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${server.port}`;
        try {
          await twoSeries(db.storage);
          const q = db.storage.db;
          const editor = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
          const actor = { accountId: (await q.selectFrom('account').select('id').where('email', '=', 'ed@example.org').executeTakeFirstOrThrow()).id };
          // Two people already in the archive: one a name on the page is chosen as, one a name on the page resembles.
          await importAgenda(db.storage, agenda([{ date: '2025-01-10', sessions: [session({ title: 'Earlier', speakers: [person('William Lacy Swing'), person('Juan José Gómez Camacho')] })] }]), {
            series: { slug: 'idm', title: 'idm' },
            event: { slug: 'earlier-2025', title: 'Earlier', timeZone: 'Europe/Zurich' },
          });
          const slug = 'report-2025';
          const withStatement = person('Bo Chen', { materials: [{ kind: 'statement', label: 'Statement' }] });
          await importAgenda(db.storage, agenda([{ date: '2025-06-02', sessions: [session({ start: '10:00', end: '11:00', number: 1, title: 'Labour mobility', speakers: [person('Ann Lee'), withStatement] })] }]), {
            series: { slug: 'idm', title: 'idm' },
            event: { slug, title: 'Report', timeZone: 'Europe/Zurich' },
          });
          const event = await q.selectFrom('event').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
          const s = await q.selectFrom('session').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
          // A file given to Bo Chen's statement; the session's title edited by hand.
          await write(db.storage, (trx) => trx.updateTable('material').set({ url: 'https://example.org/statement.pdf' }).where('label', '=', 'Statement').execute());
          await saveForm(db.storage, actor, 'session', s.id, s.version, { kind: s.kind, number: '1', title: 'Labour mobility, as edited', start_time: '10:00', end_time: '11:00' });

          // The page again, without Bo Chen, with "W. L. Swing" beside William Lacy Swing, and "Juan Camacho".
          const fd = new FormData();
          fd.set('_csrf', editor.csrfToken);
          fd.set('file', new Blob([Buffer.from('Monday 2 June 2025\n\n10:00 - 11:00    Labour mobility\n\n  • Ann Lee\n  • William Lacy Swing\n  • W. L. Swing\n  • Juan Camacho\n')]), 'again.txt');
          const uploaded = await editor.postMultipart(`${prefix}/admin/events/${event.id}/import`, fd);
          assert.equal(uploaded.status, 303, uploaded.body.slice(0, 800));
          const draft = uploaded.location!;
          const page = (await editor.get(draft)).body;
          const selects = [...page.matchAll(/<select[^>]* name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => [unescape(m[1]!), unescape((/<option value="([^"]*)" selected/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!))![1]!)]);
          const fields = Object.fromEntries(
            [...page.matchAll(/<input ([^>]*)>/g)].flatMap((m) => {
              const name = /name="([^"]*)"/.exec(m[1]!)?.[1];
              const type = /type="([^"]*)"/.exec(m[1]!)?.[1];
              if (!name || type === 'file' || type === 'submit' || ((type === 'checkbox' || type === 'radio') && !/ checked/.test(m[1]!))) return [];
              return [[unescape(name), unescape(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '')]];
            }),
          );
          // "W. L. Swing" is the stored William Lacy Swing, who is on the page already: listed twice.
          const swing = unescape(/<input type="radio" id="[^"]*" name="([^"]+)" value="william-lacy-swing"/.exec(page)![1]!);
          const done = await editor.post(draft, { ...fields, ...Object.fromEntries(selects), [swing]: 'william-lacy-swing', do: 'confirm' });
          assert.equal(done.status, 200, done.body.slice(done.body.indexOf('<main'), done.body.indexOf('<main') + 3000));
          return [...done.body.matchAll(/<h2>([^<]*)<\/h2>\s*<ul[^>]*>([\s\S]*?)<\/ul>/g)].map((m) => [
            unescape(m[1]!),
            [...m[2]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((l) => unescape(l[1]!.replace(/<[^>]+>/g, ''))),
          ]);
        } finally {
          await server.close();
          await db.cleanup();
        }
      };

        const en = await report('');
        assert.deepEqual(en, [
          ['Not overwritten: changed by hand in the workspace', [`session "Labour mobility, as edited" (Monday, June 2, 2025, 10:00): kept title "Labour mobility, as edited" as set in the workspace; the page gives "Labour mobility"`]],
          ['Doubtful identities (none merged on a guess)', ['"Juan Camacho" may be the same person as "Juan José Gómez Camacho" (/people/juan-jose-gomez-camacho): the same surname and given name, parts left out; stored as a new person, not merged']],
          ['Warnings of the import', ['W. L. Swing is listed twice as speaker in one session; kept the first', '"Statement" of Bo Chen is no longer on the agenda; kept among the event\'s documents']],
        ]);
        const fr = await report('/fr');
        assert.deepEqual(fr, [
          [
            `Non remplacé${NBSP}: modifié à la main dans l’espace de travail`,
            [`séance «${NBSP}Labour mobility, as edited${NBSP}» (lundi 2 juin 2025, 10:00)${NBSP}: le champ titre garde la valeur «${NBSP}Labour mobility, as edited${NBSP}» fixée dans l’espace de travail${NBSP}; la page indique «${NBSP}Labour mobility${NBSP}»`],
          ],
          ['Identités incertaines (aucune fusion sur simple supposition)', [`«${NBSP}Juan Camacho${NBSP}» est peut-être la même personne que «${NBSP}Juan José Gómez Camacho${NBSP}» (/people/juan-jose-gomez-camacho)${NBSP}: le même nom et le même prénom, avec des parties omises${NBSP}; une nouvelle personne a été enregistrée, sans fusion`]],
          ['Avertissements de l’importation', [`W. L. Swing figure deux fois dans une même séance (intervention)${NBSP}; la première mention est conservée`, `«${NBSP}Statement${NBSP}» de Bo Chen ne figure plus au programme${NBSP}; conservé parmi les documents de l’événement`]],
        ]);
        const es = await report('/es');
        assert.deepEqual(es.map(([, lines]) => lines), [
          ['sesión «Labour mobility, as edited» (lunes, 2 de junio de 2025, 10:00): el campo título conserva el valor «Labour mobility, as edited» fijado en el espacio de trabajo; la página indica «Labour mobility»'],
          ['«Juan Camacho» puede ser la misma persona que «Juan José Gómez Camacho» (/people/juan-jose-gomez-camacho): el mismo apellido y nombre, con partes omitidas; se registró como persona nueva, sin fusionar'],
          ['W. L. Swing figura dos veces en una misma sesión (orador(a)); se conserva la primera mención', '«Statement» de Bo Chen ya no figura en el programa; se conserva entre los documentos del evento'],
        ]);
        const ar = await report('/ar');
        assert.deepEqual(ar.map(([, lines]) => lines), [
          ['الجلسة «Labour mobility, as edited» (الاثنين، 2 يونيو 2025، 10:00): احتُفظ في الحقل العنوان بالقيمة «Labour mobility, as edited» المحددة في مساحة العمل؛ والصفحة تذكر «Labour mobility»'],
          ['قد يكون «Juan Camacho» هو الشخص نفسه «Juan José Gómez Camacho» (/people/juan-jose-gomez-camacho): اسم العائلة والاسم الأول نفسهما، مع إغفال بعض الأجزاء؛ سُجّل شخصًا جديدًا دون دمج'],
          ['يرد W. L. Swing مرتين في الجلسة نفسها (متحدث(ة))؛ أُبقي على الذكر الأول', '«Statement» الخاصة بـBo Chen لم تعد في البرنامج؛ أُبقيت ضمن وثائق الفعالية'],
        ]);
    });
  });
}

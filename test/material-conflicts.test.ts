// Materials edited from two places at once (issue 9), over HTTP on every engine:
// - a stale replace, delete or kind/language/label edit gets the 409 conflict page with the material
//   as stored beside what was sent, and the choice of either (apply mine / delete the stored version /
//   choose the file again; keep the stored version);
// - a material deleted meanwhile is refused as deleted (by whom, when), in every interface language,
//   also when the delete commits while the replace waits for its row (PostgreSQL, a second connection);
// - one version per language of a document: two saves of the same language at the same moment on
//   PostgreSQL (a second connection's uncommitted version) give the one clear refusal, not two versions;
// - migration 0021 over a database that already holds such twins detaches them, deleting nothing, and
//   says which (migrate's note; restore's report of a backup made before 0021);
// - a refused replace stores nothing: `plenary files check` (checkFiles) finds nothing unlinked or damaged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { createBackup } from '../src/operations/backup.ts';
import { checkFiles } from '../src/operations/files-check.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { addMaterialFile, addMaterialVersion } from '../src/operations/materials.ts';
import { restoreBackup } from '../src/operations/restore.ts';
import { MIGRATIONS, migrate } from '../src/storage/migrate.ts';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { agenda, session } from './factories.ts';
import { decode, type Got, hidden, signedIn } from './http-client.ts';
import { stampIn } from './intl-dates.ts';
import { runPlenary } from './plenary-cli.ts';

const LIMIT = 1024 * 1024;
const T = '2024-05-06T07:08:09.000Z';
const pdf = (tag: string, length: number) => Buffer.concat([Buffer.from(`%PDF-1.4\n${tag}\n`), Buffer.alloc(length, 0x41), Buffer.from('\n%%EOF\n')]);
const FIRST = pdf('first', 3000);
const SECOND = pdf('second', 5000);

/** The alert of a refusal or conflict page, its spaces as they are (French's no-break ones). */
const alert = (r: Got) => (/<p role="alert">([^<]*)<\/p>/.exec(r.body)?.[1] ?? '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** The conflict page's table: its header, caption and rows as the reader reads them. */
function conflictTable(r: Got) {
  const table = /<table class="conflict">([\s\S]*?)<\/table>/.exec(r.body)?.[1] ?? '';
  return {
    caption: decode(/<caption>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? ''),
    head: [...(/<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => decode(m[1]!)),
    rows: [...table.matchAll(/<tr( class="differs")?><th scope="row">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [decode(m[2]!), decode(m[3]!), decode(m[4]!)]),
  };
}
/** A form of the page, by its action: its hidden fields and its button. */
function form(r: Got, action: string) {
  const f = new RegExp(`<form method="post" action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(r.body)?.[1];
  if (f === undefined) return undefined;
  return { fields: Object.fromEntries([...f.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1]!, m[2]!])), button: decode(/<button[^>]*>([\s\S]*?)<\/button>/.exec(f)?.[1] ?? '') };
}

async function site(engine: (typeof ENGINES)[number]) {
  const t = await migratedStorage(engine);
  await importAgenda(t.storage, agenda([{ date: '2025-05-06', sessions: [session({ start: '10:00', end: '11:00', title: 'Opening' })] }]), {
    series: { slug: 'idm', title: 'IDM' },
    event: { slug: 'idm-2025', title: 'IDM 2025', timeZone: 'Europe/Zurich' },
  });
  const event = await t.storage.db.selectFrom('event').select('id').executeTakeFirstOrThrow();
  const server = await startServer(t.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: LIMIT });
  const base = `http://127.0.0.1:${server.port}`;
  const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
  const other = await signedIn(t.storage, base, { email: 'other@example.org', role: 'editor', series: ['idm'] });
  const upload = (s: typeof editor, path: string, fields: Record<string, string>, name: string, bytes: Buffer) => {
    const f = new FormData();
    f.set('_csrf', s.csrfToken);
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    f.set('file', new Blob([bytes], { type: 'application/pdf' }), name);
    return s.postMultipart(path, f);
  };
  const add = (label: string) =>
    addMaterialFile(t.storage, { eventId: event.id, appearanceId: null, fields: { kind: 'other', lang: 'en', label }, upload: { name: 'report.pdf', bytes: FIRST } }, { maxBytes: LIMIT }, () => new Date(T));
  const row = (id: number) => t.storage.db.selectFrom('material').select(['kind', 'lang', 'label', 'version', 'original_id']).where('id', '=', id).executeTakeFirst();
  return { t, event, server, base, editor, other, upload, add, row, close: async () => (await server.close(), await t.cleanup()) };
}

/** How many files are stored (variants too). */
const fileCount = async (s: { t: { storage: Storage } }) => Number((await s.t.storage.db.selectFrom('file').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** A second connection of its own to the same PostgreSQL database (another instance's), and a way to see a query of the server wait for it. */
async function secondConnection(url: string, storage: Storage) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  return {
    client,
    /** Resolves once some other backend waits for this connection's locks. */
    async blocking(): Promise<void> {
      for (let i = 0; i < 500; i++) {
        const r = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE ${pid} = ANY(pg_blocking_pids(pid))`.execute(storage.db);
        if (Number(r.rows[0]!.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('nothing waited for the second connection');
    },
  };
}

for (const engine of ENGINES) {
  describe(`materials edited from two places on ${engine}`, () => {
    test('a stale edit, replace and delete get the conflict page, both versions side by side, and each choice works', async () => {
      const s = await site(engine);
      try {
        const { materialId: id } = await s.add('Report');
        const materials = `/admin/events/${s.event.id}/materials`;
        // Another tab edits the kind, language and label: version 2.
        assert.equal((await s.other.post(`/admin/materials/${id}`, { version: '1', kind: 'presentation', lang: 'fr', label: 'Rapport final' })).status, 303);

        // This tab's edit, from version 1.
        const edit = await s.editor.post(`/admin/materials/${id}`, { version: '1', kind: 'statement', lang: 'en', label: 'Report, revised' });
        assert.equal(edit.status, 409);
        assert.equal(decode(/<h1>([\s\S]*?)<\/h1>/.exec(edit.body)?.[1] ?? ''), 'Changed meanwhile');
        assert.equal(alert(edit), 'this material was changed by someone else after you opened it (you edited version 1; it is now at version 2): nothing was saved');
        assert.deepEqual(conflictTable(edit), {
          caption: 'Your version and the stored version, field by field: Rapport final',
          head: ['Field', 'Yours', 'Stored (version 2)'],
          rows: [
            ['Kind (differs)', 'Statement', 'Presentation'],
            ['Language (differs)', 'English', 'French'],
            ['Label (differs)', 'Report, revised', 'Rapport final'],
            ['File', 'not part of what you sent', 'report.pdf'],
            ['File type', 'not part of what you sent', 'PDF'],
            ['Size', 'not part of what you sent', '3 kB'],
            ['Uploaded', 'not part of what you sent', 'May 6, 2024 at 07:08 UTC'],
          ],
        });
        assert.ok(edit.body.includes(`<a href="${materials}">Keep the stored version (reload the form)</a>`));
        const applyMine = form(edit, `/admin/materials/${id}`)!;
        assert.deepEqual(applyMine, { fields: { kind: 'statement', lang: 'en', label: 'Report, revised', version: '2' }, button: 'Apply mine over the stored version' });
        assert.deepEqual(await s.row(id), { kind: 'presentation', lang: 'fr', label: 'Rapport final', version: 2, original_id: null }, 'nothing saved');
        // Apply mine: the same fields over the stored version.
        const applied = await s.editor.post(`/admin/materials/${id}`, applyMine.fields);
        assert.deepEqual([applied.status, applied.location], [303, materials]);
        assert.deepEqual(await s.row(id), { kind: 'statement', lang: 'en', label: 'Report, revised', version: 3, original_id: null });

        // A replace from version 1: the file cannot be sent again without choosing it again.
        const replace = await s.upload(s.editor, `/admin/materials/${id}/replace`, { version: '1' }, 'report-2.pdf', SECOND);
        assert.equal(replace.status, 409);
        assert.equal(alert(replace), 'this material was changed by someone else after you opened it (you edited version 1; it is now at version 3): nothing was saved');
        const table = conflictTable(replace);
        assert.match(table.rows[6]![1]!, /^[A-Z][a-z]+ \d{1,2}, \d{4} at \d\d:\d\d UTC$/, 'your upload, now (by Intl: "November 30, 2026 at 04:05 UTC")');
        table.rows[6]![1] = 'now';
        assert.deepEqual(table, {
          caption: 'Your version and the stored version, field by field: Report, revised',
          head: ['Field', 'Yours', 'Stored (version 3)'],
          rows: [
            ['Kind', 'not part of what you sent', 'Statement'],
            ['Language', 'not part of what you sent', 'English'],
            ['Label', 'not part of what you sent', 'Report, revised'],
            ['File (differs)', 'report-2.pdf', 'report.pdf'],
            ['File type', 'PDF', 'PDF'],
            ['Size (differs)', '5 kB', '3 kB'],
            ['Uploaded', 'now', 'May 6, 2024 at 07:08 UTC'],
          ],
        });
        assert.ok(replace.body.includes('<p id="reupload-help">A browser never sends a chosen file a second time: to put yours in place of the stored version, choose it again below.</p>'));
        assert.deepEqual(form(replace, `/admin/materials/${id}/replace`), { fields: { version: '3' }, button: 'Replace the file' });
        // The refused upload was not stored: one file, linked, whole.
        assert.deepEqual([await fileCount(s), await checkFiles(s.t.storage)], [1, { unlinked: [], damaged: [] }]);
        assert.ok(/<input id="reupload-file" type="file" name="file" required="" aria-describedby="reupload-help"\/>/.test(replace.body), 'a file to choose again');
        const before = (await s.t.storage.db.selectFrom('material').select('file_id').where('id', '=', id).executeTakeFirstOrThrow()).file_id;
        const again = await s.upload(s.editor, `/admin/materials/${id}/replace`, { version: '3' }, 'report-2.pdf', SECOND);
        assert.deepEqual([again.status, again.location], [303, materials]);
        const replaced = await s.t.storage.db.selectFrom('material as m').innerJoin('file as f', 'f.id', 'm.file_id').select(['m.version', 'f.original_name', 'f.size']).where('m.id', '=', id).executeTakeFirstOrThrow();
        assert.deepEqual({ ...replaced, size: Number(replaced.size) }, { version: 4, original_name: 'report-2.pdf', size: SECOND.length });
        assert.notEqual((await s.t.storage.db.selectFrom('material').select('file_id').where('id', '=', id).executeTakeFirstOrThrow()).file_id, before);

        // A delete from version 2.
        const del = await s.editor.post(`/admin/materials/${id}/delete`, { version: '2' });
        assert.equal(del.status, 409);
        assert.equal(alert(del), 'this material was changed by someone else after you opened it (you saw version 2; it is now at version 4): nothing was deleted; look at it again first');
        const delRows = conflictTable(del).rows;
        assert.match(delRows[6]![2]!, /^[A-Z][a-z]+ \d{1,2}, \d{4} at \d\d:\d\d UTC$/, 'the replaced file, uploaded now');
        assert.deepEqual(delRows, [
          ['Kind', 'deleted', 'Statement'],
          ['Language', 'deleted', 'English'],
          ['Label', 'deleted', 'Report, revised'],
          ['File', 'deleted', 'report-2.pdf'],
          ['File type', 'deleted', 'PDF'],
          ['Size', 'deleted', '5 kB'],
          ['Uploaded', 'deleted', delRows[6]![2]!],
        ]);
        const anyway = form(del, `/admin/materials/${id}/delete`)!;
        assert.deepEqual(anyway, { fields: { version: '4' }, button: 'Delete the stored version' });
        assert.ok(await s.row(id), 'still there');
        assert.deepEqual([(await s.editor.post(`/admin/materials/${id}/delete`, anyway.fields)).status, await s.row(id)], [303, undefined]);
        assert.deepEqual([await fileCount(s), await checkFiles(s.t.storage)], [0, { unlinked: [], damaged: [] }]);
      } finally {
        await s.close();
      }
    });

    test('a material deleted meanwhile is refused as deleted, by whom and when, in every language; nothing is stored', async () => {
      const s = await site(engine);
      try {
        const { materialId: id } = await s.add('Report');
        assert.equal((await s.other.post(`/admin/materials/${id}/delete`, { version: '1' })).status, 303);
        const entry = await s.t.storage.db.selectFrom('audit_entry').select('at').where('entity', '=', 'material').where('entity_id', '=', id).where('action', '=', 'delete').executeTakeFirstOrThrow();
        // When, by Intl in the page's language with the zone named ("30 novembre 2026 à 04:05 UTC").
        const at = (lang: 'en' | 'fr' | 'es' | 'ar') => stampIn(lang, entry.at);
        const expected: Record<string, string> = {
          '': `this material was deleted on ${at('en')} by other@example.org after you opened it: nothing was changed`,
          '/fr': `ce document a été supprimé le ${at('fr')} par other@example.org après que vous l’avez ouvert\u00a0: rien n’a été modifié`,
          '/es': `este documento fue eliminado el ${at('es')} por other@example.org después de que usted lo abriera: no se ha modificado nada`,
          '/ar': `حُذفت هذه المادة في ${at('ar')} بواسطة other@example.org بعد أن فتحتها: لم يتغيّر أي شيء`,
        };
        for (const [prefix, text] of Object.entries(expected)) {
          const replace = await s.upload(s.editor, `${prefix}/admin/materials/${id}/replace`, { version: '1' }, 'report-2.pdf', SECOND);
          const edit = await s.editor.post(`${prefix}/admin/materials/${id}`, { version: '1', kind: 'other', lang: 'en', label: 'Report' });
          const del = await s.editor.post(`${prefix}/admin/materials/${id}/delete`, { version: '1' });
          for (const r of [replace, edit, del]) assert.deepEqual([r.status, alert(r)], [404, text], prefix);
        }
        assert.deepEqual([await fileCount(s), await checkFiles(s.t.storage)], [0, { unlinked: [], damaged: [] }], 'no file stored');
      } finally {
        await s.close();
      }
    });

    test('deleted while a replace, an edit or a delete waits for its row: refused as deleted, not as a version conflict', { skip: engine === 'sqlite' ? 'SQLite has one writer at a time: the save reads the material after the delete committed (the test above)' : false }, async () => {
      const s = await site(engine);
      const second = await secondConnection(s.t.url, s.t.storage);
      try {
        const series = (await s.t.storage.db.selectFrom('series').select('id').executeTakeFirstOrThrow()).id;
        const otherId = (await s.t.storage.db.selectFrom('account').select('id').where('email', '=', 'other@example.org').executeTakeFirstOrThrow()).id;
        const saves: Record<string, (id: number) => Promise<Got>> = {
          replace: (id) => s.upload(s.editor, `/admin/materials/${id}/replace`, { version: '1' }, 'report-2.pdf', SECOND),
          edit: (id) => s.editor.post(`/admin/materials/${id}`, { version: '1', kind: 'statement', lang: 'fr', label: 'Rapport' }),
          delete: (id) => s.editor.post(`/admin/materials/${id}/delete`, { version: '1' }),
        };
        const left: string[] = [];
        for (const [what, save] of Object.entries(saves)) {
          const { materialId: id, fileId } = await s.add(`Report (${what})`);
          // Another instance deletes it (the row only: its file stays, for files check to name), its transaction still open.
          await second.client.query('BEGIN');
          await second.client.query('DELETE FROM material WHERE id = $1', [id]);
          await second.client.query("INSERT INTO audit_entry (at, account_id, action, entity, entity_id, series_id, before, after) VALUES ($1, $2, 'delete', 'material', $3, $4, '{}', NULL)", [T, otherId, id, series]);
          const saving = save(id);
          await second.blocking();
          await second.client.query('COMMIT');
          const r = await saving;
          assert.deepEqual([r.status, alert(r)], [404, 'this material was deleted on May 6, 2024 at 07:08 UTC by other@example.org after you opened it: nothing was changed'], what);
          assert.equal(await s.row(id), undefined, what);
          left.push(fileId);
        }
        // The refused replace stored nothing: what files check finds unlinked is exactly the deleted materials' files.
        const report = await checkFiles(s.t.storage);
        assert.deepEqual({ unlinked: report.unlinked.map((f) => f.id).sort(), damaged: report.damaged }, { unlinked: left.sort(), damaged: [] });
        assert.equal(await fileCount(s), 3);
      } finally {
        await second.client.end();
        await s.close();
      }
    });

    test('two versions of one document in the same language at the same moment: one is stored, the other refused clearly', async () => {
      const s = await site(engine);
      const second = engine === 'postgres' ? await secondConnection(s.t.url, s.t.storage) : null;
      try {
        const { materialId: id } = await s.add('Report');
        await addMaterialVersion(s.t.storage, { materialId: id, lang: 'es', upload: { name: 'informe.pdf', bytes: FIRST } }, { maxBytes: LIMIT });
        const versions = (of = id) => s.t.storage.db.selectFrom('material').select(['lang']).where('original_id', '=', of).orderBy('id').execute();
        /** Another editor's French version, stored by another instance; on PostgreSQL its transaction is held open until `during` has a save waiting for it. */
        const otherFrench = async (during: () => Promise<Got>, of = id): Promise<Got> => {
          const insert = "INSERT INTO material (event_id, appearance_id, kind, label, lang, position, url, file_id, created_at, original_id) VALUES ($1, NULL, 'other', 'Report', 'fr', 9, NULL, NULL, $2, $3)";
          if (!second) {
            await sql`INSERT INTO material (event_id, appearance_id, kind, label, lang, position, url, file_id, created_at, original_id) VALUES (${s.event.id}, NULL, 'other', 'Report', 'fr', 9, NULL, NULL, ${T}, ${of})`.execute(s.t.storage.db);
            return await during();
          }
          await second.client.query('BEGIN');
          await second.client.query(insert, [s.event.id, T, of]);
          const saving = during();
          await second.blocking();
          await second.client.query('COMMIT');
          return await saving;
        };
        const refused = 'this document already has a version in fr; replace that version&#39;s file instead';
        const added = await otherFrench(() => s.upload(s.editor, `/admin/materials/${id}/versions`, { lang: 'fr' }, 'rapport.pdf', SECOND));
        assert.equal(added.status, 400, added.body.slice(0, 300));
        assert.equal(new RegExp(`<strong class="field-error" id="version-${id}-error">([^<]*)</strong>`).exec(added.body)?.[1], refused);
        assert.deepEqual(await versions(), [{ lang: 'es' }, { lang: 'fr' }]);

        // Another document's Spanish version moved to French by its form while another instance adds French to it.
        const { materialId: agenda2 } = await s.add('Agenda');
        const es2 = await addMaterialVersion(s.t.storage, { materialId: agenda2, lang: 'es', upload: { name: 'orden.pdf', bytes: FIRST } }, { maxBytes: LIMIT });
        const moved = await otherFrench(() => s.editor.post(`/admin/materials/${es2.materialId}`, { version: '1', lang: 'fr' }), agenda2);
        assert.equal(moved.status, 400, moved.body.slice(0, 300));
        assert.equal(new RegExp(`<strong class="field-error" id="fields-${es2.materialId}-error">([^<]*)</strong>`).exec(moved.body)?.[1], refused);
        assert.deepEqual(await versions(agenda2), [{ lang: 'es' }, { lang: 'fr' }]);

        // The index holds whatever writes: a third French version, or one in the original's language.
        for (const lang of ['fr', 'en']) {
          await assert.rejects(sql`INSERT INTO material (event_id, appearance_id, kind, label, lang, position, url, file_id, created_at, original_id) VALUES (${s.event.id}, NULL, 'other', 'Report', ${lang}, 11, NULL, NULL, ${T}, ${id})`.execute(s.t.storage.db), /material_version_lang_idx/);
        }
      } finally {
        await second?.client.end();
        await s.close();
      }
    });

    test('migration 0021 is independent of 0020: a database that got 0021 before 0020 landed gets 0020 applied after it', async () => {
      const m0020 = Object.keys(MIGRATIONS).find((n) => n.startsWith('0020-'));
      assert.equal(m0020, '0020-appearance-page-indexes');
      if (!m0020) return;
      const fresh = await freshDatabase(engine);
      const storage = await openStorage(fresh.url, { pollMs: 200 });
      try {
        const without = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name !== m0020));
        assert.ok((await migrate(storage, { migrations: without })).includes('0021-material-version-languages'));
        assert.deepEqual(await migrate(storage), [m0020]);
        assert.deepEqual(await migrate(storage), []);
      } finally {
        await storage.close();
        await fresh.drop();
      }
    });

    test('migration 0021 over a database holding twins: each is detached into a document of its own, nothing deleted', async () => {
      const fresh = await freshDatabase(engine);
      const storage = await openStorage(fresh.url, { pollMs: 200 });
      try {
        const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name !== '0021-material-version-languages'));
        await migrate(storage, { migrations: before });
        await storage.generation.start();
        await importAgenda(storage, agenda([{ date: '2025-05-06', sessions: [session({ title: 'Opening' })] }]), { series: { slug: 'idm', title: 'IDM' }, event: { slug: 'idm-2025', title: 'IDM 2025', timeZone: 'Europe/Zurich' } });
        const event = (await storage.db.selectFrom('event').select('id').executeTakeFirstOrThrow()).id;
        const { materialId: original } = await addMaterialFile(storage, { eventId: event, appearanceId: null, fields: { kind: 'other', lang: 'en', label: 'Report' }, upload: { name: 'report.pdf', bytes: FIRST } }, { maxBytes: LIMIT });
        const { materialId: fr } = await addMaterialVersion(storage, { materialId: original, lang: 'fr', upload: { name: 'rapport.pdf', bytes: FIRST } }, { maxBytes: LIMIT });
        // Twins saved at the same moment before the index: a second French version, one in the original's English.
        const twin = async (lang: string) =>
          (await (storage.db as unknown as Kysely<any>).insertInto('material').values({ event_id: event, appearance_id: null, kind: 'other', label: 'Report', lang, position: 5, url: null, file_id: null, created_at: T, original_id: original }).returning('id').executeTakeFirstOrThrow()).id as number;
        const fr2 = await twin('fr');
        const en2 = await twin('en');
        const detached = [
          { id: original, lang: 'en', original_id: null, version: 1 },
          { id: fr, lang: 'fr', original_id: original, version: 1 },
          { id: fr2, lang: 'fr', original_id: null, version: 2 },
          { id: en2, lang: 'en', original_id: null, version: 2 },
        ];
        const note = `2 language versions repeated a language of their document: each is now a document of its own, nothing deleted (keep or delete each in the workspace): material ${fr2} (fr, of material ${original}), material ${en2} (en, of material ${original})`;
        const rows = (of: Storage) => of.db.selectFrom('material').select(['id', 'lang', 'original_id', 'version']).orderBy('id').execute();

        // A backup made before 0021, restored by this Plenary: its rows loaded as they were, then 0021 over them, and said.
        const backup = await createBackup(storage);
        assert.equal(backup.manifest.schemaVersion, '0020-appearance-page-indexes');
        const target = await freshDatabase(engine);
        const restored = await openStorage(target.url, { pollMs: 200 });
        try {
          const report = await restoreBackup(restored, backup.bytes, 'before-0021.tar.gz');
          assert.deepEqual([report.migrated, report.notes], [['0021-material-version-languages'], [`0021-material-version-languages: ${note}`]]);
          assert.deepEqual(await rows(restored), detached);
          assert.deepEqual(await checkFiles(restored), { unlinked: [], damaged: [] });
        } finally {
          await restored.close();
          await target.drop();
        }

        // `plenary migrate` over the database itself: the same, said to its operator once it committed.
        const migrated = runPlenary(['migrate'], fresh.url);
        assert.deepEqual(migrated, { code: 0, out: `applying 0021-material-version-languages\n0021-material-version-languages: ${note}\napplied: 0021-material-version-languages\n`, err: '' });
        assert.deepEqual(await rows(storage), detached);
        // Nothing to say when there is nothing left to apply.
        const notes: string[] = [];
        assert.deepEqual(await migrate(storage, { onNote: (_name, text) => notes.push(text) }), []);
        assert.deepEqual(notes, []);
      } finally {
        await storage.close();
        await fresh.drop();
      }
    });
  });
}


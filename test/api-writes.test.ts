// The API's writes through the running server, with a token made by `plenary user token`:
// a record read with its version, changed by PATCH, a PATCH from an old version refused with
// the record as it now is (409), field errors by field, other series and viewers refused, a
// bad or revoked token refused, and the session cookie accepted only with the CSRF header and
// this site's Origin. Every change is in the audit log under the token's account. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { signIn } from '../src/operations/accounts.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const PASSWORD = 'correct horse battery';

for (const engine of ENGINES) {
  describe(`API writes on ${engine}`, () => {
    test('read with a version, PATCH, conflicts, field errors, refusals, tokens from the command line', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const idm = (await q.selectFrom('session').select('id').where('title', '=', 'Panel of idm').executeTakeFirstOrThrow()).id;
        const gfmd = (await q.selectFrom('session').select('id').where('title', '=', 'Panel of gfmd').executeTakeFirstOrThrow()).id;

        // Accounts and tokens, as an administrator makes them.
        const token = (email: string, role: string, label: string) => {
          const add = runPlenary(['user', 'add', '--email', email, '--role', role, '--series', 'idm'], db.url, { input: `${PASSWORD}\n` });
          assert.equal(add.code, 0, add.err);
          const made = runPlenary(['user', 'token', '--email', email, '--label', label], db.url);
          assert.equal(made.code, 0, made.err);
          const lines = made.out.trim().split('\n');
          assert.match(lines[0]!, new RegExp(`^token [a-z0-9]{8} for ${email} \\(shown once; keep it secret\\):$`));
          assert.match(lines[1]!, /^pln_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
          return { token: lines[1]!, prefix: lines[0]!.split(' ')[1]! };
        };
        const editor = token('ed@example.org', 'editor', 'agenda sync');
        const viewer = token('viewer@example.org', 'viewer', 'reader');
        const call = (method: string, path: string, t: string, body?: unknown, headers: Record<string, string> = {}) =>
          http(method, `${base}/api/workspace${path}`, { authorization: `Bearer ${t}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body === undefined ? undefined : JSON.stringify(body));
        const parsed = (r: { body: string }) => JSON.parse(r.body) as Record<string, any>;

        const got = await call('GET', `/sessions/${idm}`, editor.token);
        assert.equal(got.status, 200, got.body);
        assert.equal(got.headers.etag, '"1"');
        assert.deepEqual(parsed(got).data, { id: idm, kind: 'panel', number: null, title: 'Panel of idm', start_time: '10:00', end_time: '11:00', version: 1 });

        // A change names the version it was made from; what it does not name stays.
        const patched = await call('PATCH', `/sessions/${idm}`, editor.token, { title: 'Migration and health' }, { 'if-match': '"1"' });
        assert.equal(patched.status, 200, patched.body);
        assert.deepEqual(parsed(patched).data, { id: idm, kind: 'panel', number: null, title: 'Migration and health', start_time: '10:00', end_time: '11:00', version: 2 });
        assert.equal(patched.headers.etag, '"2"');
        assert.equal(patched.headers['cache-control'], 'no-store');

        // The same change from the old version: refused, with the record as it now is.
        const stale = await call('PATCH', `/sessions/${idm}`, editor.token, { title: 'Health and mobility', version: 1 });
        assert.equal(stale.status, 409);
        assert.deepEqual(parsed(stale), {
          error: { code: 'conflict', message: 'this session was changed by someone else after you opened it (you edited version 1; it is now at version 2): nothing was saved' },
          current: { id: idm, kind: 'panel', number: null, title: 'Migration and health', start_time: '10:00', end_time: '11:00', version: 2 },
        });

        // Errors by field; fields that do not exist; no version.
        const bad = await call('PATCH', `/sessions/${idm}`, editor.token, { start_time: '25:00', version: 2 });
        assert.equal(bad.status, 400);
        assert.deepEqual(parsed(bad).error, { code: 'invalid_input', message: 'start_time: must be a time written HH:MM (24 hours), e.g. 09:30', fields: { start_time: 'must be a time written HH:MM (24 hours), e.g. 09:30' } });
        const unknown = await call('PATCH', `/sessions/${idm}`, editor.token, { colour: 'red', version: 2 });
        assert.deepEqual([unknown.status, parsed(unknown).error.message], [400, 'colour: not a field of a session; its fields are kind, number, title, start_time, end_time']);
        const noVersion = await call('PATCH', `/sessions/${idm}`, editor.token, { title: 'X' });
        assert.deepEqual([noVersion.status, parsed(noVersion).error.message], [400, 'version: say which version you edited, as If-Match: "N" or "version": N in the body (GET the record for its version)']);

        // The affiliation: an organization by name.
        const appearance = (await q.selectFrom('appearance').select('id').where('session_id', '=', idm).executeTakeFirstOrThrow()).id;
        const aff = await call('PATCH', `/appearances/${appearance}`, editor.token, { organization: 'Ministry of Health', country: 'Ghana', version: 1 });
        assert.equal(aff.status, 200, aff.body);
        assert.deepEqual(parsed(aff).data, { id: appearance, role: 'speaker', role_label: null, honorific: null, affiliation_position: null, organization: 'Ministry of Health', country: 'Ghana', talk_title: null, version: 2 });
        assert.equal((await q.selectFrom('appearance as a').innerJoin('organization as o', 'o.id', 'a.organization_id').select('o.country_code').where('a.id', '=', appearance).executeTakeFirstOrThrow()).country_code, 'GH');

        // Refusals: another series, a viewer, a bad token, a revoked one.
        const foreign = await call('PATCH', `/sessions/${gfmd}`, editor.token, { title: 'Mine now', version: 1 });
        assert.deepEqual([foreign.status, parsed(foreign).error], [403, { code: 'forbidden', message: 'your account may not do this' }]);
        assert.equal((await call('GET', `/sessions/${idm}`, viewer.token)).status, 200, 'a viewer reads');
        const byViewer = await call('PATCH', `/sessions/${idm}`, viewer.token, { title: 'Viewed', version: 2 });
        assert.deepEqual([byViewer.status, parsed(byViewer).error.code], [403, 'forbidden']);
        const wrong = await call('GET', `/sessions/${idm}`, 'pln_00000000_' + 'x'.repeat(43));
        assert.deepEqual([wrong.status, parsed(wrong).error], [401, { code: 'unauthenticated', message: 'the API token is not valid: it is unknown, revoked, or its account is disabled (plenary user tokens)' }]);
        const revoke = runPlenary(['user', 'revoke-token', '--prefix', viewer.prefix], db.url);
        assert.deepEqual([revoke.code, revoke.out], [0, `revoked token ${viewer.prefix}\n`]);
        assert.equal((await call('GET', `/sessions/${idm}`, viewer.token)).status, 401);
        const list = runPlenary(['user', 'tokens'], db.url).out.trim().split('\n').map((l) => l.split('\t'));
        assert.deepEqual(list.map((l) => [l[0], l[1], l[2], l[4]!.split(' ')[0], l[5]!.split(' ')[0]]), [
          [editor.prefix, 'ed@example.org', 'agenda sync', 'used', 'valid'],
          [viewer.prefix, 'viewer@example.org', 'reader', 'used', 'revoked'],
        ]);

        // A page of this site may write with its session: the CSRF header and the Origin are required.
        const s = await signIn(db.storage, { email: 'ed@example.org', password: PASSWORD, address: '192.0.2.1' });
        const cookie = `plenary_session=${s.token}`;
        const send = (headers: Record<string, string>) => http('PATCH', `${base}/api/workspace/sessions/${idm}`, { cookie, 'content-type': 'application/json', ...headers }, JSON.stringify({ title: 'From the page', version: 2 }));
        const noCsrf = await send({ origin: base });
        assert.deepEqual([noCsrf.status, parsed(noCsrf).error.message], [403, 'the form is missing its security token or it is out of date: reload the page and try again']);
        const elsewhere = await send({ origin: 'https://evil.example', 'x-csrf-token': s.csrfToken });
        assert.deepEqual([elsewhere.status, parsed(elsewhere).error.message], [403, `the request came from https://evil.example, not from ${base}: use the workspace at ${base} (an administrator sets that address with PUBLIC_URL)`]);
        const fromPage = await send({ origin: base, 'x-csrf-token': s.csrfToken });
        assert.equal(fromPage.status, 200, fromPage.body);

        // The answers are what the OpenAPI document says they are.
        const doc = JSON.parse((await http('GET', `${base}/api/openapi.json`)).body);
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        ajv.addSchema({ $id: 'plenary-api', components: { schemas: doc.components.schemas } });
        const op = doc.paths['/api/workspace/{collection}/{id}'];
        const schemaOf = (s: { $ref?: string }) => JSON.parse(JSON.stringify(s).replaceAll('"#/components/', '"plenary-api#/components/'));
        for (const [schema, answer] of [
          [op.get.responses['200'].content['application/json'].schema, got],
          [op.patch.responses['200'].content['application/json'].schema, patched],
          [op.patch.responses['409'].content['application/json'].schema, stale],
          [{ $ref: '#/components/schemas/Error' }, bad],
        ] as const) {
          const validate = ajv.compile(schemaOf(schema));
          assert.ok(validate(parsed(answer)), ajv.errorsText(validate.errors));
        }
        assert.equal(ajv.compile(schemaOf(op.patch.responses['409'].content['application/json'].schema))(parsed(got)), false, 'a record is not a conflict');

        // Every change is logged under its account.
        const log = await q.selectFrom('audit_entry as x').innerJoin('account as a', 'a.id', 'x.account_id').select(['a.email', 'x.action', 'x.entity', 'x.after']).where('x.entity', '=', 'session').orderBy('x.id').execute();
        assert.deepEqual(log, [
          { email: 'ed@example.org', action: 'update', entity: 'session', after: JSON.stringify({ title: 'Migration and health', version: 2 }) },
          { email: 'ed@example.org', action: 'update', entity: 'session', after: JSON.stringify({ title: 'From the page', version: 3 }) },
        ]);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}

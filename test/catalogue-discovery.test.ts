// Adding an interface language is one catalogue file (issue 13). A copy of the Spanish catalogue that
// says it is Portuguese ('pt', left to right, "Português") is written into a directory of its own,
// named by PLENARY_CATALOGUES, and the real server (`plenary serve`, HTTP) is started with it: /pt/
// pages are served in it, every page's switch and hreflang links list it, Accept-Language chooses it
// at the bare root, its country names and dates are Portuguese, and the other languages' pages are
// byte for byte what they were without it but for the new links. The catalogue check
// (test/catalogues.test.ts) runs over such a file too and fails when it lacks a key English has, and
// a file that does not say its direction stops the server at start, saying why.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { http } from './http-client.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plenary-catalogues-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const EVENT = '/events/idm-2017-new-york';

const spanish = readFileSync(join(ROOT, 'src/web/i18n/catalogues/es.ts'), 'utf8');
const SPANISH_LANGUAGE = "export default { code: 'es', name: 'Español', direction: 'ltr', messages: es } satisfies CatalogueFile;";
assert.ok(spanish.includes(SPANISH_LANGUAGE), 'es.ts ends with its language');

/** A catalogue directory holding pt.ts: Spanish's messages, the language given as `language` (a default export's fields). */
function portuguese(name: string, language: string, edit: (s: string) => string = (s) => s): string {
  const d = join(dir, name);
  mkdirSync(d);
  writeFileSync(join(d, 'pt.ts'), edit(spanish).replace(SPANISH_LANGUAGE, `export default { ${language}, messages: es } satisfies CatalogueFile;`));
  return d;
}
const PT = portuguese('pt', "code: 'pt', name: 'Português', direction: 'ltr'");

type Served = { base: string; stop(): Promise<void> };

/** `plenary serve` on `db` with `env`, once it says where it serves (or how it failed). */
async function serve(db: string, env: Record<string, string> = {}): Promise<Served> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of ['PUBLIC_URL', 'NODE_ENV', 'PLENARY_WORKERS', 'PLENARY_CATALOGUES']) delete base[name];
  const child = spawn(process.execPath, [join(ROOT, 'bin/plenary.mjs'), 'serve'], {
    cwd: dir,
    env: { ...base, DATABASE_URL: `sqlite:${db}`, PORT: '0', HOST: '127.0.0.1', PLENARY_DEMO: 'on', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    base: url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const alternatesOf = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/?>/g)].map((m) => [m[1]!, m[2]!.replace(/^http:\/\/[^/]+/, '')]);
const switchOf = (html: string) => {
  const nav = /<nav class="langs" aria-label="[^"]+">(.*?)<\/nav>/.exec(html);
  assert.ok(nav, 'a language switch');
  return [...nav[1]!.matchAll(/<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)" dir="([^"]+)"( aria-current="true")?>([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[4]} ${m[1]}${m[5] ? ' (current)' : ''} ${m[6]}`);
};
/** A page as it reads on another server: its address and a sign-in form's token taken out. */
const comparable = (html: string, base: string) => html.replaceAll(base, 'BASE').replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="TOKEN"');
/** A page without what the new language adds to it: its alternate and its link in the switch. */
const withoutPortuguese = (html: string) => html.replace(/<link rel="alternate" hreflang="pt" href="[^"]*"\/?>/, '').replace(/<li><a href="[^"]*" lang="pt"[^>]*>Português<\/a><\/li>/, '');

test('a Portuguese catalogue in PLENARY_CATALOGUES: /pt/ is served, linked from every page and chosen by Accept-Language; the others unchanged', async () => {
  const db = join(dir, 'site.db');
  const pages = [EVENT, '/', '/people', '/countries', `${EVENT}/representation`, '/search?q=migration', '/admin/login'];
  const prefixes = ['', '/fr', '/es', '/ar'];
  // The same database served first without the new catalogue, then with it.
  const before = new Map<string, string>();
  const plain = await serve(db);
  try {
    for (const p of prefixes) for (const page of pages) before.set(`${p}${page}`, comparable((await http('GET', `${plain.base}${p}${page}`)).body, plain.base));
    assert.equal((await http('GET', `${plain.base}/pt${EVENT}`)).status, 404);
  } finally {
    await plain.stop();
  }

  const site = await serve(db, { PLENARY_CATALOGUES: PT });
  try {
    const page = await http('GET', `${site.base}/pt${EVENT}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.startsWith('<!DOCTYPE html><html lang="pt" dir="ltr">'), page.body.slice(0, 80));
    // Its messages are the file's (Spanish words here), its dates and country names Portuguese (Intl, i18n-iso-countries).
    assert.ok(page.body.includes('>Programa</h2>'), 'the agenda heading from the file');
    assert.ok(page.body.includes('terça-feira'), 'a weekday in Portuguese');
    assert.equal(alternatesOf(page.body).map(([l, h]) => `${l} ${h}`).join('\n'), [`en ${EVENT}`, `es /es${EVENT}`, `fr /fr${EVENT}`, `pt /pt${EVENT}`, `ar /ar${EVENT}`, `x-default ${EVENT}`].join('\n'));
    assert.deepEqual(switchOf(page.body), [
      `en ltr ${EVENT} English`,
      `es ltr /es${EVENT} Español`,
      `fr ltr /fr${EVENT} Français`,
      `pt ltr /pt${EVENT} (current) Português`,
      `ar rtl /ar${EVENT} العربية`,
    ]);
    const links = [...page.body.matchAll(/\shref="(\/[^"]*)"/g)].map((m) => m[1]!).filter((h) => !h.startsWith('/files/') && !h.startsWith('/api/') && !/^\/(?:es|fr|ar)?\/?events\/idm-2017-new-york$/.test(h) && h !== EVENT);
    assert.deepEqual(links.filter((h) => !h.startsWith('/pt/')), [], 'every other site link stays in Portuguese');
    const countries = await http('GET', `${site.base}/pt/countries`);
    assert.equal(countries.status, 200);
    // i18n-iso-countries' Portuguese names, not the Spanish ones the messages came with.
    assert.ok(countries.body.includes('<bdi><a href="/pt/countries/de">Alemanha</a>'), 'Germany in Portuguese');
    assert.ok(countries.body.includes('<bdi><a href="/pt/countries/ke">Quénia</a>'), 'Kenya in Portuguese');
    assert.ok(!countries.body.includes('Alemania'));
    const bare = await http('GET', `${site.base}/pt`);
    assert.equal(bare.status, 301);
    assert.equal(bare.location, '/pt/');
    assert.ok((await http('GET', `${site.base}/pt/`)).body.includes('<html lang="pt" dir="ltr">'));
    assert.ok((await http('GET', `${site.base}/pt/admin/login`)).body.includes('<html lang="pt" dir="ltr">'), 'the workspace too');
    const missing = await http('GET', `${site.base}/pt/events/no-such-event`);
    assert.equal(missing.status, 404);
    assert.ok(missing.body.includes('<html lang="pt" dir="ltr">'));

    // Accept-Language at the bare root chooses it (its region too); elsewhere the address decides.
    for (const header of ['pt-BR, pt;q=0.9, en;q=0.5', 'pt', 'de-DE, pt-PT;q=0.8, en;q=0.5']) {
      const r = await http('GET', `${site.base}/`, { 'accept-language': header });
      assert.equal(r.status, 302, header);
      assert.equal(r.location, '/pt/', header);
    }
    assert.equal((await http('GET', `${site.base}/`, { 'accept-language': 'fr-CH, pt;q=0.9' })).location, '/fr/');
    assert.equal((await http('GET', `${site.base}/`, { 'accept-language': 'en-GB, pt;q=0.9' })).status, 200);

    // The API: ?lang=pt is a language, and its description lists it.
    const api = await http('GET', `${site.base}/api/events?lang=pt`);
    assert.equal(api.status, 200);
    assert.equal(api.headers['content-language'], 'pt');
    const openapi = JSON.parse((await http('GET', `${site.base}/api/openapi.json`)).body) as { components: { parameters: { Lang: { schema: { enum: string[] } } } } };
    assert.deepEqual(openapi.components.parameters.Lang.schema.enum, ['en', 'es', 'fr', 'pt', 'ar']);

    // Every other language: the same page as before, but for the new language's two links.
    for (const [path, was] of before) {
      const now = comparable((await http('GET', `${site.base}${path}`)).body, site.base);
      assert.ok(now.includes(`hreflang="pt"`), `${path} links Portuguese`);
      const same = withoutPortuguese(now);
      const at = [...same].findIndex((ch, i) => ch !== was[i]);
      assert.ok(same === was, `${path} differs at ${at}: …${same.slice(Math.max(0, at - 80), at + 80)}… where it was …${was.slice(Math.max(0, at - 80), at + 80)}…`);
    }
  } finally {
    await site.stop();
  }
});

test('the catalogue check runs over a discovered catalogue: one that lacks a key English has fails it', () => {
  const check = (catalogues: string) => {
    // The test runner's own variable would make the child report to it instead of printing.
    const env: Record<string, string | undefined> = { ...process.env, PLENARY_CATALOGUES: catalogues };
    delete env.NODE_TEST_CONTEXT;
    return spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', 'test/catalogues.test.ts'], { cwd: ROOT, encoding: 'utf8', env });
  };
  const whole = check(PT);
  assert.equal(whole.status, 0, whole.stdout.slice(-3000));
  assert.match(whole.stdout, /ok \d+ - pt: every English key is translated/);
  const lacking = portuguese('pt-lacking', "code: 'pt', name: 'Português', direction: 'ltr'", (s) => s.replace(/\n {2}'pager\.next': [^\n]*/, ''));
  const r = check(lacking);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /not ok \d+ - pt: every English key is translated/);
  assert.match(r.stdout, /pt\.ts lacks 1 keys English has/);
  assert.match(r.stdout, /'pager\.next'/);
});

test('a catalogue that does not say its direction, or that gives a language twice, stops the server at start, saying why', async () => {
  const noDirection = portuguese('pt-no-direction', "code: 'pt', name: 'Português'");
  await assert.rejects(serve(join(dir, 'bad.db'), { PLENARY_CATALOGUES: noDirection }), (e: Error) => {
    assert.match(e.message, /serve exited with 1: .*the catalogue .*pt\.ts is not usable: direction must be "ltr" or "rtl" \(it is undefined\)/s);
    return true;
  });
  const twice = portuguese('fr-again', "code: 'fr', name: 'Français', direction: 'ltr'");
  renameSync(join(twice, 'pt.ts'), join(twice, 'fr.ts'));
  await assert.rejects(serve(join(dir, 'bad.db'), { PLENARY_CATALOGUES: twice }), (e: Error) => {
    assert.match(e.message, /two catalogues give the language "fr": .*catalogues\/fr\.ts and .*fr-again\/fr\.ts/s);
    return true;
  });
});

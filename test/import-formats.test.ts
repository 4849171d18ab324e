// `plenary import FILE` on files made by the programs organizers use, read from disk through the
// command: a page printed to PDF by Chromium (tagged, with the browser's running header and
// footer), the page as Chromium saves it, a Word file made by pandoc from the page, and that
// Word file printed to PDF by LibreOffice. Each must read exactly as the HTML page does, whose
// agenda reads exactly as the page's text.
// Needs chromium, pandoc and soffice (Debian: chromium, pandoc, libreoffice-writer-nogui);
// each case skips, saying so, where its program is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Agenda } from '../src/domain/agenda.ts';
import { blocks, toHtml } from './convert.ts';
import { HAS_SHARED, SHARED_SKIP, sharedPath } from './shared.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-formats-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function which(program: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : which('chromium');
const PANDOC = which('pandoc');
const SOFFICE = which('soffice');
// soffice may be there with Calc only; Writer prints Word files.
const WRITER = SOFFICE && existsSync('/usr/lib/libreoffice/program/libswlo.so') ? SOFFICE : null;
const missing = (program: string, pkg: string) => `${program} is not installed (Debian package ${pkg}); this case needs it`;
const skipUnless = (...needs: Array<[string | null, string, string]>) => SHARED_SKIP || needs.map(([p, name, pkg]) => (p ? false : missing(name, pkg))).find(Boolean) || false;

const PAGES = ['seed/idm-2017-new-york', 'fixtures/agendas/07-iom-grcp-botswana-2011', 'fixtures/agendas/11-eu-oecd-dialogue-2014', 'fixtures/agendas/17-iom-idm-youth-2019'];
const base = (page: string) => page.split('/').pop()!;

const plenary = (args: string[], env: Record<string, string> = {}) => runPlenary(args, `sqlite:${join(dir, 'formats.db')}`, { env });

function run(program: string, args: string[], timeout = 120_000): void {
  const r = spawnSync(program, args, { encoding: 'utf8', timeout, cwd: dir });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
}

/** What the agenda says, without where on the page it said it (the line numbers, and the warnings that carry them). */
function facts(a: Agenda) {
  return JSON.parse(JSON.stringify({ title: a.title, overview: a.overview, days: a.days }, (k, v) => (k === 'line' ? undefined : v)));
}

/** The reading `import --json` prints for a file, and the score tool's line for it. */
function readingOf(file: string, page: string) {
  const r = plenary(['import', file, '--json']);
  assert.equal(r.err, '', file);
  assert.equal(r.code, 0, file);
  const json = join(dir, `${base(file)}.json`);
  writeFileSync(json, r.out);
  const score = spawnSync(process.execPath, [sharedPath('tools/score-agenda.mjs'), sharedPath(`${page}.expected.json`), json], { encoding: 'utf8' });
  assert.equal(score.status, 0, score.stderr);
  return { agenda: JSON.parse(r.out) as Agenda, score: score.stdout.trim() };
}

before(() => {
  if (!HAS_SHARED) return;
  for (const page of PAGES) {
    const html = toHtml(blocks(readFileSync(sharedPath(`${page}.txt`), 'utf8')));
    writeFileSync(join(dir, `${base(page)}.html`), html);
    // As sites do, the page hides its navigation when printed (the HTML reader drops it by markup).
    writeFileSync(join(dir, `${base(page)}.print.html`), html.replace('</head>', '<style media="print">header,nav,footer,.breadcrumb{display:none}</style></head>'));
    // What pandoc is given: the page's content, as one copies it out of the page.
    writeFileSync(join(dir, `${base(page)}.body.html`), `<html><body>${/<main>([\s\S]*)<\/main>/.exec(html)![1]}</body></html>`);
  }
  if (CHROMIUM) {
    const profile = join(dir, 'chromium-profile');
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
    for (const page of PAGES) {
      const n = base(page);
      // Printed as "Save as PDF" does: a tagged PDF with the date, title, address and page numbers around each page.
      run(CHROMIUM, [...flags, `--print-to-pdf=${join(dir, `${n}.chromium.pdf`)}`, `file://${join(dir, `${n}.print.html`)}`]);
      const dom = spawnSync(CHROMIUM, [...flags, '--dump-dom', `file://${join(dir, `${n}.html`)}`], { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
      if (dom.status !== 0) throw new Error(`chromium --dump-dom failed: ${dom.stderr}`);
      writeFileSync(join(dir, `${n}.saved.html`), `<!DOCTYPE html>\n${dom.stdout}`);
    }
  }
  if (PANDOC) {
    for (const page of PAGES) run(PANDOC, [join(dir, `${base(page)}.body.html`), '-f', 'html', '-t', 'docx', '-o', join(dir, `${base(page)}.pandoc.docx`)]);
    if (WRITER) {
      mkdirSync(join(dir, 'libreoffice'), { recursive: true });
      run(WRITER, [
        '--headless',
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'libreoffice'),
        ...PAGES.map((p) => join(dir, `${base(p)}.pandoc.docx`)),
      ]);
    }
  }
});

const FORMATS: Array<{ name: string; file: (n: string) => string; skip: string | false }> = [
  { name: 'a PDF printed by Chromium', file: (n) => join(dir, `${n}.chromium.pdf`), skip: skipUnless([CHROMIUM, 'chromium', 'chromium']) },
  { name: 'the page as Chromium saves it', file: (n) => join(dir, `${n}.saved.html`), skip: skipUnless([CHROMIUM, 'chromium', 'chromium']) },
  { name: 'a Word file made by pandoc', file: (n) => join(dir, `${n}.pandoc.docx`), skip: skipUnless([PANDOC, 'pandoc', 'pandoc']) },
  {
    name: 'a PDF printed by LibreOffice',
    file: (n) => join(dir, 'libreoffice', `${n}.pandoc.pdf`),
    skip: skipUnless([PANDOC, 'pandoc', 'pandoc'], [WRITER, 'LibreOffice Writer', 'libreoffice-writer-nogui']),
  },
];

for (const page of PAGES) {
  describe(`${base(page)} through \`plenary import\``, () => {
    let reference: ReturnType<typeof readingOf> | undefined;
    /** The HTML page's reading, once checked against the text's: the same days, sessions and people, and the same score. */
    const referenceReading = () => {
      if (reference) return reference;
      const text = readingOf(sharedPath(`${page}.txt`), page);
      const html = readingOf(join(dir, `${base(page)}.html`), page);
      // The overview may differ: the text breaks lines inside a paragraph, the page makes each line one.
      assert.deepEqual(facts(html.agenda).days, facts(text.agenda).days);
      assert.equal(html.score, text.score);
      reference = html;
      return html;
    };
    for (const format of FORMATS) {
      test(`${format.name} reads exactly as the page`, { skip: format.skip }, () => {
        const expected = referenceReading();
        const read = readingOf(format.file(base(page)), page);
        assert.deepEqual(facts(read.agenda), facts(expected.agenda));
        assert.equal(read.score, expected.score);
      });
    }
  });
}

test('the seed printed to PDF by Chromium is stored exactly as its text is', { skip: skipUnless([CHROMIUM, 'chromium', 'chromium']) }, () => {
  const store = ['--series', 'idm', '--series-title', 'International Dialogue on Migration', '--event', 'idm-2017-ny', '--title', 'IDM 2017 New York', '--time-zone', 'America/New_York'];
  const pdf = join(dir, 'idm-2017-new-york.chromium.pdf');
  // Where the one line not understood falls depends on the layout: `--json` says it.
  const { warnings } = readingOf(pdf, 'seed/idm-2017-new-york').agenda;
  assert.deepEqual(warnings.map((w) => [w.text, w.message]), [['Event documents and photos', 'line not understood']]);
  const r = plenary(['import', pdf, ...store]);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    [
      'series idm: created',
      'event idm-2017-ny: created (draft, 2017-04-18 to 2017-04-19)',
      'days: 2',
      'sessions: 10 created, 0 updated, 0 removed',
      'appearances: 37 created, 0 updated, 0 removed',
      'persons: 35 created, 0 matched',
      'organizations: 24 created, 0 matched',
      'not published: stored in the working copy (publish with: plenary publish --event idm-2017-ny)',
      `warning: line ${warnings[0]!.line}: line not understood: Event documents and photos`,
      '',
    ].join('\n'),
  );
  // The text of the same page then changes nothing but the line the warning names.
  const again = plenary(['import', sharedPath('seed/idm-2017-new-york.txt'), ...store]);
  assert.equal(again.code, 0);
  assert.match(again.out, /^sessions: 0 created, 10 updated, 0 removed$/m);
  assert.match(again.out, /^appearances: 0 created, 37 updated, 0 removed$/m);
});

// A page of our own with names in Arabic, Chinese and Cyrillic script and a name with no comma before its job,
// through the same programs. Chromium and LibreOffice print the Chinese name only where a CJK font is installed
// (Debian: fonts-noto-cjk); without one the glyphs are boxes with no text behind them, so in the PDFs only the
// Arabic and Cyrillic names are required, and the Chinese line must come back as a warning, not vanish.
const SCRIPTS_PAGE = [
  'Regional Dialogue on Labour Mobility', '', 'Agenda', '', 'DAY ONE – 4 November 2019', '',
  '10:00 – 11:30 Panel 1 – Labour mobility',
  'Moderator: محمد عبد الله, Director, Ministry of Labour, Jordan',
  '• 王毅, Counsellor, Ministry of Foreign Affairs, China',
  '• Иван Петров, Counsellor, Ministry of Foreign Affairs, Russian Federation',
  '• Tomás Herrera Senior Fellow, The Halden Institute', '',
  '11:30 – 12:00 Coffee break', '',
].join('\n');

describe('names in Arabic, Chinese and Cyrillic script through `plenary import`', () => {
  const sdir = join(dir, 'scripts');
  const people = (file: string) => {
    const r = plenary(['import', file, '--json']);
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out) as Agenda;
    return { a, names: a.days.flatMap((d) => d.sessions.flatMap((s) => [...s.moderators, ...s.speakers].map((p) => `${p.name} (${p.country ?? '-'})`))) };
  };
  const ALL = ['محمد عبد الله (Jordan)', '王毅 (China)', 'Иван Петров (Russian Federation)', 'Tomás Herrera (-)'];
  const WITHOUT_CJK = ALL.filter((n) => !n.startsWith('王'));
  before(() => {
    mkdirSync(sdir, { recursive: true });
    writeFileSync(join(sdir, 'page.txt'), SCRIPTS_PAGE);
    const html = toHtml(blocks(SCRIPTS_PAGE));
    writeFileSync(join(sdir, 'page.html'), html.replace('</head>', '<style media="print">header,nav,footer,.breadcrumb{display:none}</style></head>'));
    writeFileSync(join(sdir, 'page.body.html'), `<html><body>${/<main>([\s\S]*)<\/main>/.exec(html)![1]}</body></html>`);
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(sdir, 'profile')}`];
    if (CHROMIUM) {
      run(CHROMIUM, [...flags, `--print-to-pdf=${join(sdir, 'page.chromium.pdf')}`, `file://${join(sdir, 'page.html')}`]);
      const dom = spawnSync(CHROMIUM, [...flags, '--dump-dom', `file://${join(sdir, 'page.html')}`], { encoding: 'utf8', timeout: 120_000 });
      if (dom.status !== 0) throw new Error(`chromium --dump-dom failed: ${dom.stderr}`);
      writeFileSync(join(sdir, 'page.saved.html'), `<!DOCTYPE html>\n${dom.stdout}`);
    }
    if (PANDOC) {
      run(PANDOC, [join(sdir, 'page.body.html'), '-f', 'html', '-t', 'docx', '-o', join(sdir, 'page.docx')]);
      if (WRITER) run(WRITER, ['--headless', `-env:UserInstallation=file://${join(sdir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', join(sdir, 'lo'), join(sdir, 'page.docx')]);
    }
  });
  const noProgram = (p: string | null, name: string, pkg: string) => (p ? false : missing(name, pkg));
  test('the text and the HTML page read every name', () => {
    assert.deepEqual(people(join(sdir, 'page.txt')).names, ALL);
    assert.deepEqual(people(join(sdir, 'page.html')).names, ALL);
  });
  test('the page as Chromium saves it reads every name', { skip: noProgram(CHROMIUM, 'chromium', 'chromium') }, () => {
    assert.deepEqual(people(join(sdir, 'page.saved.html')).names, ALL);
  });
  test('a Word file made by pandoc reads every name', { skip: noProgram(PANDOC, 'pandoc', 'pandoc') }, () => {
    assert.deepEqual(people(join(sdir, 'page.docx')).names, ALL);
  });
  for (const [name, file, skip] of [
    ['a PDF printed by Chromium (Arabic shaped right to left, put back in reading order)', () => join(sdir, 'page.chromium.pdf'), noProgram(CHROMIUM, 'chromium', 'chromium')],
    ['a PDF printed by LibreOffice', () => join(sdir, 'lo', 'page.pdf'), noProgram(PANDOC, 'pandoc', 'pandoc') || noProgram(WRITER, 'LibreOffice Writer', 'libreoffice-writer-nogui')],
  ] as const) {
    test(`${name} reads the Arabic and Cyrillic names, and the Chinese one where a CJK font printed it`, { skip }, () => {
      const { a, names } = people(file());
      const hasCjkFont = spawnSync('sh', ['-c', 'fc-list :lang=zh | head -1'], { encoding: 'utf8' }).stdout.trim() !== '';
      if (hasCjkFont) assert.deepEqual(names, ALL);
      else {
        assert.deepEqual(names.filter((n) => !/^\S*\p{Script=Han}/u.test(n)), WITHOUT_CJK);
        // The line whose name was not printed is not dropped silently: a warning names it, or a name stands for it.
        assert.ok(names.length === 4 || a.warnings.some((w) => w.text.includes('Counsellor, Ministry of Foreign Affairs, China')), JSON.stringify(a.warnings));
      }
    });
  }
});

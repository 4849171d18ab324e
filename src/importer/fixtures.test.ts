// Agenda pages in styles the shared fixtures do not cover, each with a hand-read expected agenda
// (src/importer/fixtures/NN-name.txt and NN-name.expected.json, in the shape of the shared expected files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Agenda, agendaSchema } from '../domain/agenda.ts';
import { parseAgendaText } from './parse-text.ts';

const fixtureDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const scoreTool = fileURLToPath(new URL('../../../shared/tools/score-agenda.mjs', import.meta.url));

interface Person { name: string; honorific: string | null; position: string | null; organization: string | null; country: string | null; materials: Array<string | { label: string }> }
interface Doc { days: Array<{ date: string | null; label: string | null; sessions: Array<Record<string, unknown>> }> }

/** The fields the score tool reads (and the day each session is on), blind to notes, lines and role labels. */
function scored(doc: Doc) {
  const person = (p: Person) => ({
    name: p.name, honorific: p.honorific, position: p.position, organization: p.organization, country: p.country,
    materials: p.materials.map((m) => (typeof m === 'string' ? m : m.label)),
  });
  return doc.days.map((d) => ({
    date: d.date, label: d.label,
    sessions: d.sessions.map((s) => ({
      start: s.start, end: s.end, kind: s.kind, number: s.number, title: s.title,
      moderators: (s.moderators as Person[]).map(person), speakers: (s.speakers as Person[]).map(person),
    })),
  }));
}

function score(expectedPath: string, agenda: Agenda): string | null {
  if (!existsSync(scoreTool)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'plenary-fixture-'));
  try {
    const out = join(dir, 'actual.json');
    writeFileSync(out, JSON.stringify(agenda));
    return execFileSync(process.execPath, [scoreTool, expectedPath, out], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pages = readdirSync(fixtureDir).filter((f) => /^\d\d-.+\.txt$/.test(f)).sort();

test('the own fixture pages are there, each with its expected reading', () => {
  assert.ok(pages.length >= 10, pages.join(' '));
  for (const page of pages) assert.ok(existsSync(join(fixtureDir, page.replace(/\.txt$/, '.expected.json'))), page);
});

for (const page of pages) {
  test(`fixture ${page} reads exactly as its hand-read agenda`, () => {
    const agenda = parseAgendaText(readFileSync(join(fixtureDir, page), 'utf8'));
    agendaSchema.parse(agenda);
    const expectedPath = join(fixtureDir, page.replace(/\.txt$/, '.expected.json'));
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Doc & { warnings: Array<{ line: number; text: string }> };
    assert.deepEqual(scored(agenda), scored(expected));
    // Every line not understood, or understood by guessing, comes back as a warning on its own line number.
    assert.deepEqual(agenda.warnings.map((w) => [w.line, w.text]), expected.warnings.map((w) => [w.line, w.text]));
    const line = score(expectedPath, agenda);
    if (line !== null) {
      assert.match(line, /^sessions_f1=100\.0 appearances_f1=100\.0 session_fields=100\.0 materials=100\.0 affiliation=100\.0 /, `${page}: ${line}`);
    }
  });
}

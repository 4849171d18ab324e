import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { type Agenda, type AgendaPerson, agendaSchema } from '../domain/agenda.ts';
import { parseAgendaText } from './parse-text.ts';

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const seedDir = join(shared, 'seed');
const fixtureDir = join(shared, 'fixtures', 'agendas');
const scoreTool = join(shared, 'tools', 'score-agenda.mjs');

interface ExpectedPerson { name: string; honorific: string | null; position: string | null; organization: string | null; country: string | null; materials: string[] }

/** The fields the score tool reads, so that the comparison is exact on them and blind to notes. */
function scored(doc: { days: Array<{ date: string | null; label: string | null; sessions: Array<Record<string, unknown>> }> }) {
  const person = (p: ExpectedPerson | AgendaPerson) => ({
    name: p.name, honorific: p.honorific, position: p.position, organization: p.organization, country: p.country,
    materials: p.materials.map((m) => (typeof m === 'string' ? m : m.label)),
  });
  return doc.days.map((d) => ({
    date: d.date, label: d.label,
    sessions: d.sessions.map((s) => ({
      start: s.start, end: s.end, kind: s.kind, number: s.number, title: s.title,
      moderators: (s.moderators as ExpectedPerson[]).map(person), speakers: (s.speakers as ExpectedPerson[]).map(person),
    })),
  }));
}

function score(expectedPath: string, agenda: Agenda): string {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-agenda-'));
  try {
    const out = join(dir, 'actual.json');
    writeFileSync(out, JSON.stringify(agenda));
    return execFileSync(process.execPath, [scoreTool, expectedPath, out], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the seed page reads exactly as the hand-read agenda', (t) => {
  if (!existsSync(seedDir)) return t.skip(`../shared is absent: ${seedDir} not found`);
  const agenda = parseAgendaText(readFileSync(join(seedDir, 'idm-2017-new-york.txt'), 'utf8'));
  const expectedPath = join(seedDir, 'idm-2017-new-york.expected.json');
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
  assert.deepEqual(scored(agenda), scored(expected));
  assert.equal(agenda.title, null);
  const codes = agenda.days.flatMap((d) => d.sessions.flatMap((s) => [...s.moderators, ...s.speakers]))
    .filter((p) => p.country !== null).map((p) => `${p.country}=${p.countryCode}`);
  assert.ok(codes.includes('Canada=CA'));
  assert.ok(codes.includes('Republic of Azerbaijan=AZ'));
  assert.ok(codes.every((c) => /=[A-Z]{2}$/.test(c)), codes.join(' '));
  assert.deepEqual(agenda.warnings, [{ line: 113, text: 'Event documents and photos', message: 'line not understood' }]);
  assert.equal(agenda.overview?.length, 10);
  assert.match(agenda.overview?.[0] ?? '', /^On 19 September 2016, Member States adopted/);
  assert.match(
    score(expectedPath, agenda),
    /^sessions_f1=100\.0 appearances_f1=100\.0 session_fields=100\.0 materials=100\.0 affiliation=100\.0 country=100\.0 honorific=100\.0 /,
  );
});

test('each fixture page finds every session and every appearance', (t) => {
  if (!existsSync(fixtureDir)) return t.skip(`../shared is absent: ${fixtureDir} not found`);
  const pages = readdirSync(fixtureDir).filter((f) => f.endsWith('.txt')).sort();
  assert.ok(pages.length >= 3);
  for (const page of pages) {
    const agenda = parseAgendaText(readFileSync(join(fixtureDir, page), 'utf8'));
    const line = score(join(fixtureDir, page.replace(/\.txt$/, '.expected.json')), agenda);
    assert.match(line, /^sessions_f1=100\.0 appearances_f1=100\.0 session_fields=100\.0 materials=100\.0 /, `${page}: ${line}`);
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAgendaText } from '../src/importer/parse-text.ts';
import { SHARED_SKIP, sharedPath } from './shared.ts';

const strip = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x, (k, v) => (k === 'line' || k === 'warnings' || k === 'overview' ? undefined : v)));

test('the demo file carries exactly the seed agenda: same days, sessions, people and materials', { skip: SHARED_SKIP }, () => {
  const seed = parseAgendaText(readFileSync(sharedPath('seed/idm-2017-new-york.txt'), 'utf8'));
  const demo = parseAgendaText(readFileSync(new URL('../demo/idm-2017-new-york.agenda.txt', import.meta.url), 'utf8'));
  assert.deepEqual(strip(demo), strip(seed));
  assert.equal(demo.days.length, 2);
  assert.equal(demo.days.flatMap((d) => d.sessions).length, 10);
  assert.equal(demo.days.flatMap((d) => d.sessions).flatMap((s) => [...s.moderators, ...s.speakers]).length, 37);
  assert.deepEqual(demo.warnings, []);
});

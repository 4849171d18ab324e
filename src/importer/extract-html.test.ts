// HTML tables read as rows × columns: a header row names what each column holds (issue 10). The pages are our own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToText } from './extract-html.ts';
import { parseAgendaText } from './parse-text.ts';

const page = (table: string) => `<!DOCTYPE html><html><body><main><h1>Regional Forum on Climate Finance</h1><p>Nairobi, 12 May 2022</p>${table}</main></body></html>`;
const ROWS = `
<tr><td>09:00 – 09:30</td><td>Opening</td><td><p>H.E. Ms. Grace Wanjiru, Cabinet Secretary, Ministry of Environment, Kenya</p><p>Mr. Olu Adeyemi, Director, AfDB</p></td><td></td></tr>
<tr><td>09:30 – 11:00</td><td><strong>Panel 1:</strong> Adaptation finance</td><td>Dr. Helen Mburu, University of Nairobi<br>Mr. Samuel Otieno, Kenya Red Cross</td><td>Ms. Joy Kamau, Journalist, Daily Nation</td></tr>
<tr><td>11:00 – 11:30</td><td colspan="3">Coffee break</td></tr>
<tr><td>11:30 – 13:00</td><td>Panel 2: Carbon markets</td><td><ul><li>Mr. Peter Njoroge, CEO, Nairobi Securities Exchange</li><li>Ms. Anna Schmidt, Senior Adviser, GIZ</li></ul></td><td>Mr. Tom Mboya, Editor, The Star</td></tr>`;

function people(html: string) {
  const agenda = parseAgendaText(htmlToText(html));
  return agenda.days.flatMap((d) => d.sessions.map((s) => [s.start, s.end, s.title, s.moderators.map((p) => p.name), s.speakers.map((p) => p.name)]));
}

test('a table with a header row (Time, Session, Speakers, Moderator): each column\'s people in its role', () => {
  const html = page(`<table><thead><tr><th>Time</th><th>Session</th><th>Speakers</th><th>Moderator</th></tr></thead><tbody>${ROWS}</tbody></table>`);
  assert.equal(htmlToText(html).split('\n').slice(4, 9).join('\n'), [
    '09:00 – 09:30 Opening',
    'Speakers:',
    'H.E. Ms. Grace Wanjiru, Cabinet Secretary, Ministry of Environment, Kenya',
    'Mr. Olu Adeyemi, Director, AfDB',
    '',
  ].join('\n'));
  assert.deepEqual(people(html), [
    ['09:00', '09:30', 'Opening', [], ['Grace Wanjiru', 'Olu Adeyemi']],
    ['09:30', '11:00', 'Adaptation finance', ['Joy Kamau'], ['Helen Mburu', 'Samuel Otieno']],
    ['11:00', '11:30', 'Coffee break', [], []],
    ['11:30', '13:00', 'Carbon markets', ['Tom Mboya'], ['Peter Njoroge', 'Anna Schmidt']],
  ]);
});

test('a table without a header: the time and the title make the slot, every other line of the cells is its own', () => {
  assert.deepEqual(people(page(`<table>${ROWS}</table>`)), [
    ['09:00', '09:30', 'Opening', [], ['Grace Wanjiru', 'Olu Adeyemi']],
    ['09:30', '11:00', 'Adaptation finance', [], ['Helen Mburu', 'Samuel Otieno', 'Joy Kamau']],
    ['11:00', '11:30', 'Coffee break', [], []],
    ['11:30', '13:00', 'Carbon markets', [], ['Peter Njoroge', 'Anna Schmidt', 'Tom Mboya']],
  ]);
});

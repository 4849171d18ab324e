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

/** Sessions with people as [name, honorific, position, organization, country, countryCode, roleLabel, talkTitle, materials]. */
function read(text: string) {
  const agenda = parseAgendaText(text);
  const person = (p: AgendaPerson) => [
    p.name, p.honorific, p.position, p.organization, p.country, p.countryCode, p.roleLabel ?? null, p.talkTitle ?? null,
    p.materials.map((m) => `${m.kind}:${m.label}`).join('|'),
  ];
  return {
    days: agenda.days.map((d) => [d.date, d.label]),
    sessions: agenda.days.flatMap((d) => d.sessions.map((s) => ({
      head: [s.start, s.end, s.kind, s.number, s.title],
      moderators: s.moderators.map(person),
      speakers: s.speakers.map(person),
    }))),
    warnings: agenda.warnings.map((w) => `${w.line}: ${w.message}`),
    agenda,
  };
}

test('session headings: numbered panels and sessions, with and without times', () => {
  const r = read([
    'Agenda',
    '10:00 - 11:30 Panel 1 – Implementing the SDGs',
    '11:30 Panel one',
    'SESSION 2. Skills and return',
    'Session IV',
    'Parallel Session 1: Fostering mobility',
    '14:00 – 14:30 | Interactive dialogue',
    '13:00 - 15:00 Coffee break',
    'Lunch',
    '17:00 Closing session',
  ].join('\n'));
  assert.deepEqual(r.sessions.map((s) => s.head), [
    ['10:00', '11:30', 'panel', 1, 'Implementing the SDGs'],
    ['11:30', null, 'panel', 1, null],
    [null, null, 'panel', 2, 'Skills and return'],
    [null, null, 'panel', 4, null],
    [null, null, 'panel', 1, 'Fostering mobility'],
    ['14:00', '14:30', 'other', null, 'Interactive dialogue'],
    ['13:00', '15:00', 'break', null, 'Coffee break'],
    [null, null, 'break', null, 'Lunch'],
    ['17:00', null, 'closing', null, 'Closing session'],
  ]);
  assert.deepEqual(r.warnings, []);
});

test('a time on its own line takes the next line as title; two stacked times give an untitled slot', () => {
  const r = read('Agenda\n10:00 - 11:00\n\n11:00 - 12:00\n\nOpening Session\n12:00 - 12:30\n\nCoffee Break\n');
  assert.deepEqual(r.sessions.map((s) => s.head), [
    ['10:00', '11:00', 'other', null, null],
    ['11:00', '12:00', 'opening', null, 'Opening Session'],
    ['12:00', '12:30', 'break', null, 'Coffee Break'],
  ]);
});

test('a slot followed straight by people has no title; as the first with people it is the opening', () => {
  const r = read([
    '25 October 2011, DAY I',
    '09:00 - 09:50',
    '  • Mr. Lucky T. Moahi, Permanent Secretary, Ministry of Labour and Home Affairs - Director of Ceremonies',
    '  • Hon. Letlhogonolo Peter Siele, Minister of Labour, Government of the Republic of Botswana (Statement)',
    '10:20 - 11:00',
    'Participants will be invited to introduce each other.',
    'Facilitator: Mr. D.M. Moremi, Deputy Director, Kingdom of Thailand',
  ].join('\n'));
  assert.deepEqual(r.days, [['2011-10-25', '25 October 2011, DAY I']]);
  assert.deepEqual(r.sessions, [
    {
      head: ['09:00', '09:50', 'opening', null, null],
      moderators: [['Lucky T. Moahi', 'Mr.', 'Permanent Secretary', 'Ministry of Labour and Home Affairs', null, null, 'Director of Ceremonies', null, '']],
      speakers: [['Letlhogonolo Peter Siele', 'Hon.', 'Minister of Labour', 'Government of the Republic of Botswana', null, null, null, null, 'statement:Statement']],
    },
    {
      head: ['10:20', '11:00', 'other', null, null],
      moderators: [['D.M. Moremi', 'Mr.', 'Deputy Director', null, 'Kingdom of Thailand', 'TH', 'Facilitator', null, '']],
      speakers: [],
    },
  ]);
  assert.deepEqual(r.warnings, [
    '2: session has no title; read as the opening from its speakers',
    '6: prose inside the agenda; not read',
  ]);
});

test('roles: labelled lists, inline roles, role after the speakers, "by" forms and co-chairs', () => {
  const r = read([
    'Programme',
    '09:00 Opening remarks by H.E. Ms. Ana Ruiz, Minister of Labour, Chile',
    'Keynote address by Prof. Bo Li, Tsinghua University',
    '10:00 Panel 2 – Data',
    'Co-chairs: Ana Ruiz, Chile; Bo Li, China',
    'Panelists:',
    '- Eve Adams, Editor, The Economist',
    'Rapporteur: Tom Ford, Researcher, ODI',
    'Moderator: Sam Green, Director, Migration Policy Institute',
  ].join('\n'));
  assert.deepEqual(r.sessions, [
    {
      head: ['09:00', null, 'opening', null, 'Opening remarks'],
      moderators: [],
      speakers: [
        ['Ana Ruiz', 'H.E. Ms.', 'Minister of Labour', null, 'Chile', 'CL', 'Opening remarks', null, ''],
        ['Bo Li', 'Prof.', null, 'Tsinghua University', null, null, 'Keynote address', null, ''],
      ],
    },
    {
      head: ['10:00', null, 'panel', 2, 'Data'],
      moderators: [
        ['Ana Ruiz', null, null, null, 'Chile', 'CL', 'Co-chairs', null, ''],
        ['Bo Li', null, null, null, 'China', 'CN', 'Co-chairs', null, ''],
        ['Sam Green', null, 'Director', 'Migration Policy Institute', null, null, null, null, ''],
      ],
      speakers: [
        ['Eve Adams', null, 'Editor', 'The Economist', null, null, null, null, ''],
        ['Tom Ford', null, 'Researcher', 'ODI', null, null, 'Rapporteur', null, ''],
      ],
    },
  ]);
  assert.deepEqual(r.warnings, []);
});

test('people: parenthesised affiliation, talk titles, capitals, honorific after the name, missing comma', () => {
  const r = read([
    'Agenda',
    '10.45-11.45 SESSION 1. Skills',
    'Chair: Francis Cissna (United States Department of Homeland Security)',
    '  • Arthur Sweetman (McMaster University, Canada) -- The portability of human capital',
    '“Why remittances matter”',
    '* Maria LOPEZ, Economist, World Bank',
    '• Robert J. Vitillo, Msgr., Secretary General, International Catholic Migration Commission (Statement)',
    '• Gordon Kihalangwa, Maj.Gen. (RTd), Director, Department of Immigration Services, Kenya (Presentation)',
    '- Ahmed Hussen Minister of Immigration, Refugees, and Citizenship, Canada',
    'François Héran (Director of Research at the National Institute for Demographic Studies - INED, France)',
    'María Fernanda Espinosa Garcés, President of the General Assembly (Keynote remarks) (Video)',
    'Amina Ali, Minister, Kenya (Keynote address | Video)',
    'Austin T. Fragomen Jr., Chair, Business Mechanism, Global Forum on Migration and Development',
  ].join('\n'));
  assert.deepEqual(r.sessions[0]!.moderators, [
    ['Francis Cissna', null, null, 'United States Department of Homeland Security', null, null, 'Chair', null, ''],
  ]);
  assert.deepEqual(r.sessions[0]!.speakers, [
    ['Arthur Sweetman', null, null, 'McMaster University', 'Canada', 'CA', null, 'The portability of human capital', ''],
    ['Maria LOPEZ', null, 'Economist', 'World Bank', null, null, null, 'Why remittances matter', ''],
    ['Robert J. Vitillo', 'Msgr.', 'Secretary General', 'International Catholic Migration Commission', null, null, null, null, 'statement:Statement'],
    ['Gordon Kihalangwa', 'Maj.Gen. (RTd)', 'Director', 'Department of Immigration Services', 'Kenya', 'KE', null, null, 'presentation:Presentation'],
    ['Ahmed Hussen', null, 'Minister of Immigration, Refugees, and Citizenship', null, 'Canada', 'CA', null, null, ''],
    ['François Héran', null, 'Director of Research', 'National Institute for Demographic Studies - INED', 'France', 'FR', null, null, ''],
    ['María Fernanda Espinosa Garcés', null, 'President of the General Assembly', null, null, null, null, null, 'keynote-remarks:Keynote remarks|video:Video'],
    ['Amina Ali', null, 'Minister', null, 'Kenya', 'KE', null, null, 'keynote-remarks:Keynote address|video:Video'],
    ['Austin T. Fragomen Jr.', null, 'Chair, Business Mechanism', 'Global Forum on Migration and Development', null, null, null, null, ''],
  ]);
  assert.deepEqual(r.warnings, ['9: no comma between the name and the position; split guessed']);
});

test('a statement delivered by another person lists both, the deliverer second', () => {
  const r = read([
    'Agenda',
    '10:00 Opening Session',
    '• Mr. Juan Garcia, Director, Ministry of Labour, Spain (Statement delivered by Ms. Rosa Gil, Counsellor)',
    '• H.E. Ms. Amina Ali, Minister, Kenya, delivered by Mr. Omar Said, Ambassador',
  ].join('\n'));
  assert.deepEqual(r.sessions[0]!.speakers, [
    ['Juan Garcia', 'Mr.', 'Director', 'Ministry of Labour', 'Spain', 'ES', null, null, 'statement:Statement'],
    ['Rosa Gil', 'Ms.', 'Counsellor', null, null, null, 'delivered on behalf of Juan Garcia', null, ''],
    ['Amina Ali', 'H.E. Ms.', 'Minister', null, 'Kenya', 'KE', null, null, ''],
    ['Omar Said', 'Mr.', 'Ambassador', null, null, null, 'delivered on behalf of Amina Ali', null, ''],
  ]);
});

test('days: year from elsewhere on the page, a later "Day 2" counted on, sessions before any day', () => {
  const r = read([
    'The dialogue meets in Geneva in May 2022.',
    '09:00 Registration',
    'DAY 1 – Tuesday, May 17th',
    '10:00 Welcome remarks',
    'Day 2',
    '10:00 Panel 3: Return',
  ].join('\n'));
  assert.deepEqual(r.days, [[null, null], ['2022-05-17', 'DAY 1 – Tuesday, May 17th'], ['2022-05-18', 'Day 2']]);
  assert.deepEqual(r.sessions.map((s) => s.head), [
    ['09:00', null, 'other', null, 'Registration'],
    ['10:00', null, 'opening', null, 'Welcome remarks'],
    ['10:00', null, 'panel', 3, 'Return'],
  ]);
  assert.deepEqual(r.agenda.overview, ['The dialogue meets in Geneva in May 2022.']);
  assert.deepEqual(r.warnings, ['5: date counted on from the previous day heading']);
});

test('prose before the agenda is overview; unknown lines after it are warnings with line numbers', () => {
  const r = read('Intro line one\ncontinues here.\n\n  • a point\n\nAgenda\n10:00 Panel 1 – A\nSpeakers:\n• not a person at all\n  \nEnd of Workshop\nEvent documents and photos\n');
  assert.deepEqual(r.agenda.overview, ['Intro line one continues here.', 'a point']);
  assert.equal(r.agenda.title, null);
  assert.deepEqual(r.agenda.warnings, [
    { line: 9, text: '• not a person at all', message: 'bulleted line not read as a person' },
    { line: 12, text: 'Event documents and photos', message: 'line not understood' },
  ]);
  assert.equal(r.sessions[0]!.head[4], 'A');
  assert.equal(r.agenda.days[0]!.sessions[0]!.line, 7);
});

test('"Programme of the X" names the event', () => {
  assert.equal(parseAgendaText('Programme of the EU-OECD Dialogue on Migration\n\nMonday, 24 February 2014\n').title, 'EU-OECD Dialogue on Migration');
});

const FRAGMENTS = [
  'Agenda', 'DAY ONE – 18 April 2017', '10:00 - 11:30    Opening Session', '9.00-9.30', '16-45', 'Speakers:',
  'Moderator:', '  • William Lacy Swing, Director General, International Organization for Migration (Opening remarks)',
  '• Gordon Kihalangwa, Maj.Gen. (RTd), Director, Kenya (Presentation)', 'Co-chairs: A; B', '(Statement)', '()',
  'End of Workshop', 'Panel 1 –', 'Session I', 'Day 2', 'delivered by', ' -- ', '“', '(((', ',,,,', '• ', 'Mr.',
  'Government of the Republic of Botswana', 'Republic of Azerbaijan', '12 noon', '31 April 2017', '\u00a0', '\t',
];

test('any string returns an agenda that passes the schema', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 100_000, unit: 'binary' }), (s) => {
      agendaSchema.parse(parseAgendaText(s));
    }),
    { numRuns: 40 },
  );
});

test('any soup of agenda-like lines returns an agenda that passes the schema', () => {
  const piece = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 60 }), fc.string({ maxLength: 400, unit: 'grapheme' }));
  const line = fc.array(piece, { maxLength: 6 }).map((ps) => ps.join(' '));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 1500 }), (ls) => {
      agendaSchema.parse(parseAgendaText(ls.join('\n')));
    }),
    { numRuns: 60 },
  );
});

test('a 1 MB noisy input returns', () => {
  let seed = 7;
  const chars = 'aZ09 :.-–•,()|\n\tMr.é';
  let noise = '';
  while (noise.length < 1 << 20) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    noise += chars[seed % chars.length];
  }
  const agenda = parseAgendaText(noise);
  assert.equal(agendaSchema.safeParse(agenda).success, true);
  assert.equal(agendaSchema.safeParse(parseAgendaText(`Agenda\n${noise}`)).success, true);
});

test('a table row after its time: title cells first, then people; header rows and empty leading cells', () => {
  const a = parseAgendaText([
    'Monday 4 November 2019', 'Time | Programme | Speaker',
    '09:00 – 09:15 | Opening remarks | H.E. Jane Roe, Minister of Labour, Philippines',
    '10:15 – 12:00 | Session 1: Recruitment | Moderator: Mr. John Doe, Senior Specialist, ILO',
    ' | | Ms. Ana Cruz, Director, Ministry of Manpower, Indonesia',
    '12:00 – 13:00 | Lunch |',
  ].join('\n'));
  const [open, s1, lunch] = a.days[0]!.sessions;
  assert.deepEqual([open!.kind, open!.title, open!.speakers[0]!.name], ['opening', 'Opening remarks', 'Jane Roe']);
  assert.deepEqual([s1!.number, s1!.title, s1!.moderators[0]!.name, s1!.speakers[0]!.name], [1, 'Recruitment', 'John Doe', 'Ana Cruz']);
  assert.deepEqual([lunch!.kind, lunch!.title], ['break', 'Lunch']);
  assert.deepEqual(a.warnings, []);
});

test('discussion with a time is a session; without one it stays in the session above, warned', () => {
  const a = parseAgendaText([
    'Monday 4 November 2019',
    '09:00 – 10:00 Session 1: Labour migration', 'Chair: Mr. John Doe, Director, Ministry of Labour, Kenya', 'Open discussion',
    '10:00 – 10:30 Q&A', '10:30 – 11:00', 'Interactive discussion', 'Vote of thanks – 11h00-11h15',
    'Statement: H.E. Ms. Jane Roe, Minister of Labour, Ghana',
  ].join('\n'));
  const ss = a.days[0]!.sessions;
  assert.deepEqual(ss.map((s) => [s.start, s.kind, s.title]), [
    ['09:00', 'panel', 'Labour migration'], ['10:00', 'other', 'Q&A'], ['10:30', 'other', 'Interactive discussion'],
    ['11:00', 'other', 'Vote of thanks'],
  ]);
  assert.equal(ss[3]!.speakers[0]!.name, 'Jane Roe');
  assert.deepEqual(a.warnings.map((w) => [w.line, w.message]), [[4, 'discussion without a time of its own; kept in the session above']]);
});

test('columns set apart by tabs or wide spaces split off a person; otherwise the title stays whole', () => {
  const a = parseAgendaText([
    'Monday 4 November 2019',
    '09:00 – 09:15\tOpening remarks\tH.E. Jane Roe, Minister of Labour, Philippines',
    '09:15 – 09:30   Welcome address      Dr. Aladdin D. Rillo, Deputy Secretary-General, ASEAN Secretariat',
    '09:30 – 10:00   Migration and development      Regional perspectives',
  ].join('\n'));
  const ss = a.days[0]!.sessions;
  assert.deepEqual(ss.map((s) => [s.title, s.speakers.map((p) => p.name)]), [
    ['Opening remarks', ['Jane Roe']], ['Welcome address', ['Aladdin D. Rillo']],
    ['Migration and development      Regional perspectives', []],
  ]);
});

test('a page that opens with "Session 1 – 9h-10h30 : Ouverture" starts its agenda there; French chairs', () => {
  const a = parseAgendaText([
    'Réunion régionale', '',
    'Session 1 – 9h-10h30 : Ouverture', 'M. Jean Dupont, Ministre du Travail, Sénégal',
    '14h - 15h30 Séance 2 : Emploi des jeunes', 'Présidente : Mme Awa Ndiaye, Directrice, OIM',
  ].join('\n'));
  const ss = a.days[0]!.sessions;
  assert.deepEqual(ss.map((s) => [s.start, s.end, s.kind, s.number, s.title]), [
    ['09:00', '10:30', 'opening', 1, 'Ouverture'], ['14:00', '15:30', 'panel', 2, 'Emploi des jeunes'],
  ]);
  assert.deepEqual([ss[0]!.speakers[0]!.name, ss[0]!.speakers[0]!.honorific], ['Jean Dupont', 'M.']);
  assert.equal(ss[1]!.moderators[0]!.name, 'Awa Ndiaye');
  assert.deepEqual(a.warnings, []);
});

// What real agenda pages do that the first fixtures did not (issue 10), one phenomenon per test, each with the
// exact reading expected. The lines are our own, written in the layouts real pages use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type AgendaPerson, agendaSchema } from '../domain/agenda.ts';
import { parseAgendaText } from './parse-text.ts';
import { readPerson } from './people.ts';
import { readTimeSlot } from './times.ts';
import { readDayHeading } from './days.ts';

/** Sessions as [start, end, kind, number, title], people as [bucket, name, honorific, position, organization, country]. */
function read(lines: string[]) {
  const agenda = parseAgendaText(lines.join('\n'));
  agendaSchema.parse(agenda);
  const person = (bucket: string) => (p: AgendaPerson) => [bucket, p.name, p.honorific, p.position, p.organization, p.country];
  return {
    days: agenda.days.map((d) => [d.date, d.sessions.length]),
    sessions: agenda.days.flatMap((d) => d.sessions.map((s) => [s.start, s.end, s.kind, s.number, s.title])),
    people: agenda.days.flatMap((d) => d.sessions.map((s) => [...s.moderators.map(person('m')), ...s.speakers.map(person('s'))])),
    warnings: agenda.warnings.map((w) => `${w.line}: ${w.message}`),
  };
}

test('names in Arabic, Chinese and Cyrillic script are read like any other', () => {
  const r = read([
    'Monday 4 November 2019',
    '10:00 – 11:30 Panel 1: Labour mobility',
    'Moderator: محمد عبد الله, Director, Ministry of Labour, Jordan',
    '• 王毅, Counsellor, Ministry of Foreign Affairs, China',
    '• Иван Петров, Counsellor, Ministry of Foreign Affairs, Russian Federation',
  ]);
  assert.deepEqual(r.people, [[
    ['m', 'محمد عبد الله', null, 'Director', 'Ministry of Labour', 'Jordan'],
    ['s', '王毅', null, 'Counsellor', 'Ministry of Foreign Affairs', 'China'],
    ['s', 'Иван Петров', null, 'Counsellor', 'Ministry of Foreign Affairs', 'Russian Federation'],
  ]]);
  assert.deepEqual(r.warnings, []);
});

test('times as pages write them: "9:00 a 9:20", "de 9h à 10h", "9.30 h", "4:00pm", "0800 – 2400", noon, AM glued', () => {
  const slot = (l: string) => { const s = readTimeSlot(l); return s === null ? null : [s.start, s.end, s.rest]; };
  assert.deepEqual(slot('9:00 a 9:20 Apertura'), ['09:00', '09:20', 'Apertura']);
  assert.deepEqual(slot('09:00 a 09:30 hrs.: Inscripción'), ['09:00', '09:30', 'Inscripción']);
  assert.deepEqual(slot('de 9h à 10h Ouverture'), ['09:00', '10:00', 'Ouverture']);
  assert.deepEqual(slot('9.30 h Accueil'), ['09:30', null, 'Accueil']);
  assert.deepEqual(slot('4:00pm Closing'), ['16:00', null, 'Closing']);
  assert.deepEqual(slot('0800 – 1730 / Arrival'), ['08:00', '17:30', 'Arrival']);
  assert.deepEqual(slot('Noon – 6:00 p.m.'), ['12:00', '18:00', '']);
  assert.deepEqual(slot('10:00AMRemarks to the Committee'), ['10:00', null, 'Remarks to the Committee']);
  assert.equal(slot('2014 – 2015 review'), null);
  assert.equal(slot('10 amazing ideas'), null);
});

test('dates in French and Spanish, a date followed by a place or by a time, a label before the date', () => {
  const day = (l: string) => { const d = readDayHeading(l, [2019]); return d === null ? null : [d.date, d.rest]; };
  assert.deepEqual(day('Jeudi 12 décembre'), ['2019-12-12', null]);
  assert.deepEqual(day('miércoles, 12 de junio de 2019'), ['2019-06-12', null]);
  assert.deepEqual(day('Vendredi 20 octobre 2017 Salle des fêtes'), ['2017-10-20', 'Salle des fêtes']);
  assert.deepEqual(day('Monday 5 May 2014 9:00-10:00 Opening'), ['2014-05-05', '9:00-10:00 Opening']);
  assert.deepEqual(day('Daybook: Tuesday, November 27, 2012'), ['2012-11-27', null]);
  assert.deepEqual(day('Programme du samedi 25 juin'), ['2019-06-25', null]);
  assert.equal(day('Monday 5 May the delegates meet in the great hall of the palace'), null);
});

test('a date header repeated before the first day, and "Day 1" above its date, make one day', () => {
  const r = read([
    'Tuesday, 3 March 2020', '- Tuesday, 3 March 2020', 'Day 1', '3 March 2020, TUESDAY',
    '09:00 – 10:00 Opening session', 'Day 2', '4 March 2020', '09:00 – 10:00 Closing session',
  ]);
  assert.deepEqual(r.days, [['2020-03-03', 1], ['2020-03-04', 1]]);
});

test('start and end times on lines of their own, and a date glued to the first time', () => {
  const r = read(['Monday 5 May 2014 9:00-10:00 Opening', '10.00', '11.30', '', 'Plenary session 2: Data', '11.30', '12.00', '', 'Break']);
  assert.deepEqual(r.sessions, [
    ['09:00', '10:00', 'opening', null, 'Opening'],
    ['10:00', '11:30', 'panel', 2, 'Data'],
    ['11:30', '12:00', 'break', null, 'Break'],
  ]);
});

test('no times at all: sessions known by headings, Roman numerals, ordinals, or a title over a role line', () => {
  const r = read([
    'Programme',
    'Panel I: Cities and migration',
    'Moderator: Ms. Ana Ruiz, Director, Urban Institute',
    'Ms. Bo Li, Mayor, City of Harbin, China',
    'SEGUNDO PANEL “VIVIENDA SOCIAL”',
    'Panelistas:',
    '• Julio Paredes. Arquitecto, Perú.',
    'Where the money goes',
    'Chair: Mr. Tom Ford, Researcher, ODI',
    'Mr. Sam Green, Economist, World Bank',
  ]);
  assert.deepEqual(r.sessions, [
    [null, null, 'panel', 1, 'Cities and migration'],
    [null, null, 'panel', 2, 'VIVIENDA SOCIAL'],
    [null, null, 'other', null, 'Where the money goes'],
  ]);
  assert.deepEqual(r.people, [
    [['m', 'Ana Ruiz', 'Ms.', 'Director', 'Urban Institute', null], ['s', 'Bo Li', 'Ms.', 'Mayor', 'City of Harbin', 'China']],
    [['s', 'Julio Paredes', null, 'Arquitecto', null, 'Perú']],
    [['m', 'Tom Ford', 'Mr.', 'Researcher', 'ODI', null], ['s', 'Sam Green', 'Mr.', 'Economist', 'World Bank', null]],
  ]);
  assert.deepEqual(r.warnings, ['8: read as a session heading from the people under it']);
});

test('people grouped by role in one line, "Moderated by" after the speakers, a speaker named after their office', () => {
  const r = read([
    'Monday 4 November 2019',
    '10:00 – 11:30 Panel 2: Data',
    'Panelists: Ana Ruiz, Chile; Bo Li, China; and Tom Ford, ODI',
    'Panellists: Ms. Eva Berg (Norway), Mr. Kofi Mensah (Ghana) and Ms. Ягода Петрова (Bulgaria)',
    'Moderated by Sam Green, Director, Migration Policy Institute',
    '11:30 Opening remarks by the President of the General Assembly, H.E. Mr. Peter Quill',
    '12:00 Mot de bienvenue du Maire de Port-Louis, Désiré Koffi',
  ]);
  assert.deepEqual(r.sessions, [
    ['10:00', '11:30', 'panel', 2, 'Data'],
    ['11:30', null, 'opening', null, 'Opening remarks'],
    ['12:00', null, 'opening', null, 'Mot de bienvenue du Maire de Port-Louis'],
  ]);
  assert.deepEqual(r.people, [
    [
      ['m', 'Sam Green', null, 'Director', 'Migration Policy Institute', null],
      ['s', 'Ana Ruiz', null, null, null, 'Chile'], ['s', 'Bo Li', null, null, null, 'China'], ['s', 'Tom Ford', null, null, 'ODI', null],
      ['s', 'Eva Berg', 'Ms.', null, null, 'Norway'], ['s', 'Kofi Mensah', 'Mr.', null, null, 'Ghana'],
      ['s', 'Ягода Петрова', 'Ms.', null, null, 'Bulgaria'],
    ],
    [['s', 'Peter Quill', 'H.E. Mr.', 'President of the General Assembly', null, null]],
    [['s', 'Désiré Koffi', null, 'Maire de Port-Louis', null, null]],
  ]);
});

test('a name and a position with no comma, surnames in capitals, a job before the name: each split says it guessed', () => {
  const one = (l: string) => {
    const p = readPerson(l, true);
    return p === null ? null : [p.person.name, p.person.honorific, p.person.position, p.person.organization, p.warning];
  };
  const guessed = 'no comma between the name and the position; split guessed';
  assert.deepEqual(one('Tomás Herrera Senior Fellow, The Halden Institute'), ['Tomás Herrera', null, 'Senior Fellow', 'The Halden Institute', guessed]);
  assert.deepEqual(one('Jonathan Pell Vice President and Director, Global Economy Program'), ['Jonathan Pell', null, 'Vice President and Director', 'Global Economy Program', guessed]);
  assert.deepEqual(one('Ms Liisa KORHONEN-VAHTO, Finland, Professor of Law'), ['Liisa KORHONEN-VAHTO', 'Ms', 'Professor of Law', null, null]);
  assert.deepEqual(one('Deputy Permanent Secretary Desmond Alleyne, Department of Regional Affairs'),
    ['Desmond Alleyne', null, 'Deputy Permanent Secretary', 'Department of Regional Affairs', 'job written before the name; split guessed']);
  assert.deepEqual(one('Mariana Quiroga. Subsecretaria de Hábitat, Provincia de Santa Fe'), ['Mariana Quiroga', null, 'Subsecretaria de Hábitat', 'Provincia de Santa Fe', null]);
});

test('a talk title before its speaker: glued to the honorific, before "by", or on the line above', () => {
  const r = read([
    'Monday 4 November 2019',
    '10:30 – 11:45 The ombudsman at work',
    '  • What an ombudsman does by Ms. Rosa Villa',
    '  • Social media for public bodies Mr. Kit Srisuk, Office of the Ombudsman, Thailand',
    '“Why complaints matter”',
    'Dr. Olu Ade, Researcher, University of Lagos',
  ]);
  assert.deepEqual(r.people, [[
    ['s', 'Rosa Villa', 'Ms.', null, null, null],
    ['s', 'Kit Srisuk', 'Mr.', null, 'Office of the Ombudsman', 'Thailand'],
    ['s', 'Olu Ade', 'Dr.', 'Researcher', 'University of Lagos', null],
  ]]);
  assert.deepEqual(r.warnings, ['4: talk title read before the speaker; split guessed']);
});

test('two titled parts in one time slot share its time; parallel sessions under one slot each get it', () => {
  const r = read([
    'Tuesday 14 May 2024',
    '9:15 – 9:40',
    '1. Welcome remarks by the Chair',
    '2. Opening remarks by the Secretary General',
    'H.E. Ana Ruiz, Secretary General of the Council.',
    '10:00-12:00  Three Parallel Sessions',
    '  • Skills for the next economy',
    '  • Small firms – backbone of the recovery',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:15', '09:40', 'opening', null, 'Welcome remarks by the Chair'],
    ['09:15', '09:40', 'opening', null, 'Opening remarks by the Secretary General'],
    ['10:00', '12:00', 'panel', null, 'Skills for the next economy'],
    ['10:00', '12:00', 'panel', null, 'Small firms – backbone of the recovery'],
  ]);
});

test('a table flattened one cell per line: the facilitator column gives the moderators (layout)', () => {
  const r = read([
    'Agenda:', 'Time |', 'Session |', 'Facilitator |',
    '09:00-09:30 |', 'Introductions |', 'Ms. Chan Dara, Coordinator |',
    '09:30-10:00 |', 'Next steps |', 'Mr. Lim Sok and Ms. Ouk Vanna |',
  ]);
  assert.deepEqual(r.people, [
    [['m', 'Chan Dara', 'Ms.', 'Coordinator', null, null]],
    [['m', 'Lim Sok', 'Mr.', null, null, null], ['m', 'Ouk Vanna', 'Ms.', null, null, null]],
  ]);
});

test('a paragraph that runs the programme together is read as its lines', () => {
  const r = read([
    'Compte-rendu de la rencontre régionale du vendredi 3 février 2017 à l’Hôtel de Région 8h30 : Accueil café 9h : Mots d’accueil ' +
      'Mme Claire MARTIN, Vice-présidente, Conseil régional M. Paul DURAND, Président de l’association Solidarités ' +
      '9h45 : Table ronde - Coopération et santé, animée par M. Jean PETIT, Président de Santé Sud 10h30 : Échanges avec la salle',
  ]);
  assert.deepEqual(r.sessions, [
    ['08:30', null, 'other', null, 'Accueil café'],
    ['09:00', null, 'opening', null, 'Mots d’accueil'],
    ['09:45', null, 'panel', null, 'Table ronde - Coopération et santé'],
    ['10:30', null, 'other', null, 'Échanges avec la salle'],
  ]);
  assert.deepEqual(r.people, [
    [],
    [['s', 'Claire MARTIN', 'Mme', 'Vice-présidente', 'Conseil régional', null], ['s', 'Paul DURAND', 'M.', 'Président de l’association Solidarités', null, null]],
    [['m', 'Jean PETIT', 'M.', 'Président de Santé Sud', null, null]],
    [],
  ]);
  // The words before the first time are no agenda line, and say so.
  assert.deepEqual(r.warnings, ['1: line not understood']);
});

test('a list of bare names is people; a room under a title is warned, not read as a title', () => {
  const r = read([
    'Thursday, March 3, 2016',
    '9:00 – 11:15 p.m.',
    'Watching the candidates',
    'Room 4, East Wing',
    'Priya Natarajan',
    'Ezra Holloway',
    'Aldous Fenwick (moderator)',
  ]);
  assert.deepEqual(r.sessions, [['21:00', '23:15', 'other', null, 'Watching the candidates']]);
  assert.deepEqual(r.people, [[
    ['m', 'Aldous Fenwick', null, null, null, null], ['s', 'Priya Natarajan', null, null, null, null], ['s', 'Ezra Holloway', null, null, null, null],
  ]]);
  assert.deepEqual(r.warnings, ['4: venue or room; not read']);
});

test('a session heading with only its chair over timed talks groups them; interpreters are not speakers', () => {
  const r = read([
    'Vendredi 15 novembre 2019',
    'Session I - Les villes en réseau',
    'Président de séance : Paul Roussel',
    '10h15 : La diplomatie des maires',
    'Léa Santini, FDSP, AMP',
    '– Le pacte des maires: Nathan Ollivier, directeur, Agence Méditerranée',
    'Interprètes : Roberto Sáenz (EN-FR), Mexique',
    'Ana Lima, Brésil',
  ]);
  assert.deepEqual(r.sessions, [['10:15', null, 'other', null, 'La diplomatie des maires']]);
  assert.deepEqual(r.people, [[
    ['m', 'Paul Roussel', null, null, null, null],
    ['s', 'Léa Santini', null, null, 'FDSP, AMP', null],
    ['s', 'Nathan Ollivier', null, 'directeur', 'Agence Méditerranée', null],
  ]]);
  assert.deepEqual(r.warnings, [
    '2: heading over timed slots read as their group; its chair goes to the first',
    '7: interpreters or contacts, not speakers; not read',
    '8: listed with the interpreters or contacts; not read as a speaker',
  ]);
});

test('no time and no day: a session named inside a sentence starts the agenda, and "The respondents are:" is a role', () => {
  const r = read([
    'Voices chosen for the informal hearings on water',
    'A steering group of NGO networks proposed the names below.',
    'For Panel 1, Rivers across borders, the following speakers were chosen:',
    '  • Ms. Ingrid Valtonen, Baltic Water Alliance',
    '  • Mr. Tomasz Wierzba, Vistula Basin Forum',
    'The respondents are:',
    '  • Dr. Samira Haddad, Levant Aquifer Network',
    'For Panel 2, Drought and cities, the following moderators were named:',
    '  • Mr. Pedro Quiroga, Andean Urban Water Council',
  ]);
  assert.deepEqual(r.days, [[null, 2]]);
  assert.deepEqual(r.sessions, [[null, null, 'panel', 1, 'Rivers across borders'], [null, null, 'panel', 2, 'Drought and cities']]);
  assert.deepEqual(r.people, [
    [['s', 'Ingrid Valtonen', 'Ms.', null, 'Baltic Water Alliance', null], ['s', 'Tomasz Wierzba', 'Mr.', null, 'Vistula Basin Forum', null],
      ['s', 'Samira Haddad', 'Dr.', null, 'Levant Aquifer Network', null]],
    [['m', 'Pedro Quiroga', 'Mr.', null, 'Andean Urban Water Council', null]],
  ]);
  assert.deepEqual(r.warnings, [
    '3: session named inside a sentence; read as its heading (a guess)',
    '8: session named inside a sentence; read as its heading (a guess)',
  ]);
});

test('a short line set wholly in bold in HTML is a session heading; bold names and bold within a line are not', async () => {
  const { htmlToText } = await import('./extract-html.ts');
  const text = htmlToText([
    '<main><h2>Tuesday 3 March 2015</h2>',
    '<p><strong>Chair: Oskar Lindqvist, Director of Programmes</strong></p>',
    '<p><b>Informal exchange of views</b></p>',
    '<p><strong>Rural roads and markets</strong></p>',
    '<ul><li><strong>Ms. Adaeze Okafor</strong>, Senior Economist, Delta Growth Institute</li>',
    '<li><b>Mr. Rui Cardoso</b></li></ul>',
    '<p><strong>Ports</strong> and <strong>corridors</strong> in one paragraph, not a heading</p></main>',
  ].join(''));
  assert.match(text, /^\*\*Rural roads and markets\*\*$/m);
  const r = read(text.split('\n'));
  assert.deepEqual(r.days, [['2015-03-03', 2]]);
  assert.deepEqual(r.sessions, [[null, null, 'other', null, 'Informal exchange of views'], [null, null, 'other', null, 'Rural roads and markets']]);
  assert.deepEqual(r.people, [
    [['m', 'Oskar Lindqvist', null, 'Director of Programmes', null, null]],
    [['s', 'Adaeze Okafor', 'Ms.', 'Senior Economist', 'Delta Growth Institute', null], ['s', 'Rui Cardoso', 'Mr.', null, null, null]],
  ]);
  assert.deepEqual(r.warnings, [
    '5: read as a session heading from its bold type (a guess)',
    '7: read as a session heading from its bold type (a guess)',
    '12: line not understood',
  ]);
});

test('"All day" opens a slot without a clock time; arrival and coffee is a break; a building named after a person is no one', () => {
  const r = read([
    'Thursday 5 March 2015',
    'Margaret Okonjo Hall - Kampala, Uganda',
    'All day',
    'Bilateral meetings on request',
    'Arrival and coffee',
    '09.00 - 10.15',
    'Water after the drought. A conversation with Lindiwe Mabaso, Executive Secretary',
  ]);
  assert.deepEqual(r.sessions, [
    [null, null, 'other', null, 'Bilateral meetings on request'],
    [null, null, 'break', null, 'Arrival and coffee'],
    ['09:00', '10:15', 'other', null, 'Water after the drought. A conversation'],
  ]);
  assert.deepEqual(r.people, [[], [], [['s', 'Lindiwe Mabaso', null, 'Executive Secretary', null, null]]]);
  assert.deepEqual(r.warnings, ['2: venue or room; not read']);
});

test('a programme written as prose: sessions from ordinals and quoted titles, people after "with", "by", "moderated by"', () => {
  const r = read([
    'The forum opened with remarks by Dr. Hana Moravec, Director of the Lakes Institute.',
    'The first panel, moderated by Ruth Achterberg, brought together Tomas Lindgren, Aiko Tanabe and Kofi Mensah.',
    'The second panel, “Cities after the flood”, featured Ms. Inés Barragán, Mayor of Almería; and Mr. Olaf Brandt, Head of Planning.',
    'La última mesa, «Ríos compartidos», contó con Julia Ferreyra, investigadora del Instituto del Agua, y Tomás Ibarra, como moderador.',
  ]);
  assert.deepEqual(r.sessions, [
    [null, null, 'opening', null, null], [null, null, 'panel', 1, null], [null, null, 'panel', 2, 'Cities after the flood'],
    [null, null, 'panel', null, 'Ríos compartidos'],
  ]);
  assert.deepEqual(r.people, [
    [['s', 'Hana Moravec', 'Dr.', 'Director of the Lakes Institute', null, null]],
    [['m', 'Ruth Achterberg', null, null, null, null], ['s', 'Tomas Lindgren', null, null, null, null], ['s', 'Aiko Tanabe', null, null, null, null],
      ['s', 'Kofi Mensah', null, null, null, null]],
    [['s', 'Inés Barragán', 'Ms.', 'Mayor of Almería', null, null], ['s', 'Olaf Brandt', 'Mr.', 'Head of Planning', null, null]],
    [['m', 'Tomás Ibarra', null, null, null, null], ['s', 'Julia Ferreyra', null, 'investigadora del Instituto del Agua', null, null]],
  ]);
  assert.deepEqual(r.warnings, [1, 2, 3, 4].map((n) => `${n}: session read from prose (a guess)`));
});

test('a date written again before each item starts a new one; a street address is a venue; arrival of participants is a session', () => {
  const r = read([
    'Sunday 3 July 2011',
    'Arrival of participants',
    'Saturday, 9 July 2011',
    'Budget Committee (closed meeting)',
    'Main hall, Headquarters',
    'Saturday, 9 July 2011',
    'Steering Board (closed meeting)',
    '1775 Lakeshore Ave., NW',
  ]);
  assert.deepEqual(r.days, [['2011-07-03', 1], ['2011-07-09', 2]]);
  assert.deepEqual(r.sessions, [
    [null, null, 'other', null, 'Arrival of participants'],
    [null, null, 'other', null, 'Budget Committee (closed meeting)'],
    [null, null, 'other', null, 'Steering Board (closed meeting)'],
  ]);
  assert.deepEqual(r.warnings, [
    '4: read as a session heading from the people under it',
    '5: venue or room; not read',
    '7: read as a session heading from the people under it',
    '8: venue or room; not read',
  ]);
});

test('a span with time zones before the date is the day\'s span; badges, a city and its state are not titles', () => {
  const r = read([
    'Rebuilding after the Storm',
    '9:00 am EST - 12:30 pm EST',
    'Past Event',
    'Friday, March 6, 2015',
    '9:00 am - 12:30 pm EST',
    'Portland, OR',
    '9:00 am Welcome and coffee',
    '9:30 am Panel I, Insurance after the flood',
    '11:00 am Panel II, Towns that moved',
  ]);
  assert.deepEqual(r.days, [['2015-03-06', 3]]);
  assert.deepEqual(r.sessions, [
    ['09:00', null, 'opening', null, 'Welcome and coffee'],
    ['09:30', null, 'panel', 1, 'Insurance after the flood'],
    ['11:00', null, 'panel', 2, 'Towns that moved'],
  ]);
  assert.deepEqual(r.warnings, [
    '2: a time span over the sessions that follow, not a session of its own',
    '3: page furniture; not read',
    '5: a time span over the sessions that follow, not a session of its own',
    '6: venue or room; not read',
  ]);
});

test('times in brackets and "Uhr"; roles said of the day; "H.E.," ; people joined by "&", "et" after parentheses, and bare names with "and"', () => {
  const r = read([
    'Tuesday 14 March 2017',
    '(09:00 – 09:30) Opening',
    'Moderator for the day: Clara Montez, Broadcast Journalist',
    '  • H.E., Ambassador Pieter Hols, Ambassador of the Netherlands to the UN',
    '[09.30 - 10.45] FIRESIDE CHAT – THE GAP BETWEEN DATA AND DECISIONS',
    'In dialogue with: Tom Ashworth, Chair of the Commonwealth Forum & Amina Diallo, Chief Economist, UNDP',
    '11h00 – 12h45 : Table ronde 2 : Le logement',
    'Animée par Pierre MARTIN, journaliste',
    'Intervenants : Claire Petit (Université de Lyon), Marc Lefèvre (Habitat et Humanisme) et Nadia Cherif (Ville de Villeurbanne)',
    '14.00 Uhr Closing',
    'Speakers: Anna Berg, Luis Ortega and Kofi Mensah',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:00', '09:30', 'opening', null, 'Opening'],
    ['09:30', '10:45', 'other', null, 'FIRESIDE CHAT – THE GAP BETWEEN DATA AND DECISIONS'],
    ['11:00', '12:45', 'panel', 2, 'Le logement'],
    ['14:00', null, 'closing', null, 'Closing'],
  ]);
  assert.deepEqual(r.people, [
    [['m', 'Clara Montez', null, 'Broadcast Journalist', null, null], ['s', 'Pieter Hols', 'H.E. Ambassador', 'Ambassador of the Netherlands to the UN', null, null]],
    [['s', 'Tom Ashworth', null, 'Chair of the Commonwealth Forum', null, null], ['s', 'Amina Diallo', null, 'Chief Economist', 'UNDP', null]],
    [
      ['m', 'Pierre MARTIN', null, 'journaliste', null, null], ['s', 'Claire Petit', null, null, 'Université de Lyon', null],
      ['s', 'Marc Lefèvre', null, 'Habitat et Humanisme', null, null], ['s', 'Nadia Cherif', null, null, 'Ville de Villeurbanne', null],
    ],
    [['s', 'Anna Berg', null, null, null, null], ['s', 'Luis Ortega', null, null, null, null], ['s', 'Kofi Mensah', null, null, null, null]],
  ]);
  assert.deepEqual(r.warnings, []);
});

test('a name alone on its line with its job and institution on the lines under it is one person', () => {
  const r = read([
    'DAY 1 – 10 April 2019',
    'Session 1: Mobilizing domestic resources (9:30 – 11:00)',
    'Chair',
    'Ms. Priya Nair',
    'Minister of Finance, Sri Lanka',
    'Panellists',
    'Kofi Boateng',
    'Commissioner-General',
    'Ghana Revenue Authority',
    'Ms. Elena Ruiz',
    'Head of Tax Policy, OECD',
    'Rapporteur',
    'Aldous Finch (moderator)',
  ]);
  assert.deepEqual(r.sessions, [['09:30', '11:00', 'panel', 1, 'Mobilizing domestic resources']]);
  assert.deepEqual(r.people, [
    [
      ['m', 'Priya Nair', 'Ms.', 'Minister of Finance', null, 'Sri Lanka'],
      ['m', 'Aldous Finch', null, null, null, null],
      ['s', 'Kofi Boateng', null, 'Commissioner-General', 'Ghana Revenue Authority', null],
      ['s', 'Elena Ruiz', 'Ms.', 'Head of Tax Policy', 'OECD', null],
    ],
  ]);
});

test('people a sentence announces ("participarán la Sra. X; el Sr. Y, y la Sra. Z"), Spanish materials, "hoursCoffee", "1310GMT"', () => {
  const r = read([
    '10:00 a 12:00 hrs.: Primera mesa: Migración y trabajo',
    'En esta mesa participarán la Sra. Inés Vargas, Directora de la OIT; el Sr. Tomás Reyes, investigador del CONICET, y la Sra. Paula Núñez (Presentación).',
    'Moderado por el Sr. Hugo Bravo, periodista.',
    '11:30 hoursCoffee',
    '1300-1310GMT Wrap-up',
  ]);
  assert.deepEqual(r.sessions, [
    ['10:00', '12:00', 'panel', 1, 'Migración y trabajo'],
    ['11:30', null, 'break', null, 'Coffee'],
    ['13:00', '13:10', 'closing', null, 'Wrap-up'],
  ]);
  assert.deepEqual(r.people, [
    [
      ['m', 'Hugo Bravo', 'Sr.', 'periodista', null, null],
      ['s', 'Inés Vargas', 'Sra.', 'Directora de la OIT', null, null],
      ['s', 'Tomás Reyes', 'Sr.', 'investigador del CONICET', null, null],
      ['s', 'Paula Núñez', 'Sra.', null, null, null],
    ],
    [],
    [],
  ]);
  assert.deepEqual(r.warnings, ['2: people read from a sentence that announces them (a guess)']);
});

test('"Time:" in the event\'s details is a span; speakers\' biographies after the agenda are not read; a person named twice in a session is one', () => {
  const r = read([
    'Date: Thursday, March 18, 2021',
    'Time: 10:00 am – 11:30 am EDT',
    '10:00 am Welcome',
    'Karen Holt, Vice President, Center for Global Policy',
    'Karen Holt',
    '10:10 am Panel discussion',
    'Moussa Traoré, Minister of Water, Mali',
    'Moderated by Brian Cole, Senior Fellow, Center for Global Policy',
    'Speakers',
    'Moussa Traoré',
    'Moussa Traoré is Minister of Water of Mali. He previously led the national water agency for five years.',
  ]);
  assert.deepEqual(r.sessions, [['10:00', null, 'opening', null, 'Welcome'], ['10:10', null, 'panel', null, 'Panel discussion']]);
  assert.deepEqual(r.people, [
    [['s', 'Karen Holt', null, 'Vice President', 'Center for Global Policy', null]],
    [['m', 'Brian Cole', null, 'Senior Fellow', 'Center for Global Policy', null], ['s', 'Moussa Traoré', null, 'Minister of Water', null, 'Mali']],
  ]);
  assert.deepEqual(r.warnings, [
    '2: a time span over the sessions that follow, not a session of its own',
    '5: person named again in the same session; read once',
    '9: speakers\' biographies after the agenda; not read',
    '10: after the end of the agenda; not read',
    '11: after the end of the agenda; not read',
  ]);
});

test('a table copied with tabs: its header row names the columns, so a moderator column gives moderators', () => {
  const r = read([
    'Time\tSession\tSpeakers\tModerator',
    '09:30 – 11:00\tPanel 1: Adaptation finance\tDr. Helen Mburu, University of Nairobi; Mr. Samuel Otieno, Kenya Red Cross\tMs. Joy Kamau, Journalist',
    '11:00 – 11:30\tCoffee break',
  ]);
  assert.deepEqual(r.sessions, [['09:30', '11:00', 'panel', 1, 'Adaptation finance'], ['11:00', '11:30', 'break', null, 'Coffee break']]);
  assert.deepEqual(r.people, [
    [
      ['m', 'Joy Kamau', 'Ms.', 'Journalist', null, null],
      ['s', 'Helen Mburu', 'Dr.', null, 'University of Nairobi', null],
      ['s', 'Samuel Otieno', 'Mr.', null, 'Kenya Red Cross', null],
    ],
    [],
  ]);
  assert.deepEqual(r.warnings, []);
});

test('a programme flattened into one paragraph is cut before role labels and day headings, not between a time and its session', () => {
  const r = read([
    'Day 1 – Tuesday 14 June 2016 08:30 – 09:00 Registration 09:00 – 09:30 Opening session Welcome remarks: Mr. Jan Larsen, Regional Director, ILO 09:30 – 10:45 Session 1: Recruitment practices Chair: Ms. Maria Santos, Ministry of Labour, Philippines Panellists: Mr. Rahul Mehta, Ministry of Overseas Indians, India; Ms. Siti Rahman, BNP2TKI, Indonesia 10:45 – 11:00 Coffee break Day 2 – Wednesday 15 June 2016 09:00 – 10:30 Session 2: Way forward Chair: Mr. Jan Larsen, ILO',
  ]);
  assert.deepEqual(r.days, [['2016-06-14', 4], ['2016-06-15', 1]]);
  assert.deepEqual(r.sessions, [
    ['08:30', '09:00', 'other', null, 'Registration'],
    ['09:00', '09:30', 'opening', null, 'Opening session'],
    ['09:30', '10:45', 'panel', 1, 'Recruitment practices'],
    ['10:45', '11:00', 'break', null, 'Coffee break'],
    ['09:00', '10:30', 'panel', 2, 'Way forward'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [
    [], ['s Jan Larsen'], ['m Maria Santos', 's Rahul Mehta', 's Siti Rahman'], [], ['m Jan Larsen'],
  ]);
});

test('"Participants:" and "Guests:" name the people who take the floor', () => {
  const r = read([
    'DAY TWO – Tuesday, 3 October 2017',
    'ROUNDTABLE: Youth and security',
    'Facilitator: Mr. Omar Farouk, Youth Network',
    'Participants: Ms. Julia Stein, Berghof Foundation; Mr. Ali Hassan, Search for Common Ground',
    'Guests: Ms. Rita Kaur, UN Women',
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [['m Omar Farouk', 's Julia Stein', 's Ali Hassan', 's Rita Kaur']]);
});

test('with no time, day or numbered heading, the agenda starts at the first heading of a session\'s kind with people under it', () => {
  const r = read([
    'Annual Conference on Peacebuilding',
    '',
    'The conference meets every year.',
    '',
    'OPENING CEREMONY',
    'Welcome: Dr. Sarah Whitman, President, Peace Institute',
    '',
    'ROUNDTABLE: Youth and security',
    'Facilitator: Mr. Omar Farouk, Youth Network',
    '',
    'CLOSING SESSION',
    'Mr. Peter Novak, Executive Director, Peace Institute',
  ]);
  assert.deepEqual(r.sessions, [
    [null, null, 'opening', null, 'OPENING CEREMONY'],
    [null, null, 'panel', null, 'Youth and security'],
    [null, null, 'closing', null, 'CLOSING SESSION'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [['s Sarah Whitman'], ['m Omar Farouk'], ['s Peter Novak']]);
  assert.deepEqual(r.warnings, []);
});

test('a role phrase with the person glued to it, "Modera X" with no colon, and "D." (don) before a Spanish name', () => {
  const r = read([
    '10:00 – 11:00 Panel 1: Water',
    'Keynote speech Jean-Pierre DUMONT Secretary General OECD',
    'D. Luis Martínez, Rector de la Universidad de Cádiz',
    'Modera Rosa Vidal, directora del Observatorio de Empleo',
  ]);
  assert.deepEqual(r.sessions, [['10:00', '11:00', 'panel', 1, 'Water']]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]} ${p[2]}`)), [
    ['m Rosa Vidal null', 's Jean-Pierre DUMONT null', 's Luis Martínez D.'],
  ]);
});

test('under a time alone, "Welcome Remarks" and "Keynote" on lines of their own are two parts of the slot; "Closing Remarks" a title', () => {
  const r = read([
    '09.00 – 09.50',
    'Moderator: Clara Nwosu, Broadcast Journalist',
    'Welcome Remarks',
    'Anders Lindqvist, Chair, Health Finance Alliance',
    'Keynote',
    'Dr Miguel Santos, Director-General, Vaccine Institute',
    'H.E. Prof Lorenzo Bianchi, Minister of Health, Italy',
    '13.30 – 14.00',
    'Closing Remarks',
    'Rosa Benedetti, Executive Director, Health Finance Alliance',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:00', '09:50', 'opening', null, 'Welcome Remarks'],
    ['09:00', '09:50', 'keynote', null, 'Keynote'],
    ['13:30', '14:00', 'closing', null, 'Closing Remarks'],
  ]);
  assert.deepEqual(r.people, [
    [['m', 'Clara Nwosu', null, 'Broadcast Journalist', null, null], ['s', 'Anders Lindqvist', null, 'Chair', 'Health Finance Alliance', null]],
    [['s', 'Miguel Santos', 'Dr', 'Director-General', 'Vaccine Institute', null], ['s', 'Lorenzo Bianchi', 'H.E. Prof', 'Minister of Health', null, 'Italy']],
    [['s', 'Rosa Benedetti', null, 'Executive Director', 'Health Finance Alliance', null]],
  ]);
  assert.deepEqual(r.warnings, [
    '3: a part\'s label alone on its line read as the title of a part of its time slot',
    '5: a part\'s label alone on its line read as the title of a part of its time slot',
  ]);
});

test('"Theme 1: …" with no one under it, over a time alone on its line, heads the slot and is not a session', () => {
  const r = read([
    '09.50 – 10.15',
    'Family Photo',
    'Theme 1: Trust in global health',
    '10.15 – 11.10',
    'Panel 1: Health on the multilateral agenda',
    'Chair: Tomás Herrera, Senior Fellow, Centre for Health Policy',
    'Session 2: Financing primary care',
    '11.30 – 12.20',
    'Chair: Nadia Rahimi, CEO, Health Equity Fund',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:50', '10:15', 'other', null, 'Family Photo'],
    ['10:15', '11:10', 'panel', 1, 'Health on the multilateral agenda'],
    ['11:30', '12:20', 'panel', 2, 'Financing primary care'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [[], ['m Tomás Herrera'], ['m Nadia Rahimi']]);
  assert.deepEqual(r.warnings, [
    '3: heading with no one under it over a timed slot; read as their group, not a session',
    '7: heading with no one under it over a timed slot; read as their group, not a session',
  ]);
});

test('the person in parentheses after an institution or a talk title; "… address by the Honourable X"; a country is no person', () => {
  const r = read([
    'MONDAY, 6 MAY 2002',
    '09:00 Opening Ceremony',
    '- Welcome and opening address by the Honourable Tavita Leaupepe, Minister of Agriculture, Samoa',
    '- Opening remarks by SPC (Ms. Mereani Vakacegu, Deputy Director)',
    '- Statement by New Zealand',
    '11:30 Presentation of Background Papers',
    '- Fisheries and Food Security (Ms. Hannah Lindgren, FAO)',
    '- NZAID (Mr. Graham Whitcombe)',
    '19:00 (Reception hosted by the Government of Samoa)',
    'Previous Page Top Of Page Next Page',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:00', null, 'opening', null, 'Opening Ceremony'],
    ['11:30', null, 'other', null, 'Presentation of Background Papers'],
    ['19:00', null, 'other', null, 'Reception hosted by the Government of Samoa'],
  ]);
  assert.deepEqual(r.people, [
    [['s', 'Tavita Leaupepe', 'Honourable', 'Minister of Agriculture', null, 'Samoa'], ['s', 'Mereani Vakacegu', 'Ms.', 'Deputy Director', 'SPC', null]],
    [['s', 'Hannah Lindgren', 'Ms.', null, 'FAO', null], ['s', 'Graham Whitcombe', 'Mr.', null, 'NZAID', null]],
    [],
  ]);
  const agenda = parseAgendaText('11:30 Papers\n- Fisheries and Food Security (Ms. Hannah Lindgren, FAO)\n- Timor-Leste (Mr. Jose Soares)');
  assert.deepEqual(agenda.days[0]!.sessions[0]!.speakers.map((p) => [p.name, p.talkTitle, p.country, p.countryCode]), [
    ['Hannah Lindgren', 'Fisheries and Food Security', null, null], ['Jose Soares', null, 'Timor-Leste', 'TL'],
  ]);
  assert.deepEqual(r.warnings, ['5: "Statement" followed by something that is not a person', '10: page furniture; not read']);
});

test('no times: a title over two person lines after a blank line is a heading, also after a break; a part label over people too', () => {
  const r = read([
    'Programme',
    '',
    'Welcome and introduction',
    'Ambassador Helena KOWALSKA, Permanent Representative of Poland to the United Nations',
    'Dr. Samuel Okafor, Director, Centre for Migration Studies',
    '',
    'The future of remittances',
    'Ana María Torres, Chief Economist, Inter-American Development Bank',
    'Yusuf Demir, Turkey',
    '',
    'Lunch',
    '',
    'Climate mobility and displacement',
    'Moderated by Mr. Tom Becker, IOM',
    'Nadia Haddad, UNHCR',
    '',
    'Closing remarks',
    'Ms. Ingrid Olsen, Deputy Director-General, IOM',
  ]);
  assert.deepEqual(r.sessions, [
    [null, null, 'opening', null, 'Welcome and introduction'],
    [null, null, 'other', null, 'The future of remittances'],
    [null, null, 'break', null, 'Lunch'],
    [null, null, 'other', null, 'Climate mobility and displacement'],
    [null, null, 'closing', null, 'Closing remarks'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [
    ['s Helena KOWALSKA', 's Samuel Okafor'], ['s Ana María Torres', 's Yusuf Demir'], [], ['m Tom Becker', 's Nadia Haddad'], ['s Ingrid Olsen'],
  ]);
  assert.deepEqual(r.warnings, [
    '3: read as a session heading from the people under it',
    '7: read as a session heading from the people under it',
    '13: read as a session heading from the people under it',
    '17: read as a session heading from the people under it',
  ]);
});

test('a talk title over one speaker, with no blank line above it, stays the talk title', () => {
  const agenda = parseAgendaText([
    'Session 1: Remittances',
    'Chair: Ms. Ana Torres, IDB',
    'Costs of sending money home',
    'Mr. Yusuf Demir, Central Bank, Turkey',
    'Digital transfers',
    'Dr. Sophie Laurent, OECD',
  ].join('\n'));
  const s = agenda.days[0]!.sessions;
  assert.equal(s.length, 1);
  assert.deepEqual(s[0]!.speakers.map((p) => [p.name, p.talkTitle]), [['Yusuf Demir', 'Costs of sending money home'], ['Sophie Laurent', 'Digital transfers']]);
});

test('a country after the job with no comma ("Minister of Health Morocco"), and in parentheses before the job', () => {
  const p = (line: string) => { const r = readPerson(line, false); return r === null ? null : [r.person.name, r.person.position, r.person.organization, r.person.country, r.person.countryCode]; };
  assert.deepEqual(p('H.E. Dr. Amina El Fassi, Minister of Health Morocco'), ['Amina El Fassi', 'Minister of Health', null, 'Morocco', 'MA']);
  assert.deepEqual(p('Mr. Omar Haddad, Ministry of Foreign Affairs Jordan'), ['Omar Haddad', null, 'Ministry of Foreign Affairs', 'Jordan', 'JO']);
  assert.deepEqual(p('Mr. Pedro Alvarez (Spain) Director General, Ministry of Labour'), ['Pedro Alvarez', 'Director General', 'Ministry of Labour', 'Spain', 'ES']);
  // A country after "of", "to" or inside a longer name stays where it is.
  assert.deepEqual(p('Ms. Helena Kowalska, Permanent Representative of Poland'), ['Helena Kowalska', 'Permanent Representative of Poland', null, null, null]);
  assert.deepEqual(p('Sr. Luis Gómez, Consejero, Embajada de la República Argentina'), ['Luis Gómez', 'Consejero', 'Embajada de la República Argentina', null, null]);
});

test('a role glued to the person after it, an Arabic comma between the parts, a Latin spelling after a Chinese name', () => {
  const r = read([
    '10:00 – 11:30 Panel 1: Labour mobility',
    'Moderator: 王毅 (Wang Yi), Counsellor, Ministry of Foreign Affairs, China',
    'محمد عبد الله، مدير، وزارة العمل',
    'Opening remarksMs. Jane Doe, President, ECOSOC',
    'Keynote addressJane Roe, Director, ILO',
  ]);
  assert.deepEqual(r.people, [[
    ['m', '王毅', null, 'Counsellor', 'Ministry of Foreign Affairs', 'China'],
    ['s', 'محمد عبد الله', null, 'مدير, وزارة العمل', null, null],
    ['s', 'Jane Doe', 'Ms.', 'President', 'ECOSOC', null],
    ['s', 'Jane Roe', null, 'Director', 'ILO', null],
  ]]);
  assert.deepEqual(r.warnings, []);
});

test('an office or an institution after a role phrase is no person; a venue after a dash is not in the title', () => {
  const r = read([
    'TUESDAY, 12 OCTOBER 2004',
    '08.30 – 09.30',
    'Opening Session',
    '    • Welcome address - Water Resources Commission (Host)',
    '    • Opening Statement - FAO Representative',
    '    • Closing remarks – FAO Regional Office',
    '18.30',
    'Cocktail Reception - Palm Court Hotel',
    '19.30 Dinner – Conference Room 2',
  ]);
  assert.deepEqual(r.sessions, [
    ['08:30', '09:30', 'opening', null, 'Opening Session'],
    ['18:30', null, 'other', null, 'Cocktail Reception'],
    ['19:30', null, 'other', null, 'Dinner'],
  ]);
  assert.deepEqual(r.people, [[], [], []]);
  assert.equal(r.warnings.length, 3);
  assert.equal(readPerson('Water Resources Commission', true), null);
  assert.equal(readPerson('FAO Representative', true), null);
  assert.deepEqual(readPerson('Dean Smith', true)?.person.name, 'Dean Smith');
});

test('no times: a heading in capitals over a person line is a session, a part label in capitals too', () => {
  const r = read([
    'Programme',
    'WELCOME AND INTRODUCTION',
    'Mr. Peter HALL, President, Policy Forum',
    'THE STATE OF GLOBAL MIGRATION',
    'Ms. Ana GARCIA, Director, Migration Policy Institute, Spain',
    'Mr. Kenji ITO, Professor, Keio University, Japan',
    'CONCLUDING REMARKS',
    'Mr. Peter HALL, President, Policy Forum',
  ]);
  assert.deepEqual(r.sessions, [
    [null, null, 'opening', null, 'WELCOME AND INTRODUCTION'],
    [null, null, 'other', null, 'THE STATE OF GLOBAL MIGRATION'],
    [null, null, 'closing', null, 'CONCLUDING REMARKS'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]} ${p[5]}`)), [
    ['s Peter HALL null'], ['s Ana GARCIA Spain', 's Kenji ITO Japan'], ['s Peter HALL null'],
  ]);
  assert.deepEqual(r.warnings, [2, 4, 7].map((n) => `${n}: read as a session heading from the people under it`));
});

test('"(Keynote Address)" under a titled slot is its kind; a job in parentheses on the line under a name is theirs', () => {
  const r = read([
    'Thursday, July 16th, 2015',
    '14:00 “Culture and Good Governance”',
    '(Keynote Address)',
    'Deborah Finch (Director, Culture at King\'s College, London)',
    '11:30  Keynote Address',
    'Jim Fitzgerald',
    '(Member of the British Parliament)',
  ]);
  assert.deepEqual(r.sessions, [
    ['14:00', null, 'keynote', null, '“Culture and Good Governance”'],
    ['11:30', null, 'keynote', null, 'Keynote Address'],
  ]);
  assert.deepEqual(r.people, [
    [['s', 'Deborah Finch', null, 'Director', 'Culture at King\'s College, London', null]],
    [['s', 'Jim Fitzgerald', null, 'Member of the British Parliament', null, null]],
  ]);
  assert.deepEqual(r.warnings, []);
});

test('no times: a title after a blank line over names alone, each with its job on the line under, is a session heading', () => {
  const r = read([
    'Programme',
    '',
    'Welcome and introduction',
    'Mr. Lars Eriksson',
    'Director, Financing Office',
    'Ms. Amina Diallo',
    'Minister of Labour, Senegal',
    '',
    'The future of remittances',
    'Ana María Torres',
    'Chief Economist, Inter-American Development Bank',
    'Dr. Yusuf Demir',
    'Professor, Bogazici University',
  ]);
  assert.deepEqual(r.sessions, [[null, null, 'opening', null, 'Welcome and introduction'], [null, null, 'other', null, 'The future of remittances']]);
  assert.deepEqual(r.people, [
    [['s', 'Lars Eriksson', 'Mr.', 'Director', 'Financing Office', null], ['s', 'Amina Diallo', 'Ms.', 'Minister of Labour', null, 'Senegal']],
    [['s', 'Ana María Torres', null, 'Chief Economist', 'Inter-American Development Bank', null], ['s', 'Yusuf Demir', 'Dr.', 'Professor', 'Bogazici University', null]],
  ]);
  assert.deepEqual(r.warnings, ['3: read as a session heading from the people under it', '9: read as a session heading from the people under it']);
});

test('"Panel: Title" and "Keynote: Title" lose the kind word as "Roundtable: Title" does', () => {
  const r = read(['11:00 – 12:30 Panel: Financing water utilities', 'Moderator: Ms. Grace Owusu, WaterAid', '14:00 Keynote: The future of water', 'Dr. Ousmane DIALLO, University of Dakar']);
  assert.deepEqual(r.sessions, [['11:00', '12:30', 'panel', null, 'Financing water utilities'], ['14:00', null, 'keynote', null, 'The future of water']]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [['m Grace Owusu'], ['s Ousmane DIALLO']]);
});

test('"▶ title (room, time span)": the time in parentheses after a room; a run of numbered lines under it lists agenda items', () => {
  const r = read([
    'Tuesday, 3 March 2020',
    '▶ 4th plenary meeting  (Main Hall,  10 a.m. – 1 p.m.)',
    '1. Opening of the session',
    '2. Adoption of the agenda',
    '▶ Interactive dialogue 1: Water and cities  (Room 3,  3 p.m. – 6 p.m.)',
    'Co-Chairs: H.E. Ms. Lena Holm, Minister for Infrastructure, Sweden; H.E. Mr. Ali Rahimi, Minister of Energy, Iran',
    'Film night (20.00 – 22.00) and/or free time',
    'Guided tour (Room 2, 3 floors)',
  ]);
  assert.deepEqual(r.sessions, [
    ['10:00', '13:00', 'other', null, '4th plenary meeting'],
    ['15:00', '18:00', 'other', null, 'Interactive dialogue 1: Water and cities'],
    ['20:00', '22:00', 'other', null, 'Film night and/or free time'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [[], ['m Lena Holm', 'm Ali Rahimi'], []]);
  assert.deepEqual(r.warnings, ['3: agenda item of the meeting above; not a session', '4: agenda item of the meeting above; not a session', '8: venue or room; not read']);
});

test('"time: Title. Panelists: A (X), B (Y)" and "Key note speaker Name: Title" on a time line; breakfast, supper and tea are breaks', () => {
  const r = read([
    'FRIDAY, 9 July 2010',
    '8.00 – 8.45: Breakfast',
    '16.15 – 18.00: Plenary: Voices from the regions. Panelists: Ana Ruiz (Peru), Tomas Berg (Norway)',
    '18.30 – 19.30: Supper',
    '20.10: Key note speaker Helga Marsh: Budgets for peace.',
    '15.45 – 16.15: Tea',
  ]);
  assert.deepEqual(r.sessions, [
    ['08:00', '08:45', 'break', null, 'Breakfast'],
    ['16:15', '18:00', 'other', null, 'Plenary: Voices from the regions.'],
    ['18:30', '19:30', 'break', null, 'Supper'],
    ['20:10', null, 'keynote', null, 'Budgets for peace.'],
    ['15:45', '16:15', 'break', null, 'Tea'],
  ]);
  assert.deepEqual(r.people, [[], [['s', 'Ana Ruiz', null, null, null, 'Peru'], ['s', 'Tomas Berg', null, null, null, 'Norway']], [], [['s', 'Helga Marsh', null, null, null, null]], []]);
});

test('a programme table row: the room in parentheses leaves the title, the people after the last dash each with their institution', () => {
  const r = read([
    'jeudi 14 mars 2024',
    '10:00 - 11:05 Session 1 - Les sciences avec les habitants (amphi Pasteur ) - Lucie Garnier (Université de Lille), Omar Bensaïd (Université de Tunis) & Collectif Jardins Ouverts',
    '11:05 - 11:30 Pause café (hall A )',
    '19:00 - 21:00 Dîner',
    '09:00 - 09:15 Accueil du public',
  ]);
  assert.deepEqual(r.days, [['2024-03-14', 3], [null, 1]]);
  assert.deepEqual(r.sessions, [
    ['10:00', '11:05', 'panel', 1, 'Les sciences avec les habitants'],
    ['11:05', '11:30', 'break', null, 'Pause café'],
    ['19:00', '21:00', 'other', null, 'Dîner'],
    ['09:00', '09:15', 'other', null, 'Accueil du public'],
  ]);
  assert.deepEqual(r.people[0], [['s', 'Lucie Garnier', null, null, 'Université de Lille', null], ['s', 'Omar Bensaïd', null, null, 'Université de Tunis', null]]);
  assert.deepEqual(r.warnings, [
    '2: people read from the list after the title\'s dash (a guess); an institution listed with them is not a person',
    '5: a morning after an evening with no day heading between: read as the next day, its date not given (a guess)',
  ]);
});

test('an HTML table with a ":" column and four-digit times: each line of a cell (title, role, one person a line) is its own', async () => {
  const { htmlToText } = await import('./extract-html.ts');
  const text = htmlToText([
    '<main><h3>DAY 1: 10 OCTOBER 2023 (TUESDAY)</h3><table><tbody>',
    '<tr><td>1030 – 1045</td><td>:</td><td>Morning break</td></tr>',
    '<tr><td>1045 – 1230</td><td>:</td><td>Forum: Who reads the evidence?<br>Moderator: Assoc. Prof. Dr. Wong Li Na<br>Panellists:<br>Datuk Hafiz Rahman<br>Prof. Dato’ Dr. Aishah Karim</td></tr>',
    '</tbody></table></main>',
  ].join(''));
  const r = read(text.split('\n'));
  assert.deepEqual(r.sessions, [['10:30', '10:45', 'break', null, 'Morning break'], ['10:45', '12:30', 'other', null, 'Forum: Who reads the evidence?']]);
  assert.deepEqual(r.people, [[], [
    ['m', 'Wong Li Na', 'Assoc. Prof. Dr.', null, null, null],
    ['s', 'Hafiz Rahman', 'Datuk', null, null, null],
    ['s', 'Aishah Karim', 'Prof. Dato’ Dr.', null, null, null],
  ]]);
});

test('a PDF agenda flattened into one paragraph with no punctuation between items, people or the agenda\'s own prose', () => {
  const r = read([
    'DRAFT AGENDA Rabat, 2 March 2011 8.30 - 9.15 REGISTRATION Venue: Palais des Congrès 9.15 - 10.00 Opening session and ' +
      'adoption of the programme for 2011-2012 The opening session will hear statements from the two co-chairs. Address by H.E. Mr. ' +
      'Driss Alaoui, Minister of Finance, Kingdom of Morocco Address by Ms. Karin Lund, State Secretary, Kingdom of Sweden ' +
      'Session 1: Jobs for graduates Chair: 10.30 - 12.00 Ms. Eva Moreau, Director, OECD Firms across the region say that they cannot ' +
      'find the skills they need. Speakers: H.E. Dr. Rami Khoury, Minister of Labour, Lebanon Mr. Paolo Ferri, Chief Executive ' +
      'Officer, Ferri Costruzioni, Italy 12.00 - 13.30 LUNCH 20.00 OFFICIAL DINNER',
  ]);
  assert.deepEqual(r.sessions, [
    ['08:30', '09:15', 'other', null, 'REGISTRATION'],
    ['09:15', '10:00', 'opening', null, 'Opening session and adoption of the programme for 2011-2012'],
    [null, null, 'panel', 1, 'Jobs for graduates'],
    ['12:00', '13:30', 'break', null, 'LUNCH'],
    ['20:00', null, 'other', null, 'OFFICIAL DINNER'],
  ].map((x) => x));
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [
    [], ['s Driss Alaoui', 's Karin Lund'], ['m Eva Moreau', 's Rami Khoury', 's Paolo Ferri'], [], [],
  ]);
});

test('a PDF programme wrapped at the page width: a long line goes on when the next opens in lower case, a quotation is open, or a name is cut', () => {
  const r = read([
    'MERCREDI 16 NOVEMBRE 2011',
    '09 h 00',
    'Accueil par Claire Fontaine, Vice-présidente du Conseil départemental chargée de la',
    'jeunesse, Amadou Diallo, Maire de Kayes (Mali) et Louis',
    'Perrin, Délégué général de Cités Unies',
    '10 h 45 à 12 h 00',
    '« Les communes face au climat : ce que font les villes jumelées » par Moussa',
    'Traoré, ingénieur, Agence de l’eau de Ségou',
    '15 h 10 à 16 h 30',
    '« Les jeunes et les partenariats – L’expérience du lycée de Melle avec',
    'la commune de Kaya »',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:00', null, 'other', null, 'Accueil'],
    ['10:45', '12:00', 'other', null, '« Les communes face au climat : ce que font les villes jumelées »'],
    ['15:10', '16:30', 'other', null, '« Les jeunes et les partenariats – L’expérience du lycée de Melle avec la commune de Kaya »'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]} | ${p[3]}`)), [
    ['s Claire Fontaine | Vice-présidente du Conseil départemental chargée de la jeunesse', 's Amadou Diallo | Maire de Kayes (Mali)', 's Louis Perrin | Délégué général de Cités Unies'],
    ['s Moussa Traoré | ingénieur'],
    [],
  ]);
});

test('a news page\'s schedule: times run together on one line, names set apart by spaces around a quoted title, "Coord." and "18.00 Hs."', () => {
  const r = read([
    'CRONOGRAMA',
    'Sala 1',
    '9:00 a 12:00 Plenario de concejales 10:00 Mesa "El río que nos une" Sergio Paredes Laura Quiroga 18:00 Rubén Sosa "Puertos y economías regionales"',
    'Sala 2',
    '15:00 Conferencia de prensa del ministerio 17:00 Encuentro de cronistas. Coord. Diego Funes',
    '- 11.00 Hs. Mesa de experiencias. Lucía Ibarra y Gustavo Roldán.',
    '- 19.00 Hs. Palabras a cargo de Mirta Alonso, decana de la Facultad de Derecho, Raúl Vera, rector de la Universidad del Litoral.',
  ]);
  assert.deepEqual(r.sessions, [
    ['09:00', '12:00', 'other', null, 'Plenario de concejales'],
    ['10:00', null, 'other', null, 'Mesa "El río que nos une"'],
    ['18:00', null, 'other', null, '"Puertos y economías regionales"'],
    ['15:00', null, 'other', null, 'Conferencia de prensa del ministerio'],
    ['17:00', null, 'other', null, 'Encuentro de cronistas.'],
    ['11:00', null, 'other', null, 'Mesa de experiencias.'],
    ['19:00', null, 'other', null, 'Palabras'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [
    [], ['s Sergio Paredes', 's Laura Quiroga'], ['s Rubén Sosa'], [], ['m Diego Funes'], ['s Lucía Ibarra', 's Gustavo Roldán'],
    ['s Mirta Alonso', 's Raúl Vera'],
  ]);
});

test('a day row with its track, glued timed items, "Title ; people", a talk word then "de" and a person, a role after the title\'s dash, "Name, Talk title", "animée par X, avec A, B"', () => {
  const r = read([
    'DAY 1 – 14 MARCH 2012 – Wednesday PLENARY SESSIONS Venue: Harbour Hall',
    '8h30 – Accueil des participants9h00 – Ouverture ; Anne Vidal, Présidente de l’Association et Paul Girard, Président du Comité',
    '9 h 30 : Allocution de bienvenue de Jean-Luc MARTIAL, Maire de Sainte-Rose',
    '10 h : Accueil des invités – Modératrices de la journée : Sophie LEBRUN et Claire DORVAL',
    '10 h 30 : Valérie Maillet, Une histoire des ports de la Caraïbe',
    '11 h : Table ronde animée par Gilbert Roux, avec Nadia Cherif, professeure d’histoire, et Marc Lebon, inspecteur',
    '12 h : Lecture du message de Madame Hélène ROSTAIN, Directrice des affaires culturelles',
  ]);
  assert.deepEqual(r.days, [['2012-03-14', 7]]);
  assert.deepEqual(r.sessions, [
    ['08:30', null, 'other', null, 'Accueil des participants'],
    ['09:00', null, 'opening', null, 'Ouverture'],
    ['09:30', null, 'other', null, 'Allocution de bienvenue'],
    ['10:00', null, 'other', null, 'Accueil des invités'],
    ['10:30', null, 'other', null, 'Une histoire des ports de la Caraïbe'],
    ['11:00', null, 'panel', null, 'Table ronde'],
    ['12:00', null, 'other', null, 'Lecture du message'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]} | ${p[2] ?? ''} | ${p[3] ?? ''}`)), [
    [],
    ['s Anne Vidal |  | Présidente de l’Association', 's Paul Girard |  | Président du Comité'],
    ['s Jean-Luc MARTIAL |  | Maire de Sainte-Rose'],
    ['m Sophie LEBRUN |  | ', 'm Claire DORVAL |  | '],
    ['s Valérie Maillet |  | '],
    ['m Gilbert Roux |  | ', 's Nadia Cherif |  | professeure d’histoire', 's Marc Lebon |  | inspecteur'],
    ['s Hélène ROSTAIN | Madame | Directrice des affaires culturelles'],
  ]);
  assert.deepEqual(r.warnings, [
    "1: words after the day's date (its track, venue or table header); not read",
    "5: speaker's name, then the talk's title after a comma (a guess)",
  ]);
});

test('a numbered programme with no clock times ("1.- Palabras de bienvenida de X, alcaldesa"): each item is a session', () => {
  const r = read([
    'Programa del acto',
    'Día: 5 de junio de 2021.',
    '1.- Palabras de bienvenida de Rosa Aldana Pérez, alcaldesa de Villanueva.',
    '2.- Conferencia sobre el canal por Julián Hortal, historiador.',
    '3.- Lectura de poemas.',
    '4.- Cierre del acto.',
  ]);
  assert.deepEqual(r.days, [['2021-06-05', 4]]);
  assert.deepEqual(r.sessions, [
    [null, null, 'opening', null, 'Palabras de bienvenida'],
    [null, null, 'other', null, 'Conferencia sobre el canal'],
    [null, null, 'other', null, 'Lectura de poemas'],
    [null, null, 'closing', null, 'Cierre del acto'],
  ]);
  assert.deepEqual(r.people, [
    [['s', 'Rosa Aldana Pérez', null, 'alcaldesa de Villanueva', null, null]],
    [['s', 'Julián Hortal', null, 'historiador', null, null]],
    [],
    [],
  ]);
  assert.deepEqual(r.warnings, [3, 4, 5, 6].map((n) => `${n}: numbered item of a programme without times; read as a session (a guess)`));
});

test('"Prénom NOM" names: a list cut at each name written so, and a heading in capitals is not a person on such a page', () => {
  const r = read([
    'Samedi 8 octobre',
    '14h00 - 15h30 : Table ronde',
    'INTERVENANTS : Lucie MARCHAND, professeure à l’université de Nantes, Paul ESCANDE, agrégé d’histoire, Inès BOUKHARI, conservatrice du patrimoine.',
    'MODÉRATEUR : Yves TANGUY, journaliste.',
    'LA MER ET LES PORTS, UNE HISTOIRE PARTAGÉE ?',
    '16h00 - 17h00 : Conférence',
  ]);
  assert.deepEqual(r.people, [[
    ['m', 'Yves TANGUY', null, 'journaliste', null, null],
    ['s', 'Lucie MARCHAND', null, 'professeure à l’université de Nantes', null, null],
    ['s', 'Paul ESCANDE', null, 'agrégé d’histoire', null, null],
    ['s', 'Inès BOUKHARI', null, 'conservatrice du patrimoine', null, null],
  ], []]);
  assert.deepEqual(r.warnings, ['5: prose inside the agenda; not read']);
});

test('short labels that head groups of people head their parts, also a label over one person', () => {
  const r = read([
    'Wednesday 13 March 2019',
    '13.00 - 14.45',
    'Draft Agenda',
    'Welcome Remarks',
    'H.E. Ms Ana Duarte, Ambassador of Portugal',
    'Presentation of the report',
    'Mr. Jonas Berg, Director, Rights Forum',
    'Comments and reflections',
    'Ms Ilse Maas, Chief, Treaty Section, OHCHR',
    'Mr. Omar Said, Legal Adviser, Small States Office',
  ]);
  assert.deepEqual(r.sessions, [
    ['13:00', '14:45', 'other', null, 'Draft Agenda'],
    [null, null, 'other', null, 'Presentation of the report'],
    [null, null, 'other', null, 'Comments and reflections'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => p[1])), [['Ana Duarte'], ['Jonas Berg'], ['Ilse Maas', 'Omar Said']]);
  assert.deepEqual(r.warnings, [
    '6: read as a session heading: on this page such labels head groups of people (a guess)',
    '8: read as a session heading: on this page such labels head groups of people (a guess)',
  ]);
});

test('a session card that gives its date and time last ("Location: Date: … Time: …" and the names again)', () => {
  const r = read([
    'Programme',
    'Welcome & Opening',
    'Speakers:',
    '• Margit Olsen, President, Green Bureau',
    'Location: Date: November 9, 2020 Time: 9:00 am - 9:15 am Margit Olsen',
    'Closing Remarks',
    'Speakers:',
    '• Jean Roux, Secretary General, Green Bureau',
    'Location: Date: November 10, 2020 Time: 4:30 pm - 4:45 pm Jean Roux',
  ]);
  assert.deepEqual(r.days, [['2020-11-09', 1], ['2020-11-10', 1]]);
  assert.deepEqual(r.sessions, [['09:00', '09:15', 'opening', null, 'Welcome & Opening'], ['16:30', '16:45', 'other', null, null]]);
  assert.deepEqual(r.people.map((s) => s.map((p) => p[1])), [['Margit Olsen'], ['Jean Roux']]);
});

test('an order of the day: a meeting number under the time is no title, and a name alone ending on a given name is not joined', () => {
  const r = read([
    'Friday, 18 March 2016',
    'MORNING',
    '9.00 – 12.00',
    '48th meeting',
    'Panel discussion on minorities',
    'Chair: H.E. Mr. Tamás Orosz, Vice-President of the Council',
    'Panellists:',
    '• Mr. Rashid Benali, Minister Delegate, Morocco',
  ]);
  assert.deepEqual(r.sessions, [['09:00', '12:00', 'panel', null, 'Panel discussion on minorities']]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [['m Tamás Orosz', 's Rashid Benali']]);
  assert.deepEqual(r.warnings, ['2: part of the day; not a session', '4: meeting number; the title is read from the next line']);
  const n = read(['Thursday 3 March 2016', '9:00 – 11:15 p.m.', 'Watching the Candidates', 'Priya Natarajan', 'Consuelo Marín', 'Aldous Finch (moderator)']);
  assert.deepEqual(n.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [['m Aldous Finch', 's Priya Natarajan', 's Consuelo Marín']]);
});

test('a listing\'s paragraph: "9h > 9h30" ranges, a list of "Name, job" segmented at given names, "Intervenant.es : – A, job, – B"', () => {
  const r = read([
    'Samedi 16 octobre 2021',
    'PROGRAMME 9h > 9h30 Discours inauguraux par Laure Bessac, directrice du musée de la ville, Paul Ferrand, adjoint au Maire en charge de la culture et Inès Caradec, directrice de la résidence. ' +
      '10h → 11h Table ronde modérée par Hélène Morvan, journaliste. Intervenant.es : – Yves Carrel, photographe, – Sonia Lebreton, chercheuse au CNRS, – Marc Duval, conservateur.',
  ]);
  assert.deepEqual(r.sessions, [['09:00', '09:30', 'other', null, 'Discours inauguraux'], ['10:00', '11:00', 'panel', null, 'Table ronde']]);
  assert.deepEqual(r.people, [[
    ['s', 'Laure Bessac', null, 'directrice du musée de la ville', null, null],
    ['s', 'Paul Ferrand', null, 'adjoint au Maire en charge de la culture', null, null],
    ['s', 'Inès Caradec', null, 'directrice de la résidence', null, null],
  ], [
    ['m', 'Hélène Morvan', null, 'journaliste', null, null],
    ['s', 'Yves Carrel', null, 'photographe', null, null],
    ['s', 'Sonia Lebreton', null, 'chercheuse au CNRS', null, null],
    ['s', 'Marc Duval', null, 'conservateur', null, null],
  ]]);
});

test('labels in square brackets, names written "Family, Given (job)", talk titles in corner brackets, and a heading of a kind before the first numbered one', () => {
  const r = read([
    'Main Theme : Cities that age well',
    '',
    '[Opening Ceremony]',
    '- Opening Remarks: Han, Seo-yeon (Director, Institute for Urban Studies)',
    '',
    '[Sub-Session 1] Neighbourhood care',
    '- Moderator: Mori, Takumi (Research Fellow at Kyoto Institute)',
    '[Korean Presenter] Lim, Jiwoo(Reporter at Busan Daily) 「Streets that look after themselves」',
  ]);
  assert.deepEqual(r.sessions, [[null, null, 'opening', null, 'Opening Ceremony'], [null, null, 'panel', 1, 'Neighbourhood care']]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[0]} ${p[1]}`)), [['s Han Seo-yeon'], ['m Mori Takumi', 's Lim Jiwoo']]);
  assert.deepEqual(r.warnings.map((w) => w.replace(/:.*$/, '')), ['4', '7', '8']);
});

test('a heading over bullets that one office line opens, "Mr.Name" glued, and "Session N" then "Topic N: Title - Video" as one session', () => {
  const r = read([
    'Day 1: Wednesday, 9 October 2019',
    '',
    'Opening - Video',
    '  • The Secretary General of the League or his representative.',
    '  • Speech by the Ambassador of the European Union Mr.Karel Novak',
    '  • Speech of Dr. Samir Haddad, Ministry of Education, Egypt',
    '',
    '14:00- 14:45',
    '',
    'Session 2',
    '',
    'Topic 2: Quality assurance in universities -Video',
    '',
    'Moderator: Dr. Laila Mansour, Director, Education Department',
  ]);
  assert.deepEqual(r.sessions, [[null, null, 'opening', null, 'Opening'], ['14:00', '14:45', 'panel', 2, 'Quality assurance in universities']]);
  assert.deepEqual(r.people, [[
    ['s', 'Karel Novak', 'Mr.', 'Ambassador of the European Union', null, null],
    ['s', 'Samir Haddad', 'Dr.', null, 'Ministry of Education', 'Egypt'],
  ], [['m', 'Laila Mansour', 'Dr.', 'Director', 'Education Department', null]]]);
});

test('a committee\'s hearing archive: a meeting announced in a sentence, links to its documents, military ranks, name / job / institution in a block set apart by blank lines', () => {
  const r = read([
    'Hearing Information 2005',
    '',
    'March 3',
    '',
    'The Full Committee will meet to receive testimony on the State of Military Housing.',
    '',
    '·        Hearing Transcript (html)',
    '',
    'Vice Admiral Rosalind K. Ferrers (pdf)',
    '',
    'Commander, Naval Installations',
    '',
    'United States Navy',
    '',
    '',
    'Dr. Oskar Lindahl',
    '',
    'Senior Fellow',
    '',
    'Center for Housing Policy',
  ]);
  assert.deepEqual(r.days, [['2005-03-03', 1]]);
  assert.deepEqual(r.sessions, [[null, null, 'other', null, 'State of Military Housing']]);
  assert.deepEqual(r.people, [[
    ['s', 'Rosalind K. Ferrers', 'Vice Admiral', 'Commander, Naval Installations', 'United States Navy', null],
    ['s', 'Oskar Lindahl', 'Dr.', 'Senior Fellow', 'Center for Housing Policy', null],
  ]]);
  assert.deepEqual(r.warnings, [
    '3: year 2005 taken from elsewhere on the page',
    '5: meeting announced in a sentence; its subject read as the title (a guess)',
    '7: link to a document of the meeting; not read',
  ]);
});

test('a news item\'s programme in prose: "(11:00 horas)", people before the verb of what they will do, a list after the colon, an office naming an institution before the name', () => {
  const r = read([
    'La jornada se celebrará el viernes 23 de noviembre de 2012.',
    'El encuentro será inaugurado, a las 9:00 horas, por las entidades organizadoras: el rector de la Universidad, Julián Berrocal; la alcaldesa de la ciudad, Rosa Mendieta.',
    'Tras el acto inaugural, Carmen Villaverde, magistrada del Juzgado de lo Social, reflexionará sobre la brecha salarial.',
    'Seguidamente (11:00 horas), la inspectora de Trabajo Lucía Andrade; el abogado laboralista Pedro Saura, y la responsable de Igualdad de la Confederación de Empresarios, Marta Rubio, debatirán en una mesa redonda acerca de los planes de igualdad.',
    'Con posterioridad (12:30 horas), representantes sindicales hablarán en una mesa redonda sobre la conciliación. También participará la profesora de la Universidad de Cartagena María Sáez.',
  ]);
  assert.deepEqual(r.sessions, [['09:00', null, 'opening', null, null], [null, null, 'keynote', null, null], ['11:00', null, 'panel', null, null], ['12:30', null, 'panel', null, null]]);
  assert.deepEqual(r.people.map((s) => s.map((p) => `${p[1]} (${p[3]})`)), [
    ['Julián Berrocal (rector de la Universidad)', 'Rosa Mendieta (alcaldesa de la ciudad)'],
    ['Carmen Villaverde (magistrada del Juzgado de lo Social)'],
    ['Lucía Andrade (inspectora de Trabajo)', 'Pedro Saura (abogado laboralista)', 'Marta Rubio (responsable de Igualdad de la Confederación de Empresarios)'],
    ['María Sáez (profesora de la Universidad de Cartagena)'],
  ]);
});

test('a day heading in two calendars, "Name - job - country" set apart by dashes, a name that ends on "Session", an ordinal plenary session', () => {
  const r = read([
    'Day 1 - 10 Muharram 1433 H corresponding to December 5, 2011 AD',
    '',
    'YOUTH & IDEAS Session',
    '',
    'Short talks by young founders.',
    '',
    'Omar Haddad - Social Entrepreneur - Jordan',
    '',
    'First Plenary Session: The State and its Citizens',
    '',
    'Chair: Dr. Leila Sharaf - Member of the Senate - Jordan',
  ]);
  assert.deepEqual(r.days, [['2011-12-05', 2]]);
  assert.deepEqual(r.sessions, [[null, null, 'other', null, 'YOUTH & IDEAS Session'], [null, null, 'panel', 1, 'The State and its Citizens']]);
  assert.deepEqual(r.people, [
    [['s', 'Omar Haddad', null, 'Social Entrepreneur', null, 'Jordan']],
    [['m', 'Leila Sharaf', 'Dr.', 'Member of the Senate', null, 'Jordan']],
  ]);
});

test('a page where nothing reads as an agenda says so in a warning', () => {
  const r = read(['', 'About the Institute', 'We bring scholars and citizens together to think about the future of our cities.']);
  assert.deepEqual(r.sessions, []);
  assert.deepEqual(r.warnings, ['2: no agenda found on the page: no time, day, session heading or programme was recognised']);
});

test('a press release\'s day, then that day\'s programme in prose on the same line', () => {
  const r = read([
    'The conference will be held in Dhahran between 2-3 December 2019.',
    'Monday, December 2: The conference will open with a formal ceremony at 7:00 pm, including a speech by Dr. Karim Haddad, Director General of the Forum, followed by a speech by Mr. Samir Nassar.',
    'Tuesday, December 3: The conference will close at 5:00 pm with a session on the future of thought led by Dr. Karim Haddad.',
  ]);
  assert.deepEqual(r.days, [['2019-12-02', 1], ['2019-12-03', 1]]);
  assert.deepEqual(r.sessions.map((s) => [s[0], s[2]]), [['19:00', 'opening'], ['17:00', 'closing']]);
  // "followed by a speech by Mr. X" after the first speaker is not read yet.
  assert.deepEqual(r.people.map((s) => s.map((p) => p[1])), [['Karim Haddad'], ['Karim Haddad']]);
});

test('times given as approximate ("+/- 09.00") and people written office first ("EU Commissioner A and UN Special Envoy B")', () => {
  const r = read([
    'Programme of 12 March 2019',
    '+/- 09.00',
    'Opening ceremony',
    '+/- 10.15',
    'First plenary session – political focus',
    'Co-chaired by EU Commissioner Aurelio Benedetti and UN Special Envoy Margit Holmqvist',
    '+/- 14.45',
    'Second plenary session – regional focus',
    'Co-chaired by Commissioner Petra Novakova, UNDP Administrator Kwame Asante, High Commissioner Itziar Goikoetxea',
  ]);
  assert.deepEqual(r.sessions.map((s) => [s[0], s[2], s[3], s[4]]), [['09:00', 'opening', null, 'Opening ceremony'], ['10:15', 'panel', 1, 'political focus'], ['14:45', 'panel', 2, 'regional focus']]);
  assert.deepEqual(r.people, [[], [
    ['m', 'Aurelio Benedetti', null, 'EU Commissioner', null, null],
    ['m', 'Margit Holmqvist', null, 'UN Special Envoy', null, null],
  ], [
    ['m', 'Petra Novakova', null, 'Commissioner', null, null],
    ['m', 'Kwame Asante', null, 'UNDP Administrator', null, null],
    ['m', 'Itziar Goikoetxea', null, 'High Commissioner', null, null],
  ]]);
});

test('given names in Latin letters from the package\'s Korean and Chinese names, and Spanish and Japanese names it lacks', () => {
  const r = read([
    'High-Level Opening 10:00-11:30 CEST',
    'Scene-setting remarks:',
    'H.E. Minjae Oh, Prime Minister, Republic of Korea',
    'Emiko Tanabe, Managing Director, Pacific Development Fund',
    'Inmaculada Ferrer Roig, Deputy Secretary-General, Council of the Baltic Sea States',
  ]);
  assert.deepEqual(r.people, [[
    ['s', 'Minjae Oh', 'H.E.', 'Prime Minister', null, 'Republic of Korea'],
    ['s', 'Emiko Tanabe', null, 'Managing Director', 'Pacific Development Fund', null],
    ['s', 'Inmaculada Ferrer Roig', null, 'Deputy Secretary-General', 'Council of the Baltic Sea States', null],
  ]]);
  assert.deepEqual(r.warnings, []);
});

test('a line closed by a parenthesis that ends on a given name ("País Vasco)") is not wrapped into the next; Café and Cierre', () => {
  const r = read([
    '10:00 - 11:30  Panel 1: Gobernanza del agua',
    '   Itziar Etxeberria (Universidad del País Vasco)',
    '   Minjae Park (Korea Water Institute)',
    '11:30 - 11:45  Café',
    '13:00  Cierre',
  ]);
  assert.deepEqual(r.sessions.map((s) => s[2]), ['panel', 'break', 'closing']);
  assert.deepEqual(r.people[0]!.map((p) => [p[1], p[4]]), [['Itziar Etxeberria', 'Universidad del País Vasco'], ['Minjae Park', 'Korea Water Institute']]);
});

test('"Présidence :" chairs; "Allocutions de A, job, B, job, C, job" names three speakers', () => {
  const r = read([
    '9h30 - 10h15 : Ouverture du colloque',
    "Allocutions de Aurélie Vasseur, Présidente du Sénat, Thibault Lemaire, directeur général de l'Institut des mers, Aitana Roca, secrétaire générale de l'Union des ports",
    '10h15 - 11h30 : Première Table ronde',
    'Présidence : Louise Caradec, députée',
    "- Xosé Pereira, professeur d'océanographie à l'Université de Vigo",
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => [p[0], p[1], p[3]])), [[
    ['s', 'Aurélie Vasseur', 'Présidente du Sénat'],
    ['s', 'Thibault Lemaire', "directeur général de l'Institut des mers"],
    ['s', 'Aitana Roca', "secrétaire générale de l'Union des ports"],
  ], [
    ['m', 'Louise Caradec', 'députée'],
    ['s', 'Xosé Pereira', "professeur d'océanographie à l'Université de Vigo"],
  ]]);
});

test('a sentence that opens with the day\'s date ("El día 18 de septiembre, de 10 a 20 h. en …") heads the day', () => {
  assert.deepEqual(readDayHeading('El día 18 de septiembre, de 10 a 20 h. en el Salón de Actos.', [2015]), {
    label: 'El día 18 de septiembre, de 10 a 20 h. en el Salón de Actos.', date: '2015-09-18', dayNumber: null,
    warning: 'year 2015 taken from elsewhere on the page', rest: null,
  });
  assert.equal(readDayHeading('El día 18 de septiembre', [2015])?.date, '2015-09-18');
  assert.equal(readDayHeading('Día 3', [2015])?.dayNumber, 3);
});

test('people in parentheses after a timed title: "Title (Name, job, Org)", "Title (Atelier animé par X, facilitatrice)"', () => {
  const r = read([
    'samedi 11 octobre 2025',
    '9h30 - 10h30 : L’eau, un bien commun à partager ? (Hélène Carrasco, maîtresse de conférences, Université Grenoble Alpes)',
    '15h00 - 17h00 : Travail en sous-groupes (Atelier animé par Solène Vidal, facilitatrice)',
  ]);
  assert.deepEqual(r.sessions.map((s) => s[4]), ['L’eau, un bien commun à partager ?', 'Travail en sous-groupes']);
  assert.deepEqual(r.people.map((s) => s.map((p) => [p[0], p[1]])), [[['s', 'Hélène Carrasco']], [['m', 'Solène Vidal']]]);
});

test('a rundown in prose under weekday headings: each sentence with its time "(at 4.05pm)" is a session, its people the names it gives', () => {
  const r = read([
    'Tuesday',
    '',
    'The Science Committee (at 10.15am) looks at flood defences with Councillor Martin Ogilvy of Harwick Borough Council and Professor Ines Ferrand of the Coastal Institute.',
    '',
    'Later, the Treasury Committee (at 2.30pm) questions Sir Edmund Lyle, permanent secretary at the Treasury, and Dame Olive Hartley.',
  ]);
  assert.deepEqual(r.sessions.map((s) => [s[0], s[4]]), [['10:15', 'Science Committee'], ['14:30', 'Treasury Committee']]);
  assert.deepEqual(r.people.map((s) => s.map((p) => [p[1], p[2]])), [
    [['Martin Ogilvy', 'Councillor'], ['Ines Ferrand', 'Professor']],
    [['Edmund Lyle', 'Sir'], ['Olive Hartley', 'Dame']],
  ]);
});

test('a digest of meetings: headings in capitals over one paragraph each, the witnesses after "testimony from"', () => {
  const r = read([
    'Committee Meetings',
    'COASTAL FISHERIES',
    'Committee on Oceans and Fisheries: Committee concluded a hearing to examine the state of coastal fisheries, after receiving testimony from Hannah R. Osgood, Assistant Secretary for Fisheries; and Victor Lamberti, Gulf Fishermen Association, Mobile, Alabama.',
    'APPROPRIATIONS: ENERGY',
    'Committee on Appropriations: Subcommittee on Energy approved for full Committee consideration the bill making appropriations for energy and water development for the next fiscal year.',
    'RAIL SAFETY',
    'Committee on Transport: Committee concluded a hearing to examine rail safety, after receiving testimony from Dr. Paula Ström, Director, Rail Safety Office; and Gregory Tan, Midland Rail Union, Chicago, Illinois.',
  ]);
  assert.deepEqual(r.sessions.map((s) => s[4]), ['COASTAL FISHERIES', 'APPROPRIATIONS: ENERGY', 'RAIL SAFETY']);
  assert.deepEqual(r.people.map((s) => s.map((p) => p[1])), [['Hannah R. Osgood', 'Victor Lamberti'], [], ['Paula Ström', 'Gregory Tan']]);
  assert.ok(r.warnings.includes('2: a heading over a paragraph in a digest of meetings; read as a session (a guess)'));
});

test('a run of show flattened from a PDF: "Part 1: Title (9:18)", "Closing (10:50)", talks "Title by Ms. X", a time fallen inside a name', () => {
  const r = read([
    'RUN OF SHOW Opening Session A Shared Ocean by Mr. Anders (9:00) Holmqvist-Lind, President of the Assembly Greetings from the Islands by Ms. Tavita Leone, fisher, Samoa Fishing Cooperative Part 1: Clean seas (9:15) Ocean Data in 2021 – Presentation by Dr. Ruth Okafor, Director, Deep Sea Institute Part 2: Pledges (9:40) Interventions by: Her Excellency Marta Quiroga, Prime Minister of Chile; His Excellency Lars Dahl, Minister of the Sea of Norway 2',
    'Part 3: Partners (10:05) Conversation with Mr. Jun Sato, Chief Executive Officer, Sato Shipping and Ms. Ana Ruiz, Executive Director, Blue Coast Alliance Closing (10:30) Closing remarks by Mr. Anders Holmqvist-Lind, President of the Assembly 3',
  ]);
  assert.deepEqual(r.sessions.map((s) => [s[0], s[2], s[3]]), [['09:00', 'opening', null], ['09:15', 'panel', 1], ['09:40', 'panel', 2], ['10:05', 'panel', 3], ['10:30', 'closing', null]]);
  assert.deepEqual(r.people.map((s) => s.map((p) => p[1])), [
    ['Anders Holmqvist-Lind', 'Tavita Leone'], ['Ruth Okafor'], ['Marta Quiroga', 'Lars Dahl'], ['Jun Sato', 'Ana Ruiz'], ['Anders Holmqvist-Lind'],
  ]);
});

// Negative cases of the run-of-show and rundown readings above (review of 6dbf6f5): general layouts they must not change.
const FLATTENED_DAY = 'Programme 8 October 2026 09:00 Welcome to the delegations by the Speaker of the Chamber with words from the hosts and a short film on the history of the coastal towns of the region 09:30 Panel 1: Water systems under stress across the basin and what a decade of shared management has taught us Moderator: Ms. Elin Varga, Editor, Delta Review Speakers: Dr. Tomas Lund, Minister of Water, Finland; Prof. Rhea Castell, University of Turin 12:00 Lunch on the terrace 14:00 ';

test('a flattened page ending on "Workshop 3" or "Room 12": the number is the session\'s, never a page number', () => {
  const r = read([`${FLATTENED_DAY}Workshop 3`]);
  assert.deepEqual(r.sessions, [
    ['09:30', null, 'panel', 1, 'Water systems under stress across the basin and what a decade of shared management has taught us'],
    ['12:00', null, 'break', null, 'Lunch on the terrace'],
    ['14:00', null, 'panel', 3, null],
  ]);
  assert.deepEqual(read([`${FLATTENED_DAY}Room 12`]).sessions.at(-1), ['14:00', null, 'other', null, 'Room 12']);
  assert.deepEqual(read([`${FLATTENED_DAY}Session 2`]).sessions.at(-1), ['14:00', null, 'panel', 2, null]);
});

test('times in parentheses before their items: "(10:30)" after a moderator\'s name starts the next item, the name stays whole', () => {
  const r = read(['Programme 8 October 2026 (9:00) Opening of the meeting and adoption of the agenda, chaired by Ambassador Leif Andersen (9:30) Panel 1: Rivers across borders, moderated by Dr. Clara Hegedus (10:30) Coffee, tea and pastries on the terrace (11:00) Panel 2: Dams and fisheries, moderated by Ms. Rhea Castell (12:30) Lunch']);
  assert.deepEqual(r.sessions, [
    ['09:00', null, 'opening', null, 'Opening of the meeting and adoption of the agenda'],
    ['09:30', null, 'panel', 1, 'Rivers across borders'],
    ['10:30', null, 'break', null, 'Coffee, tea and pastries on the terrace'],
    ['11:00', null, 'panel', 2, 'Dams and fisheries'],
    ['12:30', null, 'break', null, 'Lunch'],
  ]);
  assert.deepEqual(r.people.map((s) => s.map((p) => [p[0], p[1], p[2]])), [
    [['m', 'Leif Andersen', 'Ambassador']], [['m', 'Clara Hegedus', 'Dr.']], [], [['m', 'Rhea Castell', 'Ms.']], [],
  ]);
  assert.deepEqual(r.warnings, []);
  // A run of show with its times after the titles: the time after "moderated by X" is the next item's, X the moderator.
  const s = read(['8 October 2026', 'Part 1: Rivers across borders (9:30) Panel on the treaties of the last decade, moderated by Dr. Clara Hegedus (10:30) Coffee, tea and pastries on the terrace of the main building, served by the hosts']);
  assert.deepEqual(s.sessions, [
    ['09:30', null, 'panel', 1, 'Rivers across borders'],
    ['10:30', null, 'other', null, 'Coffee, tea and pastries on the terrace of the main building, served by the hosts'],
  ]);
  assert.deepEqual(s.people.map((x) => x.map((p) => [p[0], p[1]])), [[['m', 'Clara Hegedus']], []]);
});

test('prose under a day heading: "that 3.45", "at 8 hours" and a sentence that names no meeting are not sessions', () => {
  assert.deepEqual(read(['Thursday', '', 'The chair observed that 3.45 of every ten wells had run dry, according to Maria Lopez and John Smith of the water board in their survey.']), {
    days: [], sessions: [], people: [], warnings: ['1: no agenda found on the page: no time, day, session heading or programme was recognised'],
  });
  const opening = (sentence: string) => read(['Thursday 8 October 2026', '', sentence, '', '09:00 – 10:30 Opening session', '', '• Tomas Lund, Minister of Water, Finland']);
  const expected = {
    days: [['2026-10-08', 1]],
    sessions: [['09:00', '10:30', 'opening', null, 'Opening session']],
    people: [[['s', 'Tomas Lund', null, 'Minister of Water', null, 'Finland']]],
    warnings: ['3: prose inside the agenda; not read'],
  };
  assert.deepEqual(opening('Coaches leave the hotel at 8 hours sharp for the dam visit, where Maria Lopez and John Smith of the water board greet the delegates.'), expected);
  assert.deepEqual(opening('Registration opens at 8.30am in the foyer, where Maria Lopez and John Smith of the secretariat hand out badges to all participants.'), expected);
  // A meeting's word before its time still makes a session; "(at 9.30)" in parentheses needs no am/pm.
  const r = read(['Thursday', '', 'The Water Committee (at 9.30) hears from Councillor Maria Lopez of Harwick Borough Council and Professor Ines Ferrand of the Coastal Institute.']);
  assert.deepEqual(r.sessions, [['09:30', null, 'other', null, 'Water Committee']]);
  assert.deepEqual(r.people.map((s) => s.map((p) => [p[1], p[2]])), [[['Maria Lopez', 'Councillor'], ['Ines Ferrand', 'Professor']]]);
});

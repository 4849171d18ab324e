// The importer's warnings as the import's draft page shows them (issue 13). src/importer says each warning as a
// plain English text (its CLI prints them; the importer is not keyed); the page gives the catalogue's
// `importWarning.<code>` for each text it knows, found by the whole text (or a pattern for the few with a value in
// them), and shows any other as it is, marked English (`lang="en"`). A warning the importer adds or rewords is
// thus shown in English until it is added here and to the catalogues.
import type { MessageKey } from './messages.ts';
import type { Translate } from './t.ts';

/** The importer's warning texts, each with its code. */
const FIXED: Record<string, string> = {
  'line not understood': 'notUnderstood',
  'prose inside the agenda; not read': 'proseInAgenda',
  'bulleted line not read as a person': 'bulletNotPerson',
  'venue or room; not read': 'venueRoom',
  'session read from prose (a guess)': 'sessionFromProse',
  'no comma between the name and the position; split guessed': 'noComma',
  'after the end of the agenda; not read': 'afterEnd',
  'talk title read before the speaker; split guessed': 'titleBeforeSpeaker',
  'time read as afternoon: it comes after a later one and has no am/pm': 'afternoon',
  'agenda item of the meeting above; not a session': 'agendaItem',
  'read as a session heading from the people under it': 'headingFromPeople',
  'part of the day; not a session': 'partOfDay',
  'numbered item of a programme without times; read as a session (a guess)': 'programmeItem',
  'read as a session heading: on this page such labels head groups of people (a guess)': 'labelHeadsGroup',
  'a heading over a paragraph in a digest of meetings; read as a session (a guess)': 'digestHeading',
  "date and time at the end of a session's card read as that session's (layout)": 'cardDateTime',
  'meeting number; the title is read from the next line': 'meetingNumber',
  'job written before the name; split guessed': 'jobBeforeName',
  'read as a person named after their part; the rest of the line is not kept': 'personAfterPart',
  'page furniture after the agenda; not read': 'furnitureAfter',
  'no session heading before this line; read into a session without title': 'noHeading',
  'label over the people under it; they are read as speakers (a guess)': 'labelOverPeople',
  'session has no title; read as the opening from its speakers': 'openingFromSpeakers',
  'time slot with no title and no one named': 'emptySlot',
  'heading over timed slots read as their group; its chair goes to the first': 'headingOverSlots',
  'read as the talk title of the next speaker': 'talkTitleNext',
  'a time span over the sessions that follow, not a session of its own': 'spanOverSessions',
  'page furniture; not read': 'furniture',
  'names set apart by spaces only, cut at known given names (a guess)': 'namesBySpaces',
  'session named inside a sentence; read as its heading (a guess)': 'headingInSentence',
  'person named again in the same session; read once': 'namedAgain',
  'a part\'s label alone on its line read as the title of a part of its time slot': 'partLabel',
  'speaker\'s name, then the talk\'s title after a comma (a guess)': 'nameThenTitle',
  'people read from a sentence that announces them (a guess)': 'peopleFromSentence',
  'date counted on from the previous day heading': 'dateCounted',
  'interpreters or contacts, not speakers; not read': 'interpreters',
  'time written with "-" between hours and minutes; read as a typo': 'dashTypo',
  'heading with no one under it over a timed slot; read as their group, not a session': 'headingNoOne',
  'discussion without a time of its own; kept in the session above': 'discussionKept',
  'words after the day\'s date (its track, venue or table header); not read': 'afterDate',
  'read as prose instead: the page reads better so (a guess)': 'proseInstead',
  'line too long to read': 'lineTooLong',
  'speakers\' biographies after the agenda; not read': 'biographies',
  'read as a session heading from its bold type (a guess)': 'boldHeading',
  'table cell not read as a person': 'cellNotPerson',
  'no such date': 'noSuchDate',
  'the weekday does not match the date': 'weekdayMismatch',
  'a morning after an evening with no day heading between: read as the next day, its date not given (a guess)': 'morningAfterEvening',
  'sub-theme or part of the session above; its people are read into that session': 'subTheme',
  'listed with the interpreters or contacts; not read as a speaker': 'listedWithInterpreters',
  'role line above the agenda\'s first session; read with it (a guess)': 'roleAboveFirst',
  'family name, comma, given name: read as one name, family name first (a guess)': 'familyNameFirst',
  'link to a document of the meeting; not read': 'documentLink',
  'meeting announced in a sentence; its subject read as the title (a guess)': 'meetingInSentence',
  'no agenda found on the page: no time, day, session heading or programme was recognised': 'noAgenda',
  'heading of the programme; not a session': 'programmeHeading',
  'people read from the parentheses after the title (a guess)': 'peopleInParentheses',
};

/** Warnings with a value in them: the pattern, the code and the names of the values caught. */
const PATTERNS: ReadonlyArray<[RegExp, string, readonly string[]]> = [
  [/^year (\d{4}) taken from elsewhere on the page$/, 'yearElsewhere', ['year']],
  [/^year (\d{4}) taken from elsewhere on the page; the weekday does not match$/, 'yearWeekday', ['year']],
  [/^"(.+)" followed by something that is not a person$/, 'notPerson', ['label']],
];

/** The code of an importer's warning and its values, or null for a text this table does not know. */
export function importWarningCode(message: string): { code: string; params: Record<string, string> } | null {
  const code = FIXED[message];
  if (code) return { code, params: {} };
  for (const [re, c, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { code: c, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) };
  }
  return null;
}

/** A warning in the page's language, or null when only its English text is known (shown marked `lang="en"`). */
export function importWarningText(t: Translate, message: string): string | null {
  const found = importWarningCode(message);
  return found ? t(`importWarning.${found.code}` as MessageKey, found.params) : null;
}

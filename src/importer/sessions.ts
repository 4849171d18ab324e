// Session headings: "Panel 1 – Title", "SESSION 1. Title", "Parallel Session 1: Title", "Opening Session", "Break".
import { type SessionKind } from '../domain/agenda.ts';

export interface SessionHeading {
  kind: SessionKind;
  number: number | null;
  /** the title without its "Panel N –" prefix; null when the heading is only "Panel 3" */
  title: string | null;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const ROMAN: Record<string, number> = {
  i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10, xi: 11, xii: 12, xiii: 13, xiv: 14, xv: 15,
};

const NUMBERED = new RegExp(
  '^(?:(?:parallel|plenary|thematic|breakout|break-out|concurrent|special|high-level|interactive|technical)\\s)?' +
    '(panel|session|sub-?session|sous-séance|subsesi[oó]n|round\\s?table|workshops?|segment|working\\sgroup|module|part|séance|sesión|mesa|atelier|taller|' +
    'conférence inaugurale|keynote|lecture|conferencia magistral|table ronde|mesa redonda|mesa temática|lab|plenary session|plenary|' +
    'theme|thème|tema|sub-theme|topic|track|axe|eje)' +
    '\\s(?:no\\.?\\s?|n°\\s?|#\\s?)?(\\d{1,3}|[ivx]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)' +
    '(?![\\p{L}\\d])[\\s.,:–—\\-|)]*(.*)$',
  'iu',
);
const BREAK = /^(?:(?:coffee|tea|health|networking|refreshment|lunch|welcome|morning|afternoon|mid-morning|mid-afternoon)\s)?(?:break|lunch|luncheon|coffee|refreshments|breakfast|supper)\b|^tea$|^corte\.?$|\b(?:coffee|tea|lunch|health) break\b|^(?:arrival|arrivals|registration|accueil|inscription|registro|llegada|recepci[oó]n)\s(?:and|&|et|y)\s(?:coffee|tea|caf[ée]|refreshments)\b/i;
const CONTINUED = /^\((?:continued|cont\.?|cont['’]d|suite|continuación)\)[\s.:–—\-|]*/i;
// Breaks as French and Spanish pages write them: "Pause café", "Déjeuner", "Almuerzo", "Receso".
const BREAK_FR_ES = /^(?:pause|pausa|receso|d[ée]jeuner|petit[- ]d[ée]jeuner|almuerzo|desayuno|refrigerio|comida|caf[ée](?:\s(?:de\s)?(?:networking|d['’]accueil|de bienvenida|y networking))?$|coffee[- ]break|caf[ée][- ]break)(?:$|[\s.-])/i;
const OPENING = /^(?:(?:official|formal|high-level)\s)?(?:opening|welcome|welcoming|inaugural|inauguration)\b|\bopening (?:session|ceremony|remarks|statements?|plenary|segment)\b|^welcome\b/i;
const CLOSING = /^(?:closing|concluding|conclusions?|wrap[- ]up|closure|close of)\b|\bclosing (?:session|ceremony|remarks|statements?|plenary|segment)\b/i;
const KEYNOTE = /\bkey ?note\b/i;
// Words that make a short line a session of its own even without a time: "Plenary Session (room G03)".
const PLENARY = /^(?:arrival of (?:the )?(?:participants|delegates|delegations|guests)$|arrivals?$|registration(?: of (?:the )?participants)?$|check-in$|accueil des participants$|arriv[ée]e des participants$|inscription des participants$|llegada de (?:los )?participantes$|registro de (?:los )?participantes$|plenary|plénière|plenaria|side event|special session|closed session|informal dinner|working dinner|high-level segment)\b|\bplenary session\b|\bséance plénière\b|\bsesión plenaria\b/i;
const PANEL = /\b(?:panel|round ?table|parallel session|breakout|break-out|working group|table ronde|mesa redonda|mesa de debate)\b/i;

// French and Spanish: "Cérémonie d'ouverture", "Séance de clôture", "Clôture", "Apertura", "Clausura".
const OPENING_FR_ES = /^(?:ouverture|apertura|inauguraci[oó]n|mots? de bienvenue|mots? d['’]accueil|bienvenida|palabras de bienvenida)(?![\p{L}])|\b(?:d['’]ouverture|de apertura|inaugural)(?![\p{L}])/iu;
const CLOSING_FR_ES = /^(?:cl[oô]ture|clausura|cierre|conclusiones|palabras finales|mot de la fin|propos de cl[oô]ture)(?![\p{L}])|\b(?:de cl[oô]ture|de clausura|de cierre)(?![\p{L}])/iu;

/** The kind a title names, or null when it names none. */
// "Conferencia inaugural", "Conférence inaugurale", "Lección magistral": an invited address, not the opening.
const KEYNOTE_FR_ES = /^(?:conferencia|conf[ée]rence|lecci[oó]n|lecture)\s(?:inaugural|inaugurale|magistral|magistrale)(?![\p{L}])/iu;

function kindOfTitle(title: string): SessionKind | null {
  if (KEYNOTE_FR_ES.test(title)) return 'keynote';
  if (OPENING_FR_ES.test(title)) return 'opening';
  if (CLOSING_FR_ES.test(title)) return 'closing';
  if ((BREAK.test(title) || BREAK_FR_ES.test(title)) && title.split(/\s+/).length <= 8) return 'break';
  if (OPENING.test(title)) return 'opening';
  if (CLOSING.test(title)) return 'closing';
  if (KEYNOTE.test(title)) return 'keynote';
  return null;
}

// "First Panel", "PRIMER PANEL", "Deuxième table ronde": the number as an ordinal before the word.
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8,
  primer: 1, primero: 1, primera: 1, segundo: 2, segunda: 2, tercer: 3, tercero: 3, tercera: 3, cuarto: 4, cuarta: 4,
  quinto: 5, quinta: 5, premier: 1, première: 1, premiere: 1, deuxième: 2, deuxieme: 2, second_: 2, seconde: 2,
  troisième: 3, troisieme: 3, quatrième: 4, quatrieme: 4, cinquième: 5,
};
const ORDINAL_HEADING = new RegExp(
  '^(first|second|third|fourth|fifth|sixth|seventh|eighth|primer|primero|primera|segundo|segunda|tercer|tercero|tercera|' +
    'cuarto|cuarta|quinto|quinta|premier|première|premiere|deuxième|deuxieme|seconde|troisième|troisieme|quatrième|' +
    'quatrieme|cinquième)\\s(panel|session|séance|sesión|mesa(?:\\sredonda|\\stemática)?|table\\sronde|round\\s?table|atelier|workshop|plenary\\ssession|general\\ssession|plenary)' +
    '(?![\\p{L}\\d])[\\s.:–—\\-|]*(.*)$',
  'iu',
);
// "Panel discussion: X", "Table ronde : X", "Mesa redonda – X": the kind of session, then its title.
const KIND_PREFIX = /^(panel|keynote|panel discussion|panel debate|high-level panel|working session|thematic session|special session|round ?table|roundtable discussion|table ronde|mesa redonda|mesa de debate|débat|debate|keynote (?:address|speech|lecture)|conférence|conferencia)\s?[:–—]\s?(.{3,})$/iu;
// A numbered agenda item, "1. Welcome remarks", "2) Adoption of the agenda": the number is the item's, not a panel's.
const ITEM_NUMBER = /^\d{1,2}[.)]\s+(?=\p{L})/u;
const LETTERED = /^(?:conference|conférence|conferencia|workshop|atelier|taller|panel|session|group|groupe|grupo|track|table|mesa|forum)\s[A-H]\s?[:.–—-]\s?(.{3,})$/iu;
// Quotation marks around a whole title.
const QUOTED = /^[“"«‘]\s?([^“”"«»]{2,300}?)\s?[”"»’]$/u;

const MEDIA_LINK = /\s?(?:[-–—]\s?(?:video|vidéo|vídeo|recording|enregistrement|grabación)|\((?:video|vidéo|vídeo|recording)\))$/iu;
const unquote = (t: string): string => QUOTED.exec(t)?.[1] ?? t;

/** Reads a session title as written, whatever it is; `strict` only accepts lines that are clearly headings. */
export function readSessionHeading(text: string, strict = false): SessionHeading | null {
  // "Topic 1: Title - Video", "Opening (Video)": a link to the recording after the heading is not part of its title.
  const t = text.trim().slice(0, 500).replace(ITEM_NUMBER, '').replace(MEDIA_LINK, '');
  if (t === '') return null;
  const o = ORDINAL_HEADING.exec(t);
  const m = o === null ? NUMBERED.exec(t) : null;
  if (o !== null || m !== null) {
    const n = (o !== null ? o[1]! : m![2]!).toLowerCase();
    const number = o !== null ? (ORDINALS[n] ?? null) : /^\d/.test(n) ? Number(n) : (NUMBER_WORDS[n] ?? ROMAN[n] ?? null);
    const word = (o !== null ? o[2]! : m![1]!).toLowerCase();
    // "Session 1 (continued): Country experiences" → the title is "Country experiences".
    let title: string | null = unquote((o !== null ? o[3]! : m![3]!).trim().replace(CONTINUED, '').trim()) || null;
    // "Working Group 1 (room G03)": only a room in parentheses; the title is on the next line.
    if (title !== null && /^\([^()]*\)$/.test(title)) title = null;
    const inner = title === null ? null : kindOfTitle(title);
    const kind: SessionKind = /inaugurale|keynote|lecture|magistral/.test(word) ? 'keynote'
      : inner === 'break' || (inner !== null && /^(?:opening|closing|ouverture|cl[oô]ture|apertura|clausura)(?![\p{L}]).{0,20}$/iu.test(title ?? ''))
        ? inner
        : 'panel';
    return { kind, number, title };
  }
  // "Conference A: Trust and ethics", "Atelier B – …": parallel sessions lettered, not numbered.
  const lettered = LETTERED.exec(t);
  if (lettered !== null) return { kind: 'panel', number: null, title: unquote(lettered[1]!.trim()) };
  const kp = KIND_PREFIX.exec(t);
  if (kp !== null) {
    const title = unquote(kp[2]!.trim());
    const word = kp[1]!.toLowerCase();
    return { kind: kindOfTitle(title) ?? (/keynote|conférence|conferencia/.test(word) ? 'keynote' : /session/.test(word) ? 'other' : 'panel'), number: null, title };
  }
  const kind = kindOfTitle(t) ?? (PANEL.test(t) ? 'panel' : null);
  if (strict && kind === null && PLENARY.test(t) && !DISCUSSION.test(t) && t.length <= 80 && !/[.;,:]$/.test(t)) return { kind: 'other', number: null, title: t };
  // "IDEAS & PRACTICE Session", "Youth Forum Session": a short name that ends on the word "session" heads one.
  if (strict && kind === null && NAMED_SESSION.test(t) && !DISCUSSION.test(t)) return { kind: 'other', number: null, title: t };
  if (strict) {
    // A line with no time starts a session only when it says so: "Opening Session", "Lunch", "Panel discussion".
    if (kind === null || t.length > 100 || /[.;]$/.test(t)) return null;
    if (kind !== 'break' && !/\b(?:session|ceremony|segment|plenary|panel|round ?table|keynote|remarks|address|speech(?:es)?|statements?)\b/i.test(t) &&
      !/^(?:sesi[oó]n|s[ée]ance|c[ée]r[ée]monie|ceremonia|clausura|cl[oô]ture|apertura|ouverture|inauguraci[oó]n|cierre)(?![\p{L}])/iu.test(t)) return null;
  }
  return { kind: kind ?? 'other', number: null, title: t };
}

const NAMED_SESSION = /^\p{Lu}[^.;:,]{2,60}\s(?:session|séance|sesión)$/iu;
// Discussion time with no title of its own: "Open discussion", "Q&A", "Questions and answers", "Débat général".
const DISCUSSION = /^(?:(?:open|plenary|general|interactive|floor|group|panel)\s)?(?:discussions?|debate|q\s?&\s?a|questions?\s(?:and|&)\s(?:answers?|comments?)|exchanges?)\b|^(?:vote of thanks|wrap[- ]up|conclusions and (?:the )?way forward|way forward|d[ée]bat|discussion g[ée]n[ée]rale|[ée]changes|questions[- ]r[ée]ponses|questions et r[ée]ponses|preguntas y respuestas|di[áa]logo abierto)\b/i;

/** A line that names discussion time and nothing more ("Open discussion", "Q&A with the audience"). */
export function isDiscussionLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 80 && DISCUSSION.test(t);
}

// "For Thematic Session 1, Income security, the following speakers were selected:", "Pour la Table ronde 2, X, les
// intervenants sont :": a numbered heading named inside a sentence, its title, and what introduces the people.
const SENTENCE_LEAD = /^(?:for|in|under|during|at|pour|dans|lors de|durante|para|en)\s(?:the\s|la\s|le\s|l['’]|el\s)?/i;
const SENTENCE_TAIL = /,\s(?:the following|these|the|les|los|las|the selected|who)\s([^,]{3,80}):$/i;

/** A numbered heading inside a sentence that announces people, with the phrase naming them ("speakers were selected"). */
export function readSentenceHeading(text: string): { heading: SessionHeading; tail: string } | null {
  const t = text.trim();
  if (t.length > 400 || !t.endsWith(':')) return null;
  const lead = SENTENCE_LEAD.exec(t);
  if (lead === null) return null;
  const tail = SENTENCE_TAIL.exec(t);
  if (tail === null) return null;
  const inner = t.slice(lead[0].length, tail.index).trim();
  const h = readSessionHeading(inner, true);
  if (h === null || h.number === null) return null;
  return { heading: h, tail: tail[1]!.trim() };
}

// "The Full Committee will meet to receive testimony on the Readiness of X.", "The Subcommittee will hold a joint hearing
// on Y.", "The Committee will mark up H.R. 10, the Z Act.", "… held a hearing on W.": a committee's meeting announced in
// a sentence, and its subject.
const MEETING_SENTENCE = /^(?:the\s)?[\p{Lu}][^.;:]{2,160}?\s(?:will|to|held|has scheduled)\s(?:meet to (?:receive|hear) testimony on|hold (?:a |an )?(?:joint |public |oversight |closed )?(?:hearings?|briefing|roundtable|forum|markup|mark-up)(?: to examine| on| regarding)|held (?:a |an )?(?:joint )?(?:hearings?|briefing)(?: to examine| on)|mark up|hold hearings to examine|(?:a |an )?(?:joint )?(?:hearings?|briefing)(?: to examine| on))\s(?:the\s)?(\S.{2,240}?)\.?$/u;

/** A committee's meeting announced in a sentence ("… will meet to receive testimony on X."), as a heading titled X. */
export function readMeetingSentence(text: string): SessionHeading | null {
  const t = text.trim();
  if (t.length > 400) return null;
  const m = MEETING_SENTENCE.exec(t);
  if (m === null) return null;
  const title = m[1]!.trim().replace(/\.$/, '');
  return { kind: 'other', number: null, title: title.charAt(0).toUpperCase() + title.slice(1) };
}

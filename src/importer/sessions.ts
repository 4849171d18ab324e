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
    '(panel|session|round\\s?table|workshop|segment|working\\sgroup|module|part|séance|sesión|mesa)' +
    '\\s(?:no\\.?\\s?|n°\\s?|#)?(\\d{1,3}|[ivx]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)' +
    '(?![\\p{L}\\d])[\\s.:–—\\-|)]*(.*)$',
  'iu',
);
const BREAK = /^(?:(?:coffee|tea|health|networking|refreshment|lunch)\s)?(?:break|lunch|luncheon|coffee|refreshments)\b|\b(?:coffee|tea|lunch|health) break\b/i;
const CONTINUED = /^\((?:continued|cont\.?|cont['’]d|suite|continuación)\)[\s.:–—\-|]*/i;
// Breaks as French and Spanish pages write them: "Pause café", "Déjeuner", "Almuerzo", "Receso".
const BREAK_FR_ES = /^(?:pause|pausa|receso|d[ée]jeuner|almuerzo|refrigerio)(?:$|[\s-])/i;
const OPENING = /^(?:(?:official|formal|high-level)\s)?(?:opening|welcome|welcoming|inaugural|inauguration)\b|\bopening (?:session|ceremony|remarks|statements?|plenary|segment)\b|^welcome\b/i;
const CLOSING = /^(?:closing|concluding|conclusions?|wrap[- ]up|closure|close of)\b|\bclosing (?:session|ceremony|remarks|statements?|plenary|segment)\b/i;
const KEYNOTE = /\bkeynote\b/i;
const PANEL = /\b(?:panel|round ?table|parallel session|breakout|break-out|working group)\b/i;

// French and Spanish: "Cérémonie d'ouverture", "Séance de clôture", "Clôture", "Apertura", "Clausura".
const OPENING_FR_ES = /^(?:ouverture|apertura|inauguraci[oó]n|mot de bienvenue|bienvenida)(?![\p{L}])|\b(?:d['’]ouverture|de apertura|inaugural)(?![\p{L}])/iu;
const CLOSING_FR_ES = /^(?:cl[oô]ture|clausura)(?![\p{L}])|\b(?:de cl[oô]ture|de clausura)(?![\p{L}])/iu;

/** The kind a title names, or null when it names none. */
function kindOfTitle(title: string): SessionKind | null {
  if (OPENING_FR_ES.test(title)) return 'opening';
  if (CLOSING_FR_ES.test(title)) return 'closing';
  if ((BREAK.test(title) || BREAK_FR_ES.test(title)) && title.split(/\s+/).length <= 8) return 'break';
  if (OPENING.test(title)) return 'opening';
  if (CLOSING.test(title)) return 'closing';
  if (KEYNOTE.test(title)) return 'keynote';
  return null;
}

/** Reads a session title as written, whatever it is; `strict` only accepts lines that are clearly headings. */
export function readSessionHeading(text: string, strict = false): SessionHeading | null {
  const t = text.trim().slice(0, 500);
  if (t === '') return null;
  const m = NUMBERED.exec(t);
  if (m !== null) {
    const n = m[2]!.toLowerCase();
    const number = /^\d/.test(n) ? Number(n) : (NUMBER_WORDS[n] ?? ROMAN[n] ?? null);
    // "Session 1 (continued): Country experiences" → the title is "Country experiences".
    const title = m[3]!.trim().replace(CONTINUED, '') || null;
    const inner = title === null ? null : kindOfTitle(title);
    const kind: SessionKind = inner === 'break' || (inner !== null && /^(?:opening|closing|ouverture|cl[oô]ture|apertura|clausura)(?![\p{L}]).{0,20}$/iu.test(title ?? ''))
      ? inner
      : 'panel';
    return { kind, number, title };
  }
  const kind = kindOfTitle(t) ?? (PANEL.test(t) ? 'panel' : null);
  if (strict) {
    // A line with no time starts a session only when it says so: "Opening Session", "Lunch", "Panel discussion".
    if (kind === null || t.length > 100 || /[.;]$/.test(t)) return null;
    if (kind !== 'break' && !/\b(?:session|ceremony|segment|plenary|panel|round ?table|keynote|remarks|address|speech(?:es)?|statements?)\b/i.test(t)) return null;
  }
  return { kind: kind ?? 'other', number: null, title: t };
}

// Discussion time with no title of its own: "Open discussion", "Q&A", "Questions and answers", "Débat général".
const DISCUSSION = /^(?:(?:open|plenary|general|interactive|floor|group|panel)\s)?(?:discussions?|debate|q\s?&\s?a|questions?\s(?:and|&)\s(?:answers?|comments?)|exchanges?)\b|^(?:vote of thanks|wrap[- ]up|conclusions and (?:the )?way forward|way forward|d[ée]bat|discussion g[ée]n[ée]rale|[ée]changes|questions[- ]r[ée]ponses|questions et r[ée]ponses|preguntas y respuestas|di[áa]logo abierto)\b/i;

/** A line that names discussion time and nothing more ("Open discussion", "Q&A with the audience"). */
export function isDiscussionLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 80 && DISCUSSION.test(t);
}

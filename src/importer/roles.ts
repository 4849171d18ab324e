// Roles people take in a session: "Moderator:", "Co-chairs", "Speakers:", "... - Director of Ceremonies".

export type RoleBucket = 'moderators' | 'speakers';

export interface Role {
  bucket: RoleBucket;
  /** the role as written, or null for a plain speaker or moderator */
  label: string | null;
}

// Lowercase role phrases; longest first so "keynote speakers" wins over "keynote".
const CHAIRING = [
  'director of ceremonies', 'directors of ceremonies', 'master of ceremonies', 'mistress of ceremonies', 'emcee',
  'mc', 'co-moderators', 'co-moderator', 'moderators', 'moderator', 'moderated by', 'co-chairs', 'co-chair',
  'co-chaired by', 'chairpersons', 'chairperson', 'chairs', 'chair', 'chaired by', 'chairman', 'chairwoman',
  'co-facilitators', 'co-facilitator', 'facilitators', 'facilitator', 'facilitated by', 'facilitatrice', 'facilitatrices',
  'facilitateur', 'facilitateurs', 'facilitadora', 'facilitador', 'facilitadores', 'host', 'hosted by',
  'modera', 'moderan', 'moderará', 'preside', 'presiden', 'coordina', 'coord', 'coordinador', 'coordinadora',
  'coordinated by', 'coordinator', 'coordinateur', 'coordinatrice', 'anime', 'animent', 'préside',
  'interviewer', 'interviewed by', 'animé par', 'animée par', 'animés par', 'conduit par', 'conducted by', 'led by', 'in conversation with', 'animé par', 'animée par', 'modéré par', 'modérée par',
  'moderado por', 'moderada por', 'présidé par', 'présidée par', 'presidido por', 'presidida por',
  'maître de cérémonie', 'maîtresse de cérémonie', 'maître de cérémonies', 'maîtresse des cérémonies',
  'président', 'presidente', 'modérateur', 'modératrice', 'moderador', 'moderadora',
  'présidente', 'présidents', 'président de séance', 'présidente de séance', 'modérateurs', 'modératrices',
  'animateur', 'animatrice', 'moderadores', 'moderadoras',
  // The part named as an activity: "Présidence : X", "Modération : Y", "Moderación: Z".
  'présidence', 'presidencia', 'modération', 'moderación', 'animation', 'facilitation', 'facilitación', 'chairing',
  'moderation',
];
const SPEAKING = [
  'speakers', 'speaker', 'panelists', 'panelist', 'panellists', 'panellist', 'presenters', 'presenter',
  'keynote speakers', 'keynote speaker', 'keynote speech', 'keynote address', 'keynote remarks', 'keynote',
  'key note speakers', 'key note speaker', 'key note speech', 'key note address', 'key note',
  'rapporteurs', 'rapporteur', 'discussants', 'discussant', 'lead discussants', 'lead discussant',
  'respondents', 'respondent', 'commentators', 'commentator', 'interventions', 'intervention', 'contributors',
  'opening remarks', 'opening remarks by', 'welcome remarks', 'welcoming remarks', 'welcome address',
  'opening statement', 'opening statements', 'closing remarks', 'closing remarks by', 'concluding remarks',
  'introductory remarks', 'introduced by', 'remarks by', 'statements by', 'statement by', 'presented by',
  'presentations', 'presentation by', 'address by', 'keynote address by', 'keynote speech by', 'welcome address by',
  'guest speaker', 'guest speakers', 'special address', 'video message', 'resource persons', 'resource person',
  'experts', 'expert', 'intervenants', 'intervenant', 'ponentes', 'ponente', 'oradores',
  'intervenante', 'intervenantes', 'panélistes', 'panéliste', 'conférenciers', 'conférencier', 'panelistas', 'panelista',
  'orador', 'oradora', 'rapporteure', 'intervienen', 'interviene', 'participan', 'participa', 'interviennent',
  'intervient', 'avec la participation de', 'con la participación de', 'with the participation of', 'featuring',
  'with', 'avec', 'con', 'participants', 'participantes', 'guests', 'invités', 'invitées', 'invitados', 'in dialogue with', 'in discussion with', 'en conversation avec', 'en diálogo con', 'mot de bienvenue', "mot d'ouverture", 'allocution', "allocution d'ouverture", 'discours', 'palabras de bienvenida',
];
const PLAIN = new Set([
  'speakers', 'speaker', 'panelists', 'panelist', 'panellists', 'panellist', 'panel', 'presenters', 'presenter',
  'moderators', 'moderator', 'moderated by', 'intervenants', 'intervenant', 'ponentes', 'ponente', 'oradores',
  'modérateur', 'modératrice', 'moderador', 'moderadora', 'modérateurs', 'modératrices', 'moderadores', 'moderadoras',
  'intervenante', 'intervenantes', 'panélistes', 'panéliste', 'panelistas', 'panelista', 'orador', 'oradora',
]);

const ROLES = new Map<string, RoleBucket>([
  ...CHAIRING.map((r): [string, RoleBucket] => [r, 'moderators']),
  ...SPEAKING.map((r): [string, RoleBucket] => [r, 'speakers']),
]);

/** The role a phrase names ("Moderator", "Co-chairs", "Opening remarks by"), or null. */
export function roleOf(phrase: string): Role | null {
  // "The respondents are", "Les intervenants sont", "Los ponentes serán": an article before and a verb after the role.
  const written = phrase.trim().replace(/\s*\(s\)$/i, '').replace(/\s+/g, ' ')
    .replace(/^(?:the|our|les|nos|los|las|nuestros)\s(?=\p{L})/iu, '').replace(/\s(?:are|is|will be|were|sont|seront|son|serán|ser[áa]n)$/iu, '')
    // "Moderator for the day", "Chair of the session", "Modérateur de la séance": the role, said of its session.
    .replace(/\s(?:(?:for|of)\s(?:the|this)\s(?:day|session|panel|morning|afternoon|debate|discussion)|du jour|de la (?:séance|table ronde|journée)|de (?:la )?(?:sesión|mesa|jornada)|del (?:panel|día))$/iu, '');
  const k = written.toLowerCase().replace(/[’']s$/, '').replace(/[:.]$/, '');
  const bucket = ROLES.get(k) ?? ROLES.get(k.replace(/\s+by$/, ''));
  if (bucket === undefined) return roleInLabel(written);
  return { bucket, label: PLAIN.has(k) ? null : written.replace(/[:]$/, '').replace(/\s+by$/i, '') };
}

// Nouns that name only a person's part in a session, never a session: found anywhere in a short label they give its
// role ("Invited Panellists", "Intervenants Table ronde", "Présentation du sujet par la modératrice").
const ROLE_NOUNS = new Map<string, RoleBucket>([
  ...`moderator moderators co-moderator co-moderators modérateur modérateurs modératrice modératrices moderador
  moderadora moderadores moderadoras chairperson chairpersons co-chair co-chairs facilitator facilitators
  co-facilitator co-facilitators animateur animatrice animateurs animatrices`.split(/\s+/).map((w): [string, RoleBucket] => [w, 'moderators']),
  ...`speaker speakers panelist panelists panellist panellists presenter presenters discussant discussants intervenant
  intervenants intervenante intervenantes panéliste panélistes ponente ponentes panelista panelistas conférencier
  conférenciers conférencière conférencières respondent respondents commentator commentators`.split(/\s+/)
    .map((w): [string, RoleBucket] => [w, 'speakers']),
]);

// Nouns of what is said, not of who says it: a short phrase holding one and ending in "by" ("Welcome and opening
// address by", "Mot d'accueil par", "Palabras de apertura por") gives the person after it the floor.
const SPEECH_NOUNS = new Set(`address addresses remarks statement statements speech speeches prayer presentation
  presentations introduction briefing message lecture keynote allocution discours mot intervention interventions exposé
  présentation conférence intervención intervenciones palabras presentación conferencia ponencia saludo saludos
  bienvenida mensaje`.split(/\s+/));

/** "Welcome and opening address by": a phrase of up to six words, one of them a speech noun, ending in by/par/por. */
function spokenBy(written: string): Role | null {
  const m = /^(.{3,60}?)\s(?:by|par|por)$/iu.exec(written.replace(/[:.]$/, '').trim());
  if (m === null) return null;
  const ws = m[1]!.split(/\s+/);
  if (ws.length > 6 || /\d/.test(m[1]!) || !ws.some((w) => SPEECH_NOUNS.has(w.toLowerCase().replace(/^(?:d|l)['’]/, '')))) return null;
  return { bucket: 'speakers', label: m[1]! };
}

/**
 * "Scene-setting remarks:", "Special addresses:", "Interventions des délégations :": a label of up to four words ending
 * in a speech noun, then a colon and nothing else (the people on the lines under it) or an honorific: the people
 * after it speak, as after "Opening remarks:". Not with a title after the colon ("Closing remarks: the way ahead").
 */
function spokenLabel(label: string, rest: string): Role | null {
  const ws = label.trim().split(/\s+/);
  if (ws.length > 4 || /\d/.test(label) || !SPEECH_NOUNS.has(ws.at(-1)!.toLowerCase())) return null;
  if (ws.length === 1 && !/^(?:remarks|statements|speeches|addresses|presentations|interventions|intervenciones|palabras|messages)$/i.test(ws[0]!)) return null;
  if (rest !== '' && !/^(?:H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Hon\.|Mme|M\.|Sr\.|Sra\.|S\.E\.|SEM)\s\p{Lu}/u.test(rest)) return null;
  return { bucket: 'speakers', label: label.trim() };
}

/** A short label (up to six words, no digits) holding one role noun: that role, with the label as written. */
function roleInLabel(written: string): Role | null {
  const label = written.replace(/[:.]$/, '').trim();
  // "Master of Ceremonies Welcome and Introduction": a heading that opens with the master of ceremonies' title.
  const mc = /^(?:master|mistress|director)s? of ceremonies|^ma[îi]tre(?:sse)? de(?:s)? c[ée]r[ée]monies?|^maestr[oa] de ceremonias/iu.exec(label);
  if (mc !== null && label.split(/\s+/).length <= 8) return { bucket: 'moderators', label };
  const ws = label.split(/\s+/);
  if (ws.length < 2 || ws.length > 6 || /\d/.test(label)) return null;
  const found = [...new Set(ws.map((w) => ROLE_NOUNS.get(w.toLowerCase())).filter((b) => b !== undefined))];
  return found.length === 1 ? { bucket: found[0]!, label } : null;
}

/** "Keynote Speaker, Dr. X": a role label, a comma, then the person. */
export function readRoleComma(line: string): { role: Role; rest: string } | null {
  const m = /^([\p{L}][\p{L}’' -]{0,40}?),\s(.+)$/u.exec(line.trim().slice(0, 2000));
  if (m === null) return null;
  const ws = m[1]!.trim().split(/\s+/);
  // Two words at least: "Speaker, National Assembly" is a position, "Keynote Speaker, Dr. X" a role and its person.
  if (ws.length < 2 || ws.length > 4 || !ws.some((w) => ROLE_NOUNS.has(w.toLowerCase()))) return null;
  const role = roleOf(m[1]!);
  return role === null ? null : { role, rest: m[2]!.trim() };
}

// A role word and then ":" (or a dash) and maybe the person: "Moderator: X", "Chair – X", "Co-chairs:".
const ROLE_LINE = /^([\p{L}][\p{L}’' -]{0,40}?(?:\s?\(s\))?)\s?[:：]\s*(.*)$/u;
const ROLE_DASH = /^([\p{L}][\p{L}’' -]{0,40}?)\s[–—-]\s(.+)$/u;
const ROLE_BY = /^([\p{L}][\p{L}’' -]{0,40}?\s(?:by|par|por)):?\s+(.+)$/iu;

/** A line that names a role, with the person (if any) written after it. */
export function readRoleLine(line: string): { role: Role; rest: string } | null {
  const s = line.trim().slice(0, 2000);
  for (const re of [ROLE_LINE, ROLE_BY, ROLE_DASH]) {
    const m = re.exec(s);
    if (m === null) continue;
    // "Welcome and opening address by the Honourable X": a speech noun before "by", when a name (or an article and
    // a capital) follows; "Présentation … par la maîtresse des cérémonies, X" is read elsewhere.
    const role = roleOf(m[1]!) ?? (re === ROLE_BY && /^(?:(?:the|la|le|el|l['’])\s?)?\p{Lu}/u.test(m[2]!.trim()) ? spokenBy(m[1]!) : null) ??
      (re === ROLE_LINE ? spokenLabel(m[1]!, m[2]!.trim()) : null);
    if (role !== null) return { role, rest: m[2]!.trim() };
  }
  const comma = readRoleComma(s);
  if (comma !== null) return comma;
  // "Par SEM X, ministre …", "By Dr. Y": a speaker introduced by "by" alone.
  const by = /^(?:by|par|por)\s(.{3,})$/i.exec(s);
  if (by !== null) return { role: { bucket: 'speakers', label: null }, rest: by[1]!.trim() };
  const bare = roleOf(s);
  return bare === null ? null : { role: bare, rest: '' };
}

/** A role written after the person: "..., Government of Botswana - Director of Ceremonies". */
export function takeRoleSuffix(text: string): { text: string; role: Role | null } {
  const m = /\s[–—-]\s([^–—-]{2,40})$/.exec(text.slice(-60));
  if (m === null) return { text, role: null };
  const role = roleOf(m[1]!);
  if (role === null) return { text, role: null };
  return { text: text.slice(0, text.length - m[0].length).trimEnd(), role };
}

// Words that name a person's part only when a name follows the colon: "Statement: H.E. X", "Official opening: Dr. Y".
// Alone on a line they are session titles ("Official opening", "Vote of thanks"), so they are not roles by themselves.
const CUES = new Set([
  'statement', 'statements', 'official opening', 'opening', 'welcome', 'closing', 'opening address', 'closing address',
  'goodwill message', 'goodwill messages', 'solidarity message', 'solidarity messages', 'vote of thanks',
  'official closing', 'introduction', 'remarks', 'overview', 'allocution de clôture', 'clôture', 'ouverture',
]);
const CUE_LINE = /^([\p{L}][\p{L}’' -]{0,40}?)\s?[:：]\s*(.+)$/u;

/** "Statement: H.E. X, Minister": a cue word and what follows it; the caller checks that a person follows. */
export function readCueLine(line: string): { role: Role; rest: string } | null {
  const m = CUE_LINE.exec(line.trim().slice(0, 2000));
  if (m === null) return null;
  const written = m[1]!.trim();
  if (!CUES.has(written.toLowerCase())) return null;
  return { role: { bucket: 'speakers', label: written }, rest: m[2]!.trim() };
}

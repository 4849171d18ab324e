// The agenda as read from one page, before anything is stored.
// Its shape is the one `plenary import FILE --json` prints (see docs/ARCHITECTURE.md).
import { z } from 'zod';

export const SESSION_KINDS = ['opening', 'panel', 'keynote', 'break', 'closing', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const MATERIAL_KINDS = [
  'statement',
  'presentation',
  'opening-remarks',
  'keynote-remarks',
  'closing-remarks',
  'remarks',
  'video',
  'other',
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

export const agendaMaterialSchema = z.object({
  kind: z.enum(MATERIAL_KINDS),
  label: z.string().min(1),
});
export type AgendaMaterial = z.infer<typeof agendaMaterialSchema>;

export const agendaPersonSchema = z.object({
  name: z.string().min(1),
  honorific: z.string().nullable(),
  position: z.string().nullable(),
  organization: z.string().nullable(),
  country: z.string().nullable(),
  countryCode: z.string().regex(/^[A-Z]{2}$/).nullable(),
  materials: z.array(agendaMaterialSchema),
  /** the role as the page wrote it, e.g. "Chair", "Keynote", when it was not a plain speaker */
  roleLabel: z.string().nullable().optional(),
  /** a talk title given for this appearance */
  talkTitle: z.string().nullable().optional(),
  /** the 1-based line number in the input where this person was read */
  line: z.number().int().optional(),
  /**
   * Never read from a page: an editor's answer in the browser import to a doubtful identity, the
   * stored person this name is (their id), or "new" for a person of their own (operations/import-draft.ts).
   */
  personChoice: z.union([z.number().int().positive(), z.literal('new')]).optional(),
});
export type AgendaPerson = z.infer<typeof agendaPersonSchema>;

export const agendaSessionSchema = z.object({
  start: hhmm.nullable(),
  end: hhmm.nullable(),
  kind: z.enum(SESSION_KINDS),
  number: z.number().int().nullable(),
  title: z.string().nullable(),
  moderators: z.array(agendaPersonSchema),
  speakers: z.array(agendaPersonSchema),
  line: z.number().int().optional(),
});
export type AgendaSession = z.infer<typeof agendaSessionSchema>;

export const agendaDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  label: z.string().nullable(),
  sessions: z.array(agendaSessionSchema),
});
export type AgendaDay = z.infer<typeof agendaDaySchema>;

export const agendaWarningSchema = z.object({
  line: z.number().int(),
  text: z.string(),
  message: z.string(),
});
export type AgendaWarning = z.infer<typeof agendaWarningSchema>;

export const agendaSchema = z.object({
  title: z.string().nullable(),
  days: z.array(agendaDaySchema),
  warnings: z.array(agendaWarningSchema),
  /** prose found before the agenda (overview), paragraphs in page order */
  overview: z.array(z.string()).optional(),
});
export type Agenda = z.infer<typeof agendaSchema>;

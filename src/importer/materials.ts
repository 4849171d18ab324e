// Materials named in parentheses at the end of a person line: "(Statement)", "(Keynote address | Video)".
import { type AgendaMaterial, type MaterialKind } from '../domain/agenda.ts';

// English, and the French and Spanish words pages use for the same ("(Vídeo)", "(Presentación)", "(Discours)").
const KINDS: ReadonlyArray<[RegExp, MaterialKind]> = [
  [/\b(?:video|vídeo|vidéo|recording|grabación|enregistrement|webcast|film)/i, 'video'],
  [/\b(?:opening|welcome|welcoming|introductory)\b/i, 'opening-remarks'],
  [/\b(?:closing|concluding)\b/i, 'closing-remarks'],
  [/\bkeynote/i, 'keynote-remarks'],
  [/(?:^|\s)(?:presentation|présentation|presentación|presentacion|diapositivas|slides|powerpoint|ppt)(?=\s|$)/i, 'presentation'],
  [/(?:^|\s)(?:statement|intervention|intervención|declaration|déclaration|declaración)s?(?=\s|$)/i, 'statement'],
  [/(?:^|\s)(?:remarks|speech|address|message|discours|discurso|ponencia|palabras)(?=\s|$)/i, 'remarks'],
  [/^(?:pdf|paper|report|audio|photos?|transcript|summary|background note|document|documento|biography|bio|cv)$/i, 'other'],
];

/** The kind of one material label, or null when the label is not a material at all. */
export function materialKind(label: string): MaterialKind | null {
  if (label.length > 60 || label.split(/\s+/).length > 6) return null;
  for (const [re, kind] of KINDS) if (re.test(label)) return kind;
  return null;
}

/** Materials listed inside one pair of parentheses, or null when any item is not a material. */
export function readMaterials(inner: string): AgendaMaterial[] | null {
  const items = inner.split(/\s*[|;/]\s*|\s*,\s*|\s+and\s+|\s+\+\s+/).map((x) => x.trim()).filter(Boolean);
  if (items.length === 0) return null;
  const out: AgendaMaterial[] = [];
  for (const label of items) {
    const kind = materialKind(label);
    if (kind === null) return null;
    out.push({ kind, label });
  }
  return out;
}

/** Takes the trailing "(…)" groups that name materials off `text`. */
export function takeMaterials(text: string): { text: string; materials: AgendaMaterial[] } {
  let rest = text.trimEnd();
  const groups: AgendaMaterial[][] = [];
  for (;;) {
    if (!rest.endsWith(')')) break;
    const open = rest.lastIndexOf('(');
    if (open < 0) break;
    const found = readMaterials(rest.slice(open + 1, -1));
    if (found === null) break;
    groups.unshift(found);
    rest = rest.slice(0, open).trimEnd();
  }
  return { text: rest, materials: groups.flat() };
}

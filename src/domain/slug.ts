// URL slugs: lowercase ASCII words joined by hyphens, accents folded.
export function slugify(text: string, maxLength = 80): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let s = '';
  for (const w of words) {
    const next = s ? `${s}-${w}` : w;
    if (next.length > maxLength) {
      if (!s) s = w.slice(0, maxLength);
      break;
    }
    s = next;
  }
  return s || 'item';
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Frozen in time: typed against Kysely<any> and importing nothing from the app (any-ascii directly).
// Slugs in every script (issue 12). Until now a slug kept only the letters a-z and 0-9 left after
// taking accents off: "Ingrid Sørensen" was `ingrid-s-rensen`, "Lech Wałęsa" `lech-wa-esa`, and a
// name in Arabic, Chinese or Cyrillic letters `item`, `item-2`, … The app now transliterates with
// any-ascii (domain/slug.ts). This migration gives every record whose slug the old rule made from
// its name, and damaged, the slug the app now makes, and records the old one in slug_redirect
// (migration 0012), so that old addresses answer 301 to the new ones:
//  - persons: the slug the old rule made from the name (or that slug -2, -3, … it took to be unique);
//  - organizations: the same, from "name country" when it has a country (as they were made), else the name;
//  - series and events, whose slugs organizers type: only when the slug is exactly what the old
//    rule made of the title, the new slug is free, and (events) the published copy has the same
//    slug (both then move together); any other slug was chosen by hand and stays.
// The new slug is the first free one of base, base-2, …, counting current slugs and recorded old
// ones (as storage/queries/slugs.ts freeSlug does), rows in id order. Series and events get a new
// version, so that a form opened before does not put the old slug back unseen.
import anyAscii from 'any-ascii';
import type { Kysely } from 'kysely';

type Engine = 'sqlite' | 'postgres';

/** The rule before this migration (domain/slug.ts until then). */
export function oldSlugify(text: string, maxLength = 80): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return joinWords(words, maxLength) || 'item';
}

/** The rule from this migration on: domain/slug.ts as it stands here. */
export function slugify0013(text: string, maxLength = 80): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const latin = anyAscii(ch);
    const caseless = ch.toLowerCase() === ch && ch.toUpperCase() === ch;
    out += caseless && /^[A-Z]/.test(latin) ? ` ${latin} ` : latin;
  }
  const words = out
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return joinWords(words, maxLength) || 'item';
}

function joinWords(words: string[], maxLength: number): string {
  let s = '';
  for (const w of words) {
    const next = s ? `${s}-${w}` : w;
    if (next.length > maxLength) {
      if (!s) s = w.slice(0, maxLength);
      break;
    }
    s = next;
  }
  return s;
}

/** Whether `slug` is `base` or base-N (N ≥ 2), as the old uniqueness made it. */
function madeFrom(slug: string, base: string): boolean {
  if (slug === base) return true;
  if (!slug.startsWith(`${base}-`)) return false;
  const n = slug.slice(base.length + 1);
  return /^[1-9][0-9]*$/.test(n) && Number(n) >= 2;
}

function firstFree(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function redirectsOf(db: Kysely<any>, entity: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('slug_redirect').select('slug').where('entity', '=', entity).execute()).map((r: any) => String(r.slug)));
}

async function redirect(db: Kysely<any>, entity: string, slug: string, targetId: number, at: string): Promise<void> {
  await db.deleteFrom('slug_redirect').where('entity', '=', entity).where('slug', '=', slug).execute();
  await db.insertInto('slug_redirect').values({ entity, slug, target_id: targetId, created_at: at }).execute();
}

/** Persons and organizations: slugs made from names only. */
async function reslugNamed(db: Kysely<any>, table: 'person' | 'organization', at: string): Promise<void> {
  const rows = (await db
    .selectFrom(table)
    .select(table === 'organization' ? ['id', 'slug', 'name', 'country_code'] : ['id', 'slug', 'name'])
    .orderBy('id')
    .execute()) as Array<{ id: number; slug: string; name: string; country_code?: string | null }>;
  const taken = await redirectsOf(db, table);
  for (const r of rows) taken.add(r.slug);
  for (const r of rows) {
    const sources = r.country_code ? [`${r.name} ${r.country_code}`, r.name] : [r.name];
    const source = sources.find((s) => madeFrom(r.slug, oldSlugify(s)));
    if (source === undefined) continue;
    const base = slugify0013(source);
    if (base === oldSlugify(source)) continue;
    const slug = firstFree(base, taken);
    taken.add(slug);
    await db.updateTable(table).set({ slug }).where('id', '=', r.id).execute();
    await redirect(db, table, r.slug, r.id, at);
  }
}

/** Series and events: only a slug that is exactly the old rule's of the title, when the new one is free. */
async function reslugTitled(db: Kysely<any>, table: 'series' | 'event', at: string): Promise<void> {
  const rows = (await db.selectFrom(table).select(['id', 'slug', 'title']).orderBy('id').execute()) as Array<{ id: number; slug: string; title: string }>;
  const published =
    table === 'event' ? new Map(((await db.selectFrom('pub_event').select(['id', 'slug']).execute()) as Array<{ id: number; slug: string }>).map((r) => [Number(r.id), r.slug])) : new Map<number, string>();
  const taken = await redirectsOf(db, table);
  for (const r of rows) taken.add(r.slug);
  for (const s of published.values()) taken.add(s);
  for (const r of rows) {
    if (r.slug !== oldSlugify(r.title)) continue;
    const slug = slugify0013(r.title);
    if (slug === r.slug || taken.has(slug)) continue;
    const pub = published.get(Number(r.id));
    if (pub !== undefined && pub !== r.slug) continue;
    taken.add(slug);
    await db
      .updateTable(table)
      .set((eb: any) => ({ slug, version: eb('version', '+', 1) }))
      .where('id', '=', r.id)
      .execute();
    if (pub !== undefined) await db.updateTable('pub_event').set({ slug }).where('id', '=', r.id).execute();
    await redirect(db, table, r.slug, r.id, at);
  }
}

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  const at = new Date().toISOString();
  await reslugNamed(db, 'person', at);
  await reslugNamed(db, 'organization', at);
  await reslugTitled(db, 'series', at);
  await reslugTitled(db, 'event', at);
}

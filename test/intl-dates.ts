// What a page shows for a date or a moment, computed here with Intl itself (not the app's format.ts): the long
// date ("Tuesday, April 18, 2017"; French "mardi 18 avril 2017") and the timestamp ("November 30, 2026 at 04:05 UTC";
// French "30 novembre 2026 à 04:05 UTC"); Arabic with Latin digits, as the Arabic catalogue asks (ar-u-nu-latn).
const LOCALES = { en: 'en', fr: 'fr', es: 'es', ar: 'ar-u-nu-latn' } as const;
type Lang = keyof typeof LOCALES;

/** A stored moment ("2026-11-30T04:05:12.345Z", "2026-11-30 04:05"; no zone is UTC) in UTC, the zone named. */
export function stampIn(lang: Lang, iso: string): string {
  const at = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`);
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC', timeZoneName: 'short' }).format(at);
}

/** A calendar date (YYYY-MM-DD) with its weekday. */
export function longDateIn(lang: Lang, date: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

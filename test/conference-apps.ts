// schedule.xml read the way two Debian conference apps read it:
// - confy (Python/GTK): its own importer, run in Debian's python3 (test/confy-read.py);
// - ConfClerk (C++/Qt, /usr/bin/confclerk): a line-by-line port of ScheduleXmlParser::parseData
//   and SqlEngine's conversions (src/sql/schedulexmlparser.cpp and sqlengine.cpp), since the
//   app imports only through its window. Qt's QDate::fromString(s, "yyyy-MM-dd") and
//   QTime::fromString(s, "hh:mm") accept the whole string in that form or give an invalid value,
//   and QDateTime(invalid).toTime_t() is (uint)-1, which ConfClerk stores as 2106-02-07.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create } from 'xmlbuilder2';

const DEBIAN_PYTHON = '/usr/bin/python3';
const CONFY_READ = fileURLToPath(new URL('./confy-read.py', import.meta.url));

/** Why confy cannot be run here, or false. */
export function confyMissing(): string | false {
  if (!existsSync(DEBIAN_PYTHON)) return `${DEBIAN_PYTHON} is missing: apt-get install -y confy`;
  const r = spawnSync(DEBIAN_PYTHON, ['-c', 'import gi; gi.require_version("Handy", "1"); import confy.remotes.pentabarf'], { encoding: 'utf8' });
  return r.status === 0 ? false : `confy cannot be imported by ${DEBIAN_PYTHON} (apt-get install -y confy): ${r.stderr.trim().split('\n').at(-1)}`;
}

export type ConfyEvent = { id: string; date: string; start: string; end: string; room: string; title: string; persons: string[] };
export type ConfyRead = { title: string; start: string | null; end: string | null; venue: string; city: string; events: ConfyEvent[] };

/**
 * confy's reading of a schedule.xml, in a device whose zone is `timeZone` (confy takes the
 * times as the device's local time and stores them in UTC); or its error.
 */
export function confyRead(xml: string, timeZone: string): { ok: true; value: ConfyRead } | { ok: false; error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-confy-'));
  try {
    const file = join(dir, 'schedule.xml');
    writeFileSync(file, xml);
    const r = spawnSync(DEBIAN_PYTHON, [CONFY_READ, file, join(dir, 'confy.db')], { encoding: 'utf8', env: { ...process.env, TZ: timeZone } });
    if (r.status !== 0) return { ok: false, error: r.stderr.trim().split('\n').at(-1) ?? '' };
    return { ok: true, value: JSON.parse(r.stdout) as ConfyRead };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- ConfClerk ---

type El = {
  nodeType: number;
  nodeName: string;
  childNodes: { length: number; item(i: number): El | null };
  getElementsByTagName(n: string): { length: number; item(i: number): El | null };
  getAttribute(n: string): string | null;
  hasAttribute(n: string): boolean;
  textContent: string | null;
};

const list = (l: { length: number; item(i: number): El | null }) => Array.from({ length: l.length }, (_, i) => l.item(i)!);
/** QDomNode::firstChildElement(name): the first child element of that name, or a null element. */
const firstChildElement = (e: El | null, name: string): El | null => (e ? (list(e.childNodes).find((c) => c.nodeType === 1 && c.nodeName === name) ?? null) : null);
/** QDomElement::text() of a null element is "". */
const text = (e: El | null) => e?.textContent ?? '';

const UINT_MAX = 4294967295;

/** QDate::fromString(s, "yyyy-MM-dd") as days since the epoch, or null (invalid). */
function qDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t / 86_400_000 : null;
}

/** QTime::fromString(s, "hh:mm") in seconds, or null (invalid). */
function qTime(s: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}

/** QDateTime(date, time, Qt::UTC).toTime_t(): (uint)-1 when either is invalid. */
const toTimeT = (days: number | null, secs: number | null) => (days === null || secs === null ? UINT_MAX : days * 86400 + secs);
const isoOf = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

export type ConfClerkRead = {
  conference: { title: string; venue: string; city: string; start: string; end: string };
  /** the conference dialog's "Where:" line: city, then ", venue" when there is one */
  where: string;
  /** every event stored, as ConfClerk keeps it (UTC wall time of the schedule's local time) */
  events: Array<{ id: string; start: string; duration: number; room: string; title: string; persons: string[] }>;
  /** the events on the days its day navigator offers (conference start to end) */
  shown: string[];
};

export function confclerkRead(xml: string): ConfClerkRead {
  const doc = create(xml).node as unknown as El;
  const schedule = firstChildElement(doc, 'schedule');
  if (!schedule) throw new Error('Could not parse schedule');
  const c = firstChildElement(schedule, 'conference');
  const conference = {
    title: text(firstChildElement(c, 'title')),
    venue: text(firstChildElement(c, 'venue')),
    city: text(firstChildElement(c, 'city')),
    start: toTimeT(qDate(text(firstChildElement(c, 'start'))), 0),
    end: toTimeT(qDate(text(firstChildElement(c, 'end'))), 0),
  };
  const events: ConfClerkRead['events'] = [];
  for (const day of list(schedule.getElementsByTagName('day'))) {
    for (const room of list(day.getElementsByTagName('room'))) {
      if (!room.hasAttribute('name')) continue;
      for (const ev of list(room.getElementsByTagName('event'))) {
        const id = ev.getAttribute('id') ?? '';
        if (!/^\d+$/.test(id)) throw new Error(`The ID '${id}' of event '${text(firstChildElement(ev, 'title'))}' is not numeric.`);
        events.push({
          id,
          start: isoOf(toTimeT(qDate(day.getAttribute('date') ?? ''), qTime(text(firstChildElement(ev, 'start'))))),
          duration: qTime(text(firstChildElement(ev, 'duration'))) ?? 0,
          room: text(firstChildElement(ev, 'room')),
          title: text(firstChildElement(ev, 'title')),
          persons: list(firstChildElement(ev, 'persons')?.getElementsByTagName('person') ?? { length: 0, item: () => null }).map((p) => text(p)),
        });
      }
    }
  }
  const dayStart = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 1000;
  return {
    conference: { ...conference, start: isoOf(conference.start).slice(0, 10), end: isoOf(conference.end).slice(0, 10) },
    where: conference.city + (conference.venue ? `, ${conference.venue}` : ''),
    events,
    shown: events.filter((e) => dayStart(e.start) >= conference.start && dayStart(e.start) <= conference.end).map((e) => e.id),
  };
}

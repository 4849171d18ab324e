// An .ics file read by calendar programs other than ical.js, each where it is installed:
// - libical (Evolution's library, through its GObject bindings, Debian gir1.2-ical-3.0):
//   parse, then icalrestriction_check, which adds X-LIC-ERROR properties (INVALID-ITIP, …);
// - python3-icalendar (Debian python3-icalendar);
// - khal (Debian khal): `khal import` into a fresh calendar, then `khal list`.
// And spreadsheets as LibreOffice Calc reads them (Debian libreoffice-calc-nogui): libreOfficeCells.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PY = '/usr/bin/python3';

function python(code: string, input: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(PY, ['-c', code], { input, encoding: 'utf8' });
}

function missingPython(module: string, pkg: string, prelude = ''): string | false {
  if (!existsSync(PY)) return `${PY} is missing: apt-get install -y ${pkg}`;
  const r = spawnSync(PY, ['-c', `${prelude}import ${module}`], { encoding: 'utf8' });
  return r.status === 0 ? false : `${module} cannot be imported by ${PY}: apt-get install -y ${pkg}`;
}

const LIBICAL_PRELUDE = "import gi; gi.require_version('ICalGLib', '3.0'); ";
export const LIBICAL_SKIP = missingPython('gi.repository.ICalGLib', 'gir1.2-ical-3.0', LIBICAL_PRELUDE);
export const PY_ICALENDAR_SKIP = missingPython('icalendar', 'python3-icalendar');
export const KHAL_SKIP = spawnSync('sh', ['-c', 'command -v khal'], { encoding: 'utf8' }).status === 0 ? false : 'khal is missing: apt-get install -y khal';

/** The X-LIC-ERROR texts libical's restriction check adds anywhere in the file (none for a clean file). */
export function libicalErrors(ics: string): string[] {
  const r = python(
    `${LIBICAL_PRELUDE}
import json, sys
from gi.repository import ICalGLib as I
comp = I.Component.new_from_string(sys.stdin.read())
I.restriction_check(comp)
errors = []
def walk(c):
    p = c.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while p:
        kind = p.get_first_parameter(I.ParameterKind.XLICERRORTYPE_PARAMETER)
        errors.append((kind.as_ical_string().split('=', 1)[1] if kind else '?') + ': ' + p.get_xlicerror())
        p = c.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    s = c.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while s:
        walk(s)
        s = c.get_next_component(I.ComponentKind.ANY_COMPONENT)
walk(comp)
print(json.dumps(errors))`,
    ics,
  );
  if (r.status !== 0) throw new Error(`libical: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

export type PyEvent = { uid: string; summary: string; organizer: [string | null, string] | null; attendees: Array<[string, string, string]> };

/** Each VEVENT's UID, SUMMARY, ORGANIZER (CN, address) and ATTENDEEs (CN, ROLE, address) as python-icalendar reads them. */
export function pythonIcalendarRead(ics: string): PyEvent[] {
  const r = python(
    `import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for v in cal.walk('VEVENT'):
    org = v.get('ORGANIZER')
    att = v.get('ATTENDEE', [])
    if not isinstance(att, list): att = [att]
    out.append({'uid': str(v['UID']), 'summary': str(v['SUMMARY']),
      'organizer': [org.params.get('CN'), str(org)] if org is not None else None,
      'attendees': [[a.params.get('CN'), a.params.get('ROLE'), str(a)] for a in att]})
print(json.dumps(out))`,
    ics,
  );
  if (r.status !== 0) throw new Error(`python-icalendar: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyEvent[];
}

/**
 * `khal import` of the file into an empty calendar, then `khal list` of the given days: one line per
 * event in `format` (default "title|organizer|attendees"; times shown in UTC as 2006-10-30 15:00);
 * `raw`, khal's output as printed (a description's lines are printed as lines).
 */
export function khalRead(ics: string, from: string, days: number, format = '{title}|{organizer}|{attendees}'): { imported: string; listed: string[]; raw: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-khal-'));
  try {
    const config = join(dir, 'config');
    writeFileSync(
      config,
      [
        '[calendars]',
        '[[plenary]]',
        `path = ${join(dir, 'calendar')}`,
        'type = calendar',
        '[locale]',
        'timeformat = %H:%M',
        'dateformat = %Y-%m-%d',
        'longdateformat = %Y-%m-%d',
        'datetimeformat = %Y-%m-%d %H:%M',
        'longdatetimeformat = %Y-%m-%d %H:%M',
        'default_timezone = UTC',
        'local_timezone = UTC',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'in.ics');
    writeFileSync(file, ics);
    const env = { ...process.env, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
    const imp = spawnSync('khal', ['-c', config, 'import', '--batch', '-a', 'plenary', file], { encoding: 'utf8', env });
    if (imp.status !== 0) throw new Error(`khal import: ${imp.stderr}`);
    const list = spawnSync('khal', ['-c', config, 'list', '--format', format, from, `${days}d`], { encoding: 'utf8', env });
    if (list.status !== 0) throw new Error(`khal list: ${list.stderr}`);
    return { imported: (imp.stdout + imp.stderr).trim(), listed: list.stdout.split('\n').filter((l) => l.includes('|')), raw: list.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Times = { summary: string; start: string; end: string };

/**
 * Each VEVENT's start and end as UTC instants (2006-10-30T15:00:00Z) as python-icalendar computes
 * them, twice: from the TZID by name (its own zone database) and from the file's VTIMEZONE
 * (Timezone.to_tz), so that the file's own zone rules are checked too.
 */
export function pythonIcalendarTimes(ics: string): { byName: Times[]; byVtimezone: Times[] } {
  const r = python(
    `import json, sys, icalendar, datetime
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
zones = {str(z['TZID']): z.to_tz() for z in cal.walk('VTIMEZONE')}
utc = datetime.timezone.utc
iso = lambda d: d.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ')
def own(prop):
    tzid = prop.params.get('TZID')
    naive = prop.dt.replace(tzinfo=None)
    return iso(zones[tzid].localize(naive)) if tzid else iso(prop.dt)
by_name, by_vtz = [], []
for v in cal.walk('VEVENT'):
    s, e = v['DTSTART'], v['DTEND']
    by_name.append({'summary': str(v['SUMMARY']), 'start': iso(s.dt), 'end': iso(e.dt)})
    by_vtz.append({'summary': str(v['SUMMARY']), 'start': own(s), 'end': own(e)})
print(json.dumps({'byName': by_name, 'byVtimezone': by_vtz}))`,
    ics,
  );
  if (r.status !== 0) throw new Error(`python-icalendar: ${r.stderr}`);
  return JSON.parse(r.stdout) as { byName: Times[]; byVtimezone: Times[] };
}

/** Each VEVENT's start and end as UTC instants as libical computes them from the file's own VTIMEZONE. */
export function libicalTimes(ics: string): Times[] {
  const r = python(
    `${LIBICAL_PRELUDE}
import json, sys, datetime
from gi.repository import ICalGLib as I
cal = I.Component.new_from_string(sys.stdin.read())
def instant(t, tzid):
    zone = cal.get_timezone(tzid) if tzid else I.Timezone.get_utc_timezone()
    if zone is None: raise Exception('no VTIMEZONE for ' + tzid)
    secs = t.as_timet_with_zone(zone)
    return datetime.datetime.fromtimestamp(secs, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
def tzid(v, kind):
    p = v.get_first_property(kind)
    param = p.get_first_parameter(I.ParameterKind.TZID_PARAMETER)
    return param.get_tzid() if param else None
out = []
v = cal.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
while v:
    out.append({'summary': v.get_summary(),
      'start': instant(v.get_dtstart(), tzid(v, I.PropertyKind.DTSTART_PROPERTY)),
      'end': instant(v.get_dtend(), tzid(v, I.PropertyKind.DTEND_PROPERTY))})
    v = cal.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
print(json.dumps(out))`,
    ics,
  );
  if (r.status !== 0) throw new Error(`libical: ${r.stderr}`);
  return JSON.parse(r.stdout) as Times[];
}

export type PyFullEvent = { summary: string; description: string | null; location: string | null; url: string | null; start: string; end: string };

/**
 * Each VEVENT's SUMMARY, DESCRIPTION, LOCATION and URL as python-icalendar decodes them (unfolded,
 * unescaped, UTF-8), with its start and end as UTC instants (2017-04-18T14:00:00Z).
 */
export function pythonIcalendarEvents(ics: string): PyFullEvent[] {
  const r = python(
    `import json, sys, icalendar, datetime
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
utc = datetime.timezone.utc
iso = lambda d: d.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ')
text = lambda v: None if v is None else str(v)
out = []
for v in cal.walk('VEVENT'):
    out.append({'summary': str(v['SUMMARY']), 'description': text(v.get('DESCRIPTION')), 'location': text(v.get('LOCATION')),
      'url': text(v.get('URL')), 'start': iso(v['DTSTART'].dt), 'end': iso(v['DTEND'].dt)})
print(json.dumps(out, ensure_ascii=False))`,
    ics,
  );
  if (r.status !== 0) throw new Error(`python-icalendar: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyFullEvent[];
}

/** The calendar's own NAME (X-WR-CALNAME), URL and SOURCE as python-icalendar decodes them. */
export function pythonIcalendarCalendar(ics: string): { name: string | null; url: string | null; source: string | null } {
  const r = python(
    `import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
text = lambda v: None if v is None else str(v)
print(json.dumps({'name': text(cal.get('X-WR-CALNAME')), 'url': text(cal.get('URL')), 'source': text(cal.get('SOURCE'))}, ensure_ascii=False))`,
    ics,
  );
  if (r.status !== 0) throw new Error(`python-icalendar: ${r.stderr}`);
  return JSON.parse(r.stdout) as { name: string | null; url: string | null; source: string | null };
}

/** The LibreOffice program (Debian libreoffice-calc-nogui), or why a test that needs it is skipped. */
export const LIBREOFFICE_SKIP = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0 ? false : 'LibreOffice is missing: apt-get install -y libreoffice-calc-nogui';

/**
 * A spreadsheet file (CSV in UTF-8, or XLSX) opened by LibreOffice Calc headless and saved as CSV
 * (UTF-8, comma, every text cell quoted): the cells as Calc read them, row by row. `csv` files are
 * read as a person opening them would choose: UTF-8, comma-separated; numbers and dates detected as
 * Calc does. Runs in its own profile so that other LibreOffice processes do not take the file.
 */
export function libreOfficeCells(bytes: Buffer, ext: 'csv' | 'xlsx'): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-calc-'));
  try {
    const file = join(dir, `in.${ext}`);
    writeFileSync(file, bytes);
    const out = join(dir, 'out');
    const args = [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', ...(ext === 'csv' ? ['--infilter=CSV:44,34,76,1'] : []), '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, file];
    const r = spawnSync('soffice', args, { encoding: 'utf8', timeout: 300_000 });
    const converted = join(out, 'in.csv');
    if (r.status !== 0 || !existsSync(converted)) throw new Error(`soffice: ${r.status} ${r.stderr}`);
    return parseCsv(readFileSync(converted, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV (quotes doubled inside quoted fields, CRLF or LF between records) into rows of cells; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// `plenary import FILE`: read an agenda page, print what was read, or store it.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfig } from '../config.ts';
import type { Agenda } from '../domain/agenda.ts';
import { InvalidInput } from '../domain/errors.ts';
import { readAgenda, readInput, MAX_INPUT_BYTES } from '../importer/read-input.ts';
import { importAgenda } from '../operations/import-agenda.ts';
import { parseFileCommand, usageError } from './args.ts';
import { openMigrated } from './open.ts';
import { forTerminal } from './terminal.ts';

export const HELP = `usage: plenary import FILE [options]

  --json                 print the agenda as read (agenda.schema.json) and store nothing
  --report               print a readable table of what was read, with warnings, and store nothing
  --series SLUG          the series to store into (created if new; needs --series-title)
  --series-title TITLE   the series' title
  --convener NAME        the organization that convenes the series (matched to a stored one by name)
  --event SLUG           the event to create or update
  --title TITLE          the event's title
  --time-zone ZONE       the venue's IANA time zone, e.g. America/New_York
  --venue TEXT           the venue
  --address TEXT         the venue's street and number
  --city TEXT            the city
  --contact-email EMAIL  the event's contact address (the calendars' ORGANIZER)
  --start-date DATE      YYYY-MM-DD, for agendas whose days carry no date
  --publish              publish what is stored as the event's next release, in the same step
                         (without it the import goes into the working copy and the public sees
                         nothing of it until \`plenary publish\` or the workspace's Publish)
  --note TEXT            the release's note, with --publish
  --status STATUS        published is the same as --publish; draft (the default) publishes nothing
  --lang LANG            the language of the page: en, fr or es (default en)`;

export async function readAgendaFile(file: string): Promise<Agenda> {
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  if (!info.isFile()) throw new InvalidInput(`${file} is not a file`);
  if (info.size > MAX_INPUT_BYTES) await readInput(new Uint8Array(info.size), file); // throws the size message without reading it all
  return readAgenda(await readFile(file), file);
}

function report(agenda: Agenda): string {
  const out: string[] = [];
  const count = agenda.days.reduce((n, d) => n + d.sessions.length, 0);
  out.push(`${agenda.days.length} days, ${count} sessions, ${agenda.warnings.length} warnings`);
  for (const d of agenda.days) {
    out.push('', `${d.date ?? '????-??-??'}  ${d.label ?? ''}`);
    for (const s of d.sessions) {
      const time = `${s.start ?? '--:--'}-${s.end ?? '--:--'}`;
      out.push(`  ${time}  [${s.kind}${s.number !== null ? ` ${s.number}` : ''}] ${s.title ?? '(no title)'}`);
      for (const [role, list] of [['moderator', s.moderators], ['speaker', s.speakers]] as const) {
        for (const p of list) {
          const aff = [p.position, p.organization, p.country && `${p.country}${p.countryCode ? ` (${p.countryCode})` : ''}`].filter(Boolean).join(' | ');
          const mats = p.materials.length ? `  {${p.materials.map((m) => m.label).join(', ')}}` : '';
          out.push(`      ${(p.roleLabel ?? role).padEnd(12)} ${p.honorific ? `${p.honorific} ` : ''}${p.name} — ${aff || '(no affiliation)'}${mats}`);
        }
      }
    }
  }
  if (agenda.warnings.length) {
    out.push('', 'warnings:');
    for (const w of agenda.warnings) out.push(`  line ${w.line}: ${w.message}: ${w.text}`);
  }
  return out.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseFileCommand(argv, HELP, {
    json: { type: 'boolean' },
    report: { type: 'boolean' },
    series: { type: 'string' },
    'series-title': { type: 'string' },
    convener: { type: 'string' },
    event: { type: 'string' },
    title: { type: 'string' },
    'time-zone': { type: 'string' },
    venue: { type: 'string' },
    address: { type: 'string' },
    city: { type: 'string' },
    'contact-email': { type: 'string' },
    'start-date': { type: 'string' },
    status: { type: 'string' },
    publish: { type: 'boolean' },
    note: { type: 'string' },
    lang: { type: 'string' },
  } as const);
  if (!args) return 0;
  const { file, values: o } = args;
  const agenda = await readAgendaFile(file);

  if (o.json) {
    console.log(JSON.stringify({ source: basename(file), ...agenda }, null, 2));
    return 0;
  }
  if (o.report) {
    console.log(forTerminal(report(agenda)));
    return 0;
  }
  if (!o.series || !o.event) throw usageError('to store an agenda, name its --series and --event (or use --json or --report)', HELP);
  if (o.status !== undefined && o.status !== 'draft' && o.status !== 'published') throw usageError(`--status must be draft or published, not "${o.status}"`, HELP);
  if (o.note !== undefined && !o.publish && o.status !== 'published') throw usageError('--note is the note of a release: give it with --publish', HELP);
  const publish = o.publish === true || o.status === 'published';
  const storage = await openMigrated(loadConfig());
  try {
    const r = await importAgenda(storage, agenda, {
      series: { slug: o.series, ...(o['series-title'] ? { title: o['series-title'] } : {}), ...(o.convener !== undefined ? { convener: o.convener } : {}) },
      event: {
        slug: o.event,
        ...(o.title ? { title: o.title } : {}),
        ...(o['time-zone'] ? { timeZone: o['time-zone'] } : {}),
        ...(o.venue ? { venue: o.venue } : {}),
        ...(o.address !== undefined ? { address: o.address } : {}),
        ...(o['contact-email'] !== undefined ? { contactEmail: o['contact-email'] } : {}),
        ...(o.city ? { city: o.city } : {}),
        ...(o['start-date'] ? { startDate: o['start-date'] } : {}),
        ...(o.lang ? { lang: o.lang as 'en' } : {}),
      },
    }, { publish, note: o.note ?? null });
    console.log(forTerminal(
      [
        `series ${r.series.slug}: ${r.series.created ? 'created' : 'existing'}`,
        `event ${r.event.slug}: ${r.event.created ? 'created' : 'updated'} (${r.event.status}, ${r.event.startDate} to ${r.event.endDate})`,
        `days: ${r.days}`,
        `sessions: ${r.sessions.created} created, ${r.sessions.updated} updated, ${r.sessions.removed} removed`,
        `appearances: ${r.appearances.created} created, ${r.appearances.updated} updated, ${r.appearances.removed} removed`,
        `persons: ${r.persons.created} created, ${r.persons.matched} matched`,
        `organizations: ${r.organizations.created} created, ${r.organizations.matched} matched`,
        r.release
          ? r.release.changed
            ? `published: release ${r.release.number}`
            : `published: nothing changed since release ${r.release.number}`
          : `not published: stored in the working copy (publish with: plenary publish --event ${r.event.slug})`,
        ...r.kept.map((k) => `not overwritten: ${k}`),
        ...r.doubtful.map((d) => `doubtful: ${d}`),
        ...[...agenda.warnings.map((w) => `warning: line ${w.line}: ${w.message}: ${w.text}`), ...r.warnings.map((w) => `warning: ${w}`)],
      ].join('\n'),
    ));
    return 0;
  } finally {
    await storage.close();
  }
}

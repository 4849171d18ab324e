// `plenary publication compile --event SLUG` (or `--series SLUG --year YYYY`): compiles the
// publication from the published records and freezes its next edition; prints its URL and SHA-256.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { ensurePublication, freezeEdition } from '../operations/publications.ts';
import { publicationOptions } from '../web/views/publication-words.ts';
import { listeningUrl } from '../web/server.ts';
import { usageError } from './args.ts';
import { openMigrated } from './open.ts';
import { forTerminal } from './terminal.ts';

export const HELP = `usage: plenary publication compile --event SLUG [--note TEXT]
       plenary publication compile --series SLUG --year YYYY [--note TEXT]

  --event SLUG    the publication of one published event
  --series SLUG   with --year: one volume of every event of the series published that year
  --year YYYY     the year (events that start in it)
  --note TEXT     what changed since the edition before (needed from the second edition on)

Freezes the next edition (its HTML and PDF never change afterwards) and prints its permanent
address and the SHA-256 of its PDF and HTML. Made from what the public sees: an event must be
published first (plenary publish --event SLUG).`;

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { event: { type: 'string' }, series: { type: 'string' }, year: { type: 'string' }, note: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw usageError((e as Error).message, HELP);
  }
  const { values, positionals } = parsed;
  const refuse = (message: string) => {
    console.error(forTerminal(`plenary publication: ${message}\n\n${HELP}`));
    return 2;
  };
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals[0] !== 'compile' || positionals.length !== 1) return refuse(positionals.length ? `unknown subcommand "${positionals.join(' ')}"` : 'say what to do: compile');
  if (values.event && (values.series || values.year)) return refuse('give --event SLUG, or --series SLUG with --year YYYY, not both');
  if (!values.event && !(values.series && values.year)) return refuse(values.series ? '--year YYYY is missing' : values.year ? '--series SLUG is missing' : '--event SLUG (or --series SLUG --year YYYY) is missing');
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) return refuse(`--year must be a year of four digits such as 2017, not "${values.year}"`);
  const config = loadConfig();
  const storage = await openMigrated(config);
  try {
    let pub;
    let edition;
    try {
      pub = await ensurePublication(storage, values.event ? { event: values.event } : { series: values.series!, year: Number(values.year) });
      edition = await freezeEdition(storage, pub.id, { ...publicationOptions(config.publicUrl ?? listeningUrl(config.host, config.port), pub.lang), note: values.note ?? null });
    } catch (e) {
      // An unknown slug, an unpublished event or a second edition without its note is a mistake in
      // what was asked: exit code 2, and nothing was stored.
      if (e instanceof Error && 'code' in e && (e.code === 'not_found' || e.code === 'invalid_input')) {
        console.error(forTerminal(`plenary publication: ${e.message}`));
        return 2;
      }
      throw e;
    }
    const m = edition.metadata;
    console.log(forTerminal(`publication ${pub.slug}: edition ${edition.number} frozen`));
    console.log(forTerminal(`url: ${m.url}`));
    console.log(forTerminal(`pdf: ${m.pdfUrl}`));
    console.log(`pdf sha256: ${m.pdfSha256}`);
    console.log(`html sha256: ${m.htmlSha256}`);
    return 0;
  } finally {
    await storage.close();
  }
}

// `plenary COMMAND …`: one file per command.
import { PlenaryError } from '../domain/errors.ts';
import { forTerminal } from './terminal.ts';

const USAGE = `usage: plenary COMMAND [options]

commands:
  serve                    serve the site (PORT, DATABASE_URL; see README)
  import FILE [options]    read an agenda page; --json prints it, otherwise it is stored
  publish --event SLUG     publish an event's working copy as its next release (--note TEXT)
  publication compile --event SLUG | --series SLUG --year YYYY
                           freeze the next edition of a publication (HTML and PDF); prints its URL and SHA-256
  migrate                  bring the database schema up to date
  backup FILE [--force]    write every table, stored files included, into FILE (.tar.gz)
  restore FILE             load a backup into an empty database, keeping every id
  user add|list|disable|enable|reset-password
                           accounts of the workspace (see "plenary user --help")
  files check              stored files no material points to (exits 1 when there are any)
  search rebuild           make the search index again and read stored files' text
  demo-archive --events N  fill the database with a synthetic archive for benchmarks (--seed S)

run "plenary COMMAND --help" for a command's options`;

/** Each command's module: its usage (printed for --help / -h, before anything is opened) and what it does. */
type Command = { HELP: string; run(argv: string[]): Promise<number> };

const commands: Record<string, () => Promise<Command>> = {
  serve: () => import('./serve.ts'),
  import: () => import('./import.ts'),
  publish: () => import('./publish.ts'),
  publication: () => import('./publication.ts'),
  migrate: () => import('./migrate.ts'),
  backup: () => import('./backup.ts'),
  restore: () => import('./restore.ts'),
  user: () => import('./user.ts'),
  files: () => import('./files.ts'),
  search: () => import('./search.ts'),
  'demo-archive': () => import('./demo-archive.ts'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`plenary: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const command = await load();
  // Every command answers --help and -h with its usage and touches no database (before a lone `--`, after which words are operands).
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('--help') || options.includes('-h')) {
    console.log(command.HELP);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    // Messages may quote a file name or a stored name: shown so that nothing in them acts on the terminal.
    if (err instanceof PlenaryError || (err instanceof Error && err.name === 'UsageError')) console.error(`plenary: ${forTerminal(err.message)}`);
    else console.error(`plenary: ${forTerminal(err instanceof Error ? (err.stack ?? err.message) : String(err))}`);
    process.exitCode = 1;
  },
);

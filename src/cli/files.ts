// `plenary files check`: lists stored files that no material points to, and damaged ones.
// Exits 1 when there is any, so that a scheduled check can alert on it; 0 when all is well.
import { loadConfig } from '../config.ts';
import { checkFiles } from '../operations/files-check.ts';
import { openStorage } from '../storage/storage.ts';
import { forTerminal } from './terminal.ts';

const USAGE = `usage: plenary files check

  Lists stored files that no material points to (id, size, media type, original name), and
  files whose stored chunks do not add up to their size. Exits 1 when it lists any, 0 otherwise.`;

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (argv.length !== 1 || argv[0] !== 'check') {
    console.error(`plenary files: expected "check"\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const storage = await openStorage(config.databaseUrl);
  try {
    const report = await checkFiles(storage);
    for (const f of report.unlinked) console.log(forTerminal(`unlinked ${f.id} ${f.size} bytes ${f.mediaType} ${f.originalName ?? '(no name)'}`));
    for (const d of report.damaged) console.log(forTerminal(`damaged ${d.id}: ${d.detail}`));
    const n = report.unlinked.length;
    console.log(`${n} ${n === 1 ? 'file' : 'files'} no material points to; ${report.damaged.length} damaged`);
    return n || report.damaged.length ? 1 : 0;
  } finally {
    await storage.close();
  }
}

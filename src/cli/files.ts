// `plenary files check`: lists stored files that no material points to, and damaged ones.
// Exits 1 when there is any, so that a scheduled check can alert on it; 0 when all is well.
import { loadConfig } from '../config.ts';
import { checkFiles, removeUnlinked } from '../operations/files-check.ts';
import { openStorage } from '../storage/storage.ts';
import { forTerminal } from './terminal.ts';

export const HELP = `usage: plenary files check [--remove-unlinked]

  Lists stored files that no material points to (id, size, media type, original name), and
  files whose stored chunks do not add up to their size. Exits 1 when it lists any, 0 otherwise.
  --remove-unlinked deletes the files no material points to (with their resized copies), each
  checked again as it goes, and exits 0 unless damaged files remain.`;

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    console.log(HELP);
    return 0;
  }
  const remove = argv[1] === '--remove-unlinked';
  if (argv[0] !== 'check' || argv.length > 2 || (argv.length === 2 && !remove)) {
    console.error(`plenary files: expected "check" or "check --remove-unlinked"\n\n${HELP}`);
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
    if (remove && n) {
      const removed = await removeUnlinked(storage, report.unlinked.map((f) => f.id));
      console.log(`removed ${removed} ${removed === 1 ? 'file' : 'files'}`);
      return report.damaged.length ? 1 : 0;
    }
    return n || report.damaged.length ? 1 : 0;
  } finally {
    await storage.close();
  }
}

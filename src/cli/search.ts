// `plenary search rebuild`: makes the search index again from what the public sees, then reads
// every stored PDF and Word file whose text is not yet known (the queue `plenary serve` works
// through), printing its progress on one line.
import { loadConfig } from '../config.ts';
import { countDocs, drainFileTexts, fileTextCounts, rebuildIndex } from '../operations/search.ts';
import { openMigrated } from './open.ts';

export const HELP = `usage: plenary search rebuild

  Makes the search index again from the published events, the persons and organizations they
  name, and the text read from stored files; then reads the stored PDF and Word files whose text
  is not known yet (as the server's worker does). The index is not in backups: a restore makes it
  again by itself; run this after changing how search folds or stems words.`;

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    console.log(HELP);
    return 0;
  }
  if (argv[0] !== 'rebuild' || argv.length > 1) {
    console.error(`plenary search: expected "rebuild"\n\n${HELP}`);
    return 2;
  }
  const tty = process.stdout.isTTY;
  const line = (text: string, done = false) => {
    if (tty) process.stdout.write(`\r\x1b[K${text}${done ? '\n' : ''}`);
    else if (done) console.log(text);
  };
  const storage = await openMigrated(loadConfig());
  try {
    const started = Date.now();
    let last = 0;
    const docs = await rebuildIndex(storage, (p) => {
      const now = Date.now();
      if ((p.phase === 'events' || p.phase === 'counting') && now - last < 200 && p.eventsDone < p.events) return;
      last = now;
      if (p.phase === 'counting') line(`search: counting words in ${p.eventsDone}/${p.events} published events (to choose the common ones)`);
      else line(`search: indexed ${p.eventsDone}/${p.events} published events, ${p.docs} documents`);
    });
    line(`search: indexed ${docs} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`, true);
    const waiting = (await fileTextCounts(storage.db)).pending ?? 0;
    const read = await drainFileTexts(storage, (n) => line(`search: read ${n}/${waiting} stored files`));
    const counts = await fileTextCounts(storage.db);
    line(`search: read ${read} stored ${read === 1 ? 'file' : 'files'} (${counts.done ?? 0} with text, ${counts.failed ?? 0} unreadable); ${await countDocs(storage.db)} documents in the index`, true);
    return 0;
  } finally {
    await storage.close();
  }
}

// `plenary files check`: stored files that no material links to (left by an interrupted edit, or
// by a material removed outside the workspace), and files whose chunks do not add up to their size.
import { damagedFileChunks, deleteFileIfUnused, type StoredFile, unlinkedFiles } from '../storage/queries/files.ts';
import { write } from '../storage/write.ts';
import type { Storage } from '../storage/storage.ts';

export type FilesReport = { unlinked: StoredFile[]; damaged: Array<{ id: string; detail: string }> };

export async function checkFiles(storage: Storage): Promise<FilesReport> {
  return { unlinked: await unlinkedFiles(storage.db), damaged: await damagedFileChunks(storage.db) };
}

/** Deletes files no material points to, each checked again inside the write (one may have been linked since); how many went. */
export async function removeUnlinked(storage: Storage, ids: string[]): Promise<number> {
  let removed = 0;
  for (const id of ids) {
    await write(storage, async (trx, scope) => {
      scope.noEvent();
      if (await deleteFileIfUnused(trx, id)) removed++;
    });
  }
  return removed;
}

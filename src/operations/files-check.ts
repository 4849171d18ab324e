// `plenary files check`: stored files that no material links to (left by an interrupted edit, or
// by a material removed outside the workspace), and files whose chunks do not add up to their size.
import { damagedFileChunks, type StoredFile, unlinkedFiles } from '../storage/queries/files.ts';
import type { Storage } from '../storage/storage.ts';

export type FilesReport = { unlinked: StoredFile[]; damaged: Array<{ id: string; detail: string }> };

export async function checkFiles(storage: Storage): Promise<FilesReport> {
  return { unlinked: await unlinkedFiles(storage.db), damaged: await damagedFileChunks(storage.db) };
}

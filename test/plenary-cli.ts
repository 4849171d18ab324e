// Runs `plenary …` as a user does: the real entry point in a child process, on a database
// given by its address, with what it printed and its exit code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type CliResult = { code: number | null; out: string; err: string };

export function runPlenary(args: string[], databaseUrl: string, opts: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, ['bin/plenary.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, DATABASE_URL: databaseUrl, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

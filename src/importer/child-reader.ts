// Readers of untrusted documents (pdf.js, mammoth) run in a child process of their own, held to
// a memory and a time limit. A few KB of PDF or Word can expand to gigabytes in ways no scan of
// the bytes catches, and a reader's buffers may live outside the JavaScript heap; in a process
// of its own the parent can watch its resident memory and its time, and stop it.
import { fork, type Serializable } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { InvalidInput } from '../domain/errors.ts';

/**
 * What reading one document may take: the child is stopped when its resident memory passes
 * `maxMemoryMb` (read from /proc every 20 ms; where there is no /proc only the JavaScript heap
 * is capped, at the same figure) or when it takes longer than `timeoutMs`.
 */
export type ReaderLimits = { maxMemoryMb: number; timeoutMs: number };

/** What a child answers: its result, or why it could not read the document. */
export type ChildAnswer<T> = { ok: true; result: T } | { ok: false; invalid: boolean; message: string };

/** The resident memory of a process in bytes, or null where /proc does not tell. */
function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Sends `message` to the child module `child` and waits for its answer. `what` names the
 * format in messages ("a PDF", "a Word document"). Over a limit, the answer is an InvalidInput
 * that says so; an answer marked invalid is an InvalidInput with the child's message.
 */
export function readInChild<T>(child: string, message: Serializable, name: string, what: string, limits: ReaderLimits): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = fork(child, [], {
      execArgv: [`--max-old-space-size=${limits.maxMemoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    proc.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-2000);
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      outcome();
    };
    const tooBig = () =>
      new InvalidInput(`${name} needs more than ${limits.maxMemoryMb} MB of memory to read as ${what}: it holds data that expands far beyond its size; an agenda needs a few MB`);
    const timer = setTimeout(
      () => settle(() => reject(new InvalidInput(`${name} took longer than ${limits.timeoutMs / 1000} s to read as ${what}; an agenda reads in a second or two`))),
      limits.timeoutMs,
    );
    const limit = limits.maxMemoryMb * 1024 * 1024;
    const watch = setInterval(() => {
      const rss = proc.pid === undefined ? null : residentBytes(proc.pid);
      if (rss !== null && rss > limit) settle(() => reject(tooBig()));
    }, 20);
    proc.once('message', (m: ChildAnswer<T>) =>
      settle(() => (m.ok ? resolve(m.result) : reject(m.invalid ? new InvalidInput(m.message) : new Error(m.message)))),
    );
    proc.once('error', (e) => settle(() => reject(e)));
    proc.once('exit', (code, signal) => {
      const heap = /heap out of memory|Allocation failed/i.test(stderr);
      settle(() =>
        reject(
          heap
            ? tooBig()
            : new Error(`the reader stopped (${signal ?? `exit code ${code}`}) before answering${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`),
        ),
      );
    });
    proc.send(message);
  });
}

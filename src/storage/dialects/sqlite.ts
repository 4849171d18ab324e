// The embedded engine: one file, WAL, foreign keys on.
import { mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { Conflict } from '../../domain/errors.ts';
import type { Database } from '../database.ts';
import { InvalidationLog, parseInvalidationEvents, type Storage } from '../generation.ts';

/**
 * How long a write waits for another process's write to finish (an import, a restore) before
 * it gives up with a Conflict that says so. Importing the longest agenda takes a few seconds
 * (bench/import-orgs.ts); a restore of a large archive may take longer, and then the message
 * is the right answer.
 */
export const WRITE_WAIT_MS = 60_000;
/** What a single statement may wait for a lock, inside SQLite (synchronously). */
const STATEMENT_BUSY_MS = 5_000;
/**
 * A waiting writer asks for the lock again at most this long after its last try (2, 4, 8, then every
 * 10 ms). An import lets go of the lock for IMPORT_HANDOFF_MS between its transactions (storage/write.ts),
 * longer than this, so that a waiting save gets its turn there instead of waiting out the whole import.
 * One try costs microseconds.
 */
export const WRITE_POLL_MAX_MS = 10;
export const IMPORT_HANDOFF_MS = 15;
/**
 * A window of 15 ms is missed by a waiting process that the machine does not run in time (two cores at
 * load 11: a save missed four in a row, then waited out the event's transaction, 1.05 s in all;
 * bench:editor-wait). So a writer that found the lock taken says so in a file beside the database
 * (`<file>-waiting-<pid>`, touched at each try, removed once it has the lock), and an import, after each
 * of its transactions, also waits while such a file was touched within WAITER_FRESH_MS, at most
 * HANDOFF_MAX_MS: the waiting save takes the lock before the import's next transaction.
 */
export const HANDOFF_MAX_MS = 400;
const WAITER_FRESH_MS = 150;
/** A waiting file untouched this long was left by a process that ended while it waited: removed. */
const WAITER_STALE_MS = 60_000;

/** The writers of this process waiting for the lock, said to other processes by one file (none for :memory:). */
class Waiters {
  private count = 0;
  private readonly file: string;
  constructor(private readonly path: string) {
    this.file = `${path}-waiting-${process.pid}`;
  }
  /** Called at each try that found the lock taken (the first one counts this writer in). */
  touch(first: boolean): void {
    if (first) this.count++;
    try {
      writeFileSync(this.file, '');
    } catch {
      // Only a hint to other processes: a directory that refuses it changes nothing else.
    }
  }
  /** This writer has the lock, or stopped waiting. */
  leave(): void {
    if (--this.count > 0) return;
    try {
      unlinkSync(this.file);
    } catch {
      // already gone (or never made)
    }
  }
  /** Whether a writer of any process (this one too) tried for the lock within WAITER_FRESH_MS. */
  anyWaiting(): boolean {
    const dir = dirname(this.path);
    const prefix = `${basename(this.path)}-waiting-`;
    const now = Date.now();
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.startsWith(prefix));
    } catch {
      return false;
    }
    let waiting = false;
    for (const n of names) {
      try {
        const age = now - statSync(join(dir, n)).mtimeMs;
        if (age <= WAITER_FRESH_MS) waiting = true;
        else if (age > WAITER_STALE_MS) unlinkSync(join(dir, n));
      } catch {
        // removed meanwhile by its writer
      }
    }
    return waiting;
  }
}

const isBusy = (e: unknown) => typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');
/**
 * How often a busy server re-reads the shared generation. One read costs 12–15 µs (a read
 * transaction takes the WAL index's locks with fcntl): once a millisecond it was 2% of a core
 * under wrk (a CPU profile of bench:pages); once every 5 ms it is under half a percent, and
 * another process's write still shows within 5 ms. This process's own writes show at once.
 */
export const GENERATION_READ_MS = 5;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many prepared statements a connection keeps, the least recently used dropped first. */
const STATEMENTS_KEPT = 500;

/**
 * The database as Kysely sees it, its statements prepared once per SQL text and kept: Kysely asks
 * for a new one on every query, and preparing cost about 0.14 ms, 13 ms of a person's calendar
 * (92 statements). SQLite prepares a kept statement again by itself when the schema changes; one
 * that is still being iterated (busy) is not handed out twice.
 */
function preparedOnce(raw: BetterSqlite3.Database): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      const found = kept.get(sql);
      if (found && !found.busy) {
        kept.delete(sql);
        kept.set(sql, found);
        return found;
      }
      const statement = raw.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). A plain BEGIN reads
 * first and asks for the lock at its first write; if another process committed meanwhile,
 * SQLite fails at once with SQLITE_BUSY instead of waiting out busy_timeout. Read-only
 * transactions (backups) begin deferred: WAL gives them a snapshot at their first read and
 * writers go on meanwhile.
 *
 * A writer waits for the lock here, asking again at growing intervals, rather than in SQLite's
 * busy handler: that one sleeps inside the call and would stop every request of a server for
 * as long as another process writes. Past `writeWaitMs` it fails with a clear Conflict, never
 * a raw "database is locked". SQLite's lock is not fair: a process that commits and begins again at
 * once would take it back before a waiter's next try, so imports pause between their transactions.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly writeWaitMs: number,
    private readonly waiters: Waiters | null,
  ) {
    super({ database: preparedOnce(raw) });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection, settings) => {
      if (settings.accessMode === 'read only') {
        await connection.executeQuery(CompiledQuery.raw('begin'));
        return;
      }
      const deadline = Date.now() + this.writeWaitMs;
      let waited = false;
      try {
        for (let wait = 2; ; wait = Math.min(wait * 2, WRITE_POLL_MAX_MS)) {
          // Each attempt asks once; the waiting is done between attempts, without blocking.
          this.raw.pragma('busy_timeout = 0');
          try {
            await connection.executeQuery(CompiledQuery.raw('begin immediate'));
            return;
          } catch (e) {
            if (!isBusy(e)) throw e;
          } finally {
            this.raw.pragma(`busy_timeout = ${STATEMENT_BUSY_MS}`);
          }
          // Said to an import between its transactions (handoff()), so that it waits for this writer's turn.
          this.waiters?.touch(!waited);
          waited = true;
          const left = deadline - Date.now();
          if (left <= 0) {
            throw new Conflict(
              `another write is in progress on this database (an import or a restore in another process) and did not finish within ${this.writeWaitMs / 1000} s; try again when it has`,
            );
          }
          await pause(Math.min(wait, left));
        }
      } finally {
        if (waited) this.waiters?.leave();
      }
    };
    return driver;
  }
}

export function openSqlite(path: string, opts: { writeWaitMs?: number } = {}): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // The busy timeout is set before anything else, so that even switching a new file to WAL waits.
  const raw = new BetterSqlite3(path, { timeout: STATEMENT_BUSY_MS });
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  // A common word's full-text entries are megabytes on a large archive (bench:search): read through
  // SQLite's default 2 MB page cache, every search read them again from the file. 64 MB.
  // No mmap (it was 1 GB): after another process's write (another worker, an import, a CLI) a
  // connection drops its cache, and with a mapping it also unmaps the file and faults every page in
  // again: a person's page then spent 86 ms in SQL instead of 15, a point lookup 13 ms instead of
  // 0.2 (bench:cold, 1,000 events). Warm, reads cost the same either way.
  raw.pragma('cache_size = -65536');
  raw.pragma('mmap_size = 0');
  const waiters = path === ':memory:' ? null : new Waiters(path);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(raw, opts.writeWaitMs ?? WRITE_WAIT_MS, waiters) });
  // Other processes may share the file, so the counter is read from it, at most once every
  // GENERATION_READ_MS (by the clock; another process's write shows at most that much later). A cache hit
  // only compares the clock: it schedules nothing (no setImmediate, no timer). A write in this
  // process sets it at once, so the next request after it always sees it.
  let readGeneration: BetterSqlite3.Statement<[], number> | null = null;
  // What the writes in between changed is read from cache_invalidation when the cache asks.
  let readInvalidations: BetterSqlite3.Statement<[number, number], { generation: number; events: string | null }> | null = null;
  const log = new InvalidationLog();
  let known = 0;
  let readAt = -Infinity;
  return {
    engine: 'sqlite',
    db,
    async handoff() {
      await pause(IMPORT_HANDOFF_MS);
      if (!waiters) return;
      const until = Date.now() + HANDOFF_MAX_MS - IMPORT_HANDOFF_MS;
      while (Date.now() < until && waiters.anyWaiting()) await pause(2);
    },
    generation: {
      current() {
        if (!readGeneration) return known;
        const now = performance.now();
        if (now - readAt < GENERATION_READ_MS) return known;
        readAt = now;
        known = readGeneration.get() ?? 0;
        return known;
      },
      async start() {
        readGeneration = raw.prepare<[], number>("SELECT value FROM site_state WHERE key = 'generation'").pluck();
        readInvalidations = raw.prepare('SELECT generation, events FROM cache_invalidation WHERE generation > ? AND generation <= ? ORDER BY generation');
      },
      noteLocalWrite(value: number, events: readonly number[] | null = null) {
        log.record(value, events);
        known = value;
      },
      changedSince(since: number, upTo: number) {
        const missing = log.missing(since, upTo);
        if (missing.length && readInvalidations) {
          for (const r of readInvalidations.all(missing[0]! - 1, upTo)) log.record(Number(r.generation), parseInvalidationEvents(r.events));
        }
        return log.changedSince(since, upTo);
      },
    },
    async close() {
      await db.destroy();
    },
  };
}

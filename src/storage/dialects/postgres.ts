// The production engine. Instances learn of each other's writes through LISTEN/NOTIFY,
// with a periodic re-read as a safety net for a dropped listener connection.
//
// Connections get lost: a database restart, a failover, idle_session_timeout or an operator's
// pg_terminate_backend. A lost connection is logged, dropped and replaced; it never stops the
// process (an 'error' event without a listener would).
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.ts';
import { GENERATION_CHANNEL, InvalidationLog, parseInvalidationEvents, type Storage } from '../generation.ts';

// int8 (count(*), sums) arrives as a string by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** How our connections show in pg_stat_activity (a DATABASE_URL that names its own wins). */
export const APPLICATION_NAME = 'plenary';
export const LISTENER_APPLICATION_NAME = 'plenary-listen';

const FIRST_RECONNECT_MS = 250;
const MAX_RECONNECT_MS = 30_000;

export function openPostgres(url: string, pollMs = 1000): Storage {
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: APPLICATION_NAME });
  // A client in use has no listener of the pool's: each gets its own, for its whole life. It
  // speaks once per client, as pg emits 'error' twice for one loss (the server's message, then
  // the closed socket). The pool drops the client itself: at once when idle (then the pool
  // emits 'error' too, answered below), or when it is released, since it is no longer queryable.
  pool.on('connect', (client) => {
    let reported = false;
    client.on('error', (err: Error) => {
      if (reported) return;
      reported = true;
      console.error(`plenary: database connection lost (${err.message}); it is dropped and a new one is opened when needed`);
    });
  });
  pool.on('error', () => {
    // Already reported by the client's own listener above; without this one the pool's
    // 'error' event would be unhandled and stop the process.
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let known = 0;
  let listener: pg.Client | null = null;
  let pendingReconnect: NodeJS.Timeout | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  // A notification only says "something changed": the channel is shared by every schema in the
  // database, so the value is always read back from this instance's own table.
  const log = new InvalidationLog();
  const reread = async () => {
    const r = await sql<{ value: number }>`SELECT value FROM site_state WHERE key = 'generation'`.execute(db);
    const value = Number(r.rows[0]?.value ?? 0);
    if (value > known) {
      // What the writes in between changed, read before the new generation is made known, so
      // that the page cache finds it when it sees the generation move (every row up to `value`
      // committed with its generation, so none is missing unless it was pruned).
      const from = Math.max(known, value - 4096);
      const rows = await sql<{ generation: string | number; events: string | null }>`
        SELECT generation, events FROM cache_invalidation WHERE generation > ${from} AND generation <= ${value}`.execute(db);
      for (const row of rows.rows) log.record(Number(row.generation), parseInvalidationEvents(row.events));
    }
    // The counter only grows: a read that started before a commit must not undo what it saw.
    known = Math.max(known, value);
  };
  const rereadLogged = () => (stopped ? Promise.resolve() : reread().catch((e: Error) => !stopped && console.error(`plenary: cache generation re-read failed: ${e.message}`)));

  /** One attempt at a time: a loss that is reported twice, or a loss during an attempt, schedules one. */
  const reconnect = (ms: number) => {
    if (stopped || pendingReconnect) return;
    pendingReconnect = setTimeout(() => {
      pendingReconnect = null;
      listen()
        // Notifications sent while no one listened are lost: read what they would have said.
        .then(rereadLogged)
        .catch((e: Error) => {
          if (stopped) return;
          const next = Math.min(ms * 2, MAX_RECONNECT_MS);
          console.error(`plenary: cache listener could not reconnect (${e.message}); trying again in ${next} ms`);
          reconnect(next);
        });
    }, ms);
    pendingReconnect.unref();
  };

  const listen = async () => {
    const client = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME });
    let lost = false;
    // Called for the first of the 'error' and 'end' events a loss brings; the rest are ignored
    // (the listeners stay, so a late 'error' still has one). The old client is ended so its
    // socket is freed, and exactly one new connection is asked for.
    const onLost = (cause: string) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      if (listener === client) listener = null;
      // The socket is already gone; ending only releases what the client holds, and cannot fail in a way we could act on.
      client.end().catch(() => undefined);
      if (stopped) return;
      // The poll keeps pages fresh meanwhile.
      console.error(`plenary: cache listener lost its connection (${cause}); reconnecting in ${FIRST_RECONNECT_MS} ms`);
      reconnect(FIRST_RECONNECT_MS);
    };
    client.on('error', (err: Error) => onLost(err.message));
    client.on('end', () => onLost('connection closed'));
    client.on('notification', () => void rereadLogged());
    try {
      await client.connect();
      await client.query(`LISTEN ${GENERATION_CHANNEL}`);
    } catch (e) {
      // Not lost: never had. The caller reports it and tries again.
      lost = true;
      client.end().catch(() => undefined);
      throw e;
    }
    if (lost) throw new Error('the connection was lost while it was being set up');
    if (stopped) {
      lost = true;
      await client.end();
      return;
    }
    listener = client;
  };

  return {
    engine: 'postgres',
    db,
    generation: {
      current: () => known,
      async start() {
        await listen();
        await reread();
        timer = setInterval(() => void rereadLogged(), pollMs);
        timer.unref();
      },
      noteLocalWrite(v: number, events: readonly number[] | null = null) {
        log.record(v, events);
        known = Math.max(known, v);
      },
      changedSince: (since: number, upTo: number) => log.changedSince(since, upTo),
    },
    async close() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (pendingReconnect) clearTimeout(pendingReconnect);
      const l = listener;
      listener = null;
      if (l) await l.end();
      await db.destroy();
    },
  };
}

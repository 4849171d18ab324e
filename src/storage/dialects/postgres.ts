// The production engine. Instances learn of each other's writes through LISTEN/NOTIFY,
// with a periodic re-read as a safety net for a dropped listener connection.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.ts';
import { GENERATION_CHANNEL, type Storage } from '../storage.ts';

// int8 (count(*), sums) arrives as a string by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openPostgres(url: string, pollMs = 1000): Storage {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let known = 0;
  let listener: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  // A notification only says "something changed": the channel is shared by every schema in the
  // database, so the value is always read back from this instance's own table.
  const reread = async () => {
    const r = await sql<{ value: number }>`SELECT value FROM site_state WHERE key = 'generation'`.execute(db);
    // The counter only grows: a read that started before a commit must not undo what it saw.
    known = Math.max(known, Number(r.rows[0]?.value ?? 0));
  };
  const rereadLogged = () => (stopped ? Promise.resolve() : reread().catch((e: Error) => !stopped && console.error(`plenary: cache generation re-read failed: ${e.message}`)));

  const reconnect = (ms: number) => {
    if (stopped) return;
    setTimeout(() => {
      listen()
        .then(rereadLogged)
        .catch((e: Error) => {
          console.error(`plenary: cache listener could not reconnect (${e.message}); trying again in ${Math.min(ms * 2, 30_000)} ms`);
          reconnect(Math.min(ms * 2, 30_000));
        });
    }, ms).unref();
  };

  const listen = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', () => void rereadLogged());
    client.on('error', (err) => {
      // The poll keeps pages fresh meanwhile; reconnect with a growing pause until it works.
      console.error(`plenary: cache listener lost its connection (${err.message}); reconnecting`);
      listener = null;
      reconnect(1000);
    });
    await client.connect();
    await client.query(`LISTEN ${GENERATION_CHANNEL}`);
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
      noteLocalWrite(v: number) {
        known = Math.max(known, v);
      },
    },
    async close() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (listener) await listener.end();
      await db.destroy();
    },
  };
}

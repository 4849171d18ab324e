// npm run bench:identity-reindex — how long the search index's upkeep holds the write for an
// organization's edits and for an event's publish (issue 9), on a COPY of an archive
// (BENCH_DB, default /work/bench-data/archive-1000.db), or on BENCH_URL (a PostgreSQL database
// given for it: it is changed and left changed). The largest organization
// (by published appearances) is renamed, renamed back, its kind changed and changed back through
// the form (saveForm: one write each); then the largest published event's documents are made
// again in one write (reindexEvent, as a publish does). Prints each write's time and the load.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { saveForm } from '../src/operations/edit-record.ts';
import { namedByEvent, reindexEvent } from '../src/storage/queries/search.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';

const SRC = process.env.BENCH_DB ?? '/work/bench-data/archive-1000.db';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
const dir = mkdtempSync(join(tmpdir(), 'plenary-reindex-'));
const db = join(dir, 'copy.db');
if (!process.env.BENCH_URL) {
  copyFileSync(SRC, db);
  for (const x of ['-wal', '-shm']) if (existsSync(SRC + x)) copyFileSync(SRC + x, db + x);
}
const storage = await openStorage(process.env.BENCH_URL ?? `sqlite:${db}`);
try {
  const now = new Date().toISOString();
  const acc = await storage.db.insertInto('account').values({ email: `bench-${Date.now()}@example.org`, password_hash: 'x', role: 'admin', password_changed_at: now, created_at: now } as never).returning('id').executeTakeFirstOrThrow();
  const actor = { accountId: Number(acc.id) };
  const big = (await sql<{ id: number; n: number }>`SELECT organization_id AS id, count(*) AS n FROM pub_appearance WHERE organization_id IS NOT NULL GROUP BY organization_id ORDER BY n DESC LIMIT 1`.execute(storage.db)).rows[0]!;
  const ev = (await sql<{ id: number; n: number }>`SELECT s.event_id AS id, count(*) AS n FROM pub_appearance a JOIN pub_session s ON s.id = a.session_id GROUP BY s.event_id ORDER BY n DESC LIMIT 1`.execute(storage.db)).rows[0]!;
  const org = await storage.db.selectFrom('organization').select(['id', 'name', 'kind', 'country_code', 'version']).where('id', '=', big.id).executeTakeFirstOrThrow();
  const persons = (await sql<{ n: number }>`SELECT count(DISTINCT person_id) AS n FROM pub_appearance WHERE organization_id = ${big.id}`.execute(storage.db)).rows[0]!.n;
  console.log(`organization ${org.id} "${org.name}" (${org.kind}): ${big.n} published appearances, ${persons} persons; event ${ev.id}: ${ev.n} appearances; load ${loadavg()[0]!.toFixed(1)}`);
  let version = org.version;
  const time = async (label: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return `${label} ${(performance.now() - t).toFixed(0)} ms`;
  };
  const otherKind = org.kind === 'academia' ? 'igo' : 'academia';
  for (let r = 0; r < ROUNDS; r++) {
    const out: string[] = [];
    out.push(await time('rename', async () => (version = await saveForm(storage, actor, 'organization', org.id, version, { name: `${org.name} (renamed)`, kind: org.kind, country_code: org.country_code ?? '' }))));
    out.push(await time('back', async () => (version = await saveForm(storage, actor, 'organization', org.id, version, { name: org.name, kind: org.kind, country_code: org.country_code ?? '' }))));
    out.push(await time('kind', async () => (version = await saveForm(storage, actor, 'organization', org.id, version, { name: org.name, kind: otherKind, country_code: org.country_code ?? '' }))));
    out.push(await time('kind back', async () => (version = await saveForm(storage, actor, 'organization', org.id, version, { name: org.name, kind: org.kind, country_code: org.country_code ?? '' }))));
    out.push(await time('reindexEvent', () => write(storage, async (trx) => reindexEvent(trx, ev.id, await namedByEvent(trx, ev.id)))));
    console.log(`round ${r + 1}: ${out.join(', ')}; load ${loadavg()[0]!.toFixed(1)}`);
  }
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

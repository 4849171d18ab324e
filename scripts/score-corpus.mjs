#!/usr/bin/env node
// Scores the importer on the development corpus (corpus/manifest.json) the way a new user meets it:
// each page goes through the real command `node bin/plenary.mjs import PAGE --json --lang LANG`, and
// its output is scored against the page's hand-made reading with ../shared/tools/score-agenda.mjs.
//
//   node scripts/score-corpus.mjs [--split tune|holdout|all] [--json] [--check] [--jobs N] [--only TEXT]
//
// --split   which part to run (default tune); holdout means are printed only for holdout or all
// --json    print one JSON document instead of the table
// --check   only validate every expected reading against ../shared/formats/agenda.schema.json
// --jobs    pages imported at once (default 2)
// --only    run only pages whose file name contains TEXT
// A page the importer fails on (non-zero exit, or output that is not JSON) scores 0 and its error is printed.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "..", "shared");
const scorer = join(shared, "tools", "score-agenda.mjs");
const schemaPath = join(shared, "formats", "agenda.schema.json");

function usage(message) {
  if (message) console.error(`score-corpus: ${message}`);
  console.error("usage: node scripts/score-corpus.mjs [--split tune|holdout|all] [--json] [--check] [--jobs N] [--only TEXT]");
  process.exit(2);
}

const opts = { split: "tune", json: false, check: false, jobs: 2, only: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    return argv[++i];
  };
  if (a === "--split") opts.split = value();
  else if (a.startsWith("--split=")) opts.split = a.slice(8);
  else if (a === "--json") opts.json = true;
  else if (a === "--check") opts.check = true;
  else if (a === "--jobs") opts.jobs = Number(value());
  else if (a === "--only") opts.only = value();
  else if (a === "--help" || a === "-h") usage();
  else usage(`unknown argument ${a}`);
}
if (!["tune", "holdout", "all"].includes(opts.split)) usage(`--split must be tune, holdout or all, not ${opts.split}`);
if (!Number.isInteger(opts.jobs) || opts.jobs < 1) usage("--jobs must be a positive integer");

if (!existsSync(scorer)) {
  console.log("");
  console.log("==================================================================");
  console.log(` score-corpus: ${shared} is absent, so the corpus is not scored.`);
  console.log(" The scorer lives in ../shared/tools/score-agenda.mjs and is never copied here.");
  console.log("==================================================================");
  process.exit(0);
}

const corpusDir = join(root, "corpus");
const manifest = JSON.parse(readFileSync(join(corpusDir, "manifest.json"), "utf8"));
const pages = manifest.pages.filter(
  (p) => (opts.split === "all" || p.split === opts.split) && (!opts.only || p.file.includes(opts.only)),
);

if (opts.check) {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
  let bad = 0;
  for (const p of pages) {
    const doc = JSON.parse(readFileSync(join(corpusDir, p.expected), "utf8"));
    if (validate(doc)) continue;
    bad++;
    console.log(`${p.expected}:`);
    for (const e of validate.errors) console.log(`  ${e.instancePath || "/"} ${e.message}`);
  }
  console.log(`${pages.length - bad} of ${pages.length} expected readings match ${schemaPath}`);
  process.exit(bad ? 1 : 0);
}

function run(cmd, args, timeout) {
  return new Promise((done) => {
    execFile(cmd, args, { cwd: root, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ error, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(join(tmpdir(), "score-corpus-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

async function scorePage(p, index) {
  const page = join(corpusDir, p.file);
  const row = { file: p.file, split: p.split, language: p.language, sessionsF1: 0, appearancesF1: 0, warnings: null, error: null, detail: null };
  const args = ["bin/plenary.mjs", "import", page, "--json"];
  if (p.language) args.push("--lang", p.language);
  const imp = await run(process.execPath, args, 180_000);
  let actual;
  try {
    if (imp.error) throw new Error((imp.stderr || imp.error.message).trim());
    actual = JSON.parse(imp.stdout);
  } catch (e) {
    row.error = String(e.message || e).split("\n").slice(0, 6).join("\n");
    return row;
  }
  row.warnings = Array.isArray(actual.warnings) ? actual.warnings.length : 0;
  const actualPath = join(work, `${index}.json`);
  writeFileSync(actualPath, JSON.stringify(actual));
  const sc = await run(process.execPath, [scorer, join(corpusDir, p.expected), actualPath], 60_000);
  const line = (sc.stdout || "").trim();
  const s = /sessions_f1=([\d.]+)/.exec(line), a = /appearances_f1=([\d.]+)/.exec(line);
  if (sc.error || !s || !a) {
    row.error = `scorer: ${(sc.stderr || line || String(sc.error)).trim().split("\n")[0]}`;
    return row;
  }
  row.sessionsF1 = Number(s[1]);
  row.appearancesF1 = Number(a[1]);
  row.detail = line;
  return row;
}

const rows = new Array(pages.length);
let next = 0;
async function worker() {
  while (next < pages.length) {
    const i = next++;
    rows[i] = await scorePage(pages[i], i);
  }
}
await Promise.all(Array.from({ length: Math.min(opts.jobs, pages.length || 1) }, worker));

const splits = opts.split === "all" ? ["tune", "holdout"] : [opts.split];
const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const means = {};
for (const sp of splits) {
  const rs = rows.filter((r) => r.split === sp);
  means[sp] = {
    pages: rs.length,
    failed: rs.filter((r) => r.error).length,
    sessionsF1: mean(rs.map((r) => r.sessionsF1)),
    appearancesF1: mean(rs.map((r) => r.appearancesF1)),
  };
}

if (opts.json) {
  console.log(JSON.stringify({ split: opts.split, pages: rows, means }, null, 1));
} else {
  const w = Math.max(4, ...rows.map((r) => r.file.length));
  const fmt = (x) => (x == null ? "-" : x.toFixed(1)).padStart(8);
  console.log(`${"page".padEnd(w)}  split    sessions  appear.  warnings`);
  for (const r of rows) {
    console.log(`${r.file.padEnd(w)}  ${r.split.padEnd(7)} ${fmt(r.sessionsF1)} ${fmt(r.appearancesF1)} ${String(r.warnings ?? "-").padStart(9)}`);
    if (r.error) console.log(`    FAILED (scored 0): ${r.error.replace(/\n/g, "\n    ")}`);
  }
  console.log("");
  for (const sp of splits) {
    const m = means[sp];
    console.log(
      `mean ${sp.padEnd(7)} (${m.pages} pages${m.failed ? `, ${m.failed} failed` : ""}): sessions F1 ${m.sessionsF1 == null ? "-" : m.sessionsF1.toFixed(1)}  appearances F1 ${m.appearancesF1 == null ? "-" : m.appearancesF1.toFixed(1)}`,
    );
  }
}

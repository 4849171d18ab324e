// Every warning text the importer can give has its catalogue code, so that the import's draft page
// shows it in the reader's language (web/i18n/import-warnings.ts). The texts are read from the
// importer's source: each `warn(…, '…')` call and each warning string returned by its readers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importWarningCode } from './import-warnings.ts';

const IMPORTER = fileURLToPath(new URL('../../importer/', import.meta.url));

/** The fixed warning texts in the importer's source: the string literal given to warn(), or assigned to a warning. */
function warningTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(IMPORTER)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const source = readFileSync(join(IMPORTER, name), 'utf8');
    const literal = String.raw`'((?:[^'\\\n]|\\.)*)'`;
    const patterns = [new RegExp(String.raw`\bwarn\([^,()]*(?:\([^()]*\))?[^,()]*,\s*` + literal, 'g'), new RegExp(String.raw`\bwarning\s*[:=]\s*(?:[^'\n?]*\?\s*)?` + literal, 'g')];
    for (const re of patterns) {
      for (const m of source.matchAll(re)) {
        const text = m[1]!.replace(/\\(.)/g, '$1');
        const line = source.slice(0, m.index).split('\n').length;
        out.set(text, `${name}:${line}`);
      }
    }
  }
  return out;
}

test("every fixed warning text in the importer's source has its catalogue code", () => {
  const texts = warningTexts();
  // The reading of the source finds the importer's warnings at all (a change of its style would otherwise pass silently).
  assert.ok(texts.size >= 40, `only ${texts.size} warning texts found in src/importer`);
  const missing = [...texts].filter(([text]) => importWarningCode(text) === null).map(([text, where]) => `${where}: ${text}`);
  assert.deepEqual(missing, [], 'warnings without an importWarning code');
});

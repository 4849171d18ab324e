// Every command answers --help and -h with its usage, exit 0, and opens no database (review L6:
// `plenary migrate --help` used to migrate the default database).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-cli-help-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS: Array<[string, string[]]> = [
  ['serve', []],
  ['import', ['page.txt', '--series', 's', '--event', 'e']],
  ['publish', ['--event', 'e']],
  ['publication', ['compile', '--event', 'e']],
  ['migrate', []],
  ['backup', ['out.tar.gz']],
  ['restore', ['in.tar.gz']],
  ['user', ['list']],
  ['files', ['check']],
  ['search', ['rebuild']],
  ['demo-archive', ['--events', '1']],
];

for (const [name, args] of COMMANDS) {
  test(`plenary ${name} --help and -h print its usage, exit 0 and create no database`, async () => {
    const { HELP } = (await import(`../src/cli/${name}.ts`)) as { HELP: string };
    assert.match(HELP, new RegExp(`^usage:[\\s\\S]*plenary ${name}\\b`));
    for (const flag of ['--help', '-h']) {
      for (const argv of [[name, flag], [name, ...args, flag]]) {
        const file = join(dir, `${name}${flag}${argv.length}.db`);
        const r = runPlenary(argv, `sqlite:${file}`);
        assert.deepEqual(r, { code: 0, out: `${HELP}\n`, err: '' }, argv.join(' '));
        assert.equal(existsSync(file), false, `${argv.join(' ')} created ${file}`);
      }
    }
  });
}

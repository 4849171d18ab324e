// `plenary user add|list|disable|enable|reset-password`: accounts of the secretariat.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { parseRole } from '../domain/account.ts';
import { InvalidInput } from '../domain/errors.ts';
import { addAccount, changeAccess, disableAccount, enableAccount, listAccounts, resetPassword, unlockSignIn } from '../operations/accounts.ts';
import { createToken, listTokens, revokeToken } from '../operations/api-tokens.ts';
import { generatePassword } from '../operations/password.ts';
import { forTerminal } from './terminal.ts';
import { usageError } from './args.ts';
import { openMigrated } from './open.ts';

export const HELP = `usage:
  plenary user add --email E --role admin|editor|viewer [--series SLUG]... [--generate]
  plenary user list
  plenary user disable --email E
  plenary user enable --email E
  plenary user reset-password --email E [--generate]
  plenary user grant --email E --series SLUG...      (give an editor or viewer more series)
  plenary user withdraw --email E --series SLUG...   (take series away)
  plenary user set-role --email E --role admin|editor|viewer [--series SLUG]...
  plenary user unlock --email E | --address A
  plenary user token --email E --label L
  plenary user tokens
  plenary user revoke-token --prefix P

The password is asked twice on a terminal; otherwise it is read from the first line of
standard input. --generate prints a new password once instead. Editors and viewers are
given one or more series (--series, repeated); admins reach everything.

A token lets a script write through the API (Authorization: Bearer TOKEN) as its account:
the same role and series. It is printed once; revoke it by the prefix that tokens lists.`;

/** The password: generated, asked twice on a terminal, or the first line of standard input. */
async function obtainPassword(generate: boolean): Promise<{ password: string; generated: boolean }> {
  if (generate) return { password: generatePassword(), generated: true };
  if (process.stdin.isTTY) {
    const first = await askHidden('Password: ');
    const second = await askHidden('Password again: ');
    if (first !== second) throw new InvalidInput('the two passwords differ');
    return { password: first, generated: false };
  }
  const line = await firstLine(process.stdin);
  if (line === null) throw new InvalidInput('no password: standard input is empty (give it on the first line, or use --generate)');
  return { password: line, generated: false };
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const nl = text.indexOf('\n');
    if (nl >= 0) {
      text = text.slice(0, nl);
      break;
    }
    if (text.length > 4096) throw new InvalidInput('the first line of standard input is longer than 4096 characters');
  }
  if (text === '' ) return null;
  return text.replace(/\r$/, '');
}

/** Reads a line on the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Echo goes off before the prompt shows, so nothing typed after it appears on the screen.
    stdin.setRawMode(true);
    process.stderr.write(prompt);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new InvalidInput('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(HELP);
    return sub ? 0 : 2;
  }
  let values: { email?: string; role?: string; series?: string[]; generate?: boolean; label?: string; prefix?: string; address?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        series: { type: 'string', multiple: true },
        generate: { type: 'boolean' },
        label: { type: 'string' },
        prefix: { type: 'string' },
        address: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw usageError((e as Error).message, HELP);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const needEmail = () => {
    if (!values.email) throw usageError('--email is missing', HELP);
    return values.email;
  };
  const config = loadConfig();
  /** Runs one subcommand on the migrated database, closed afterwards whatever happens; 0 when it succeeds. */
  const withStorage = async (run: (storage: Awaited<ReturnType<typeof openMigrated>>) => Promise<void>): Promise<number> => {
    const storage = await openMigrated(config);
    try {
      await run(storage);
    } finally {
      await storage.close();
    }
    return 0;
  };
  switch (sub) {
    case 'add': {
      const email = needEmail();
      if (!values.role) throw usageError('--role is missing', HELP);
      const role = parseRole(values.role);
      const { password, generated } = await obtainPassword(values.generate ?? false);
      return await withStorage(async (storage) => {
        const a = await addAccount(storage, { email, role, series: values.series ?? [], password });
        console.log(`created ${a.role} ${a.email}${a.series.length ? ` for ${a.series.join(', ')}` : ''}`);
        if (generated) console.log(`password: ${password}`);
      });
    }
    case 'list': {
      return await withStorage(async (storage) => {
        const all = await listAccounts(storage);
        if (!all.length) console.log('no accounts');
        for (const a of all) console.log([a.email, a.role, a.series.join(',') || '-', a.disabled ? 'disabled' : 'active'].join('\t'));
      });
    }
    case 'disable': {
      const email = needEmail();
      return await withStorage(async (storage) => {
        const { endedSessions } = await disableAccount(storage, email);
        console.log(`disabled ${email.trim().toLowerCase()}; ended ${endedSessions} session${endedSessions === 1 ? '' : 's'}`);
      });
    }
    case 'enable': {
      const email = needEmail();
      return await withStorage(async (storage) => {
        await enableAccount(storage, email);
        console.log(`enabled ${email.trim().toLowerCase()}`);
      });
    }
    case 'reset-password': {
      const email = needEmail();
      const { password, generated } = await obtainPassword(values.generate ?? false);
      return await withStorage(async (storage) => {
        const { endedSessions } = await resetPassword(storage, email, password);
        console.log(`new password set for ${email.trim().toLowerCase()}; ended ${endedSessions} session${endedSessions === 1 ? '' : 's'}`);
        if (generated) console.log(`password: ${password}`);
      });
    }
    case 'grant':
    case 'withdraw':
    case 'set-role': {
      const email = needEmail();
      if (sub !== 'set-role' && !values.series?.length) throw usageError('--series is missing', HELP);
      if (sub === 'set-role' && !values.role) throw usageError('--role is missing', HELP);
      return await withStorage(async (storage) => {
        const a = await changeAccess(storage, email, {
          ...(sub === 'set-role' ? { role: parseRole(values.role!), grant: values.series ?? [] } : {}),
          ...(sub === 'grant' ? { grant: values.series! } : {}),
          ...(sub === 'withdraw' ? { revoke: values.series! } : {}),
        });
        console.log(forTerminal(`${a.email}: ${a.role}${a.series.length ? ` of ${a.series.join(', ')}` : ''}`));
      });
    }
    case 'unlock': {
      return await withStorage(async (storage) => {
        const cleared = await unlockSignIn(storage, { ...(values.email ? { email: values.email } : {}), ...(values.address ? { address: values.address } : {}) });
        console.log(forTerminal(cleared.length ? `unlocked ${cleared.join(', ')}` : 'nothing to unlock: no failed sign-ins are counted for it'));
      });
    }
    case 'token': {
      const email = needEmail();
      const label = values.label;
      if (label === undefined) throw usageError('--label is missing: say what the token is for', HELP);
      return await withStorage(async (storage) => {
        const { token, prefix } = await createToken(storage, { email, label });
        console.log(`token ${prefix} for ${email.trim().toLowerCase()} (shown once; keep it secret):`);
        console.log(token);
      });
    }
    case 'tokens': {
      return await withStorage(async (storage) => {
        const all = await listTokens(storage);
        if (!all.length) console.log('no tokens');
        for (const t of all) console.log(forTerminal([t.prefix, t.email, t.label, `made ${t.createdAt}`, t.lastUsedAt ? `used ${t.lastUsedAt}` : 'never used', t.revokedAt ? `revoked ${t.revokedAt}` : 'valid'].join('\t')));
      });
    }
    case 'revoke-token': {
      const prefix = values.prefix;
      if (!prefix) throw usageError('--prefix is missing (see plenary user tokens)', HELP);
      return await withStorage(async (storage) => {
        await revokeToken(storage, prefix);
        console.log(`revoked token ${prefix}`);
      });
    }
    default:
      throw usageError(`unknown subcommand "${sub}"`, HELP);
  }
}

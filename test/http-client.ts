// HTTP as a browser without JavaScript speaks it to the running server: forms posted as
// application/x-www-form-urlencoded, the session cookie, the Origin and the CSRF token.
import { request, type IncomingHttpHeaders } from 'node:http';
import { addAccount, signIn } from '../src/operations/accounts.ts';
import type { Storage } from '../src/storage/storage.ts';

export type Got = { status: number; headers: IncomingHttpHeaders; location: string | undefined; body: string; bytes: Buffer };

export function http(method: string, url: string, headers: Record<string, string> = {}, body?: Record<string, string> | string | Buffer): Promise<Got> {
  const data = body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : new URLSearchParams(body).toString();
  return new Promise((resolve, reject) => {
    const h = data === undefined ? headers : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(data)), ...headers };
    const req = request(url, { method, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, location: res.headers.location, body: bytes.toString('utf8'), bytes });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** The text of an HTML fragment, as a reader sees it. */
export const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The values of the hidden inputs of this name, in page order. */
/** A form's record versions (`version.<entity>.<id>` hidden fields), as the form sends them back. */
export const versions = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="(version\.[a-z]+\.\d+)" value="(\d+)"/g)].map((m) => [m[1]!, m[2]!]));
export const hidden = (html: string, name: string) => [...html.matchAll(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`, 'g'))].map((m) => m[1]!);

/** A multipart/form-data body as a browser sends it: the fields, then the file if any (as the field "file"). */
export function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }): { body: Buffer; type: string } {
  const boundary = '----plenary-test-boundary-7d1f';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** The cookies a response sets, as the Cookie header that sends them back. */
export const cookiesOf = (r: { headers: IncomingHttpHeaders }) => (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');

const formValue = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

/** Signs in through the form, as a browser does: the sign-in response, the session cookie, the dashboard and its CSRF token. */
export async function signInThroughForm(base: string, email: string, password: string): Promise<{ response: Got; cookie: string; csrf: string | undefined; dashboard: Got }> {
  const form = await http('GET', `${base}/admin/login`);
  const csrf = formValue(form.body, '_csrf')!;
  const response = await http('POST', `${base}/admin/login`, { cookie: cookiesOf(form), origin: base }, { _csrf: csrf, next: '/admin', email, password });
  const cookie = cookiesOf(response);
  const dashboard = await http('GET', `${base}/admin`, { cookie });
  return { response, cookie, csrf: formValue(dashboard.body, '_csrf'), dashboard };
}

export type Signed = {
  /** the session's token, its Cookie header and the same cookie as Chromium holds it (context.addCookies) */
  token: string;
  cookie: string;
  browserCookie: { name: string; value: string; url: string; httpOnly: boolean; sameSite: 'Lax' };
  csrfToken: string;
  get(path: string): Promise<Got>;
  /** a form as the page sends it: the session cookie, this site's Origin and the CSRF token */
  post(path: string, body: Record<string, string>): Promise<Got>;
  /** the session cookie and only the headers and fields given */
  postRaw(path: string, headers: Record<string, string>, body: Record<string, string>): Promise<Got>;
  /** a multipart form (uploads), with the cookie and Origin; the token is the form's to carry */
  postMultipart(path: string, form: FormData): Promise<Got>;
};

const PASSWORD = 'correct horse battery';

/** An account made now (password PASSWORD) and signed in from `address`; its requests carry the cookie, the Origin and the CSRF token. */
export async function signedIn(storage: Storage, base: string, account: { email: string; role: 'admin' | 'editor' | 'viewer'; series?: string[] }, address = '192.0.2.1'): Promise<Signed> {
  await addAccount(storage, { email: account.email, role: account.role, series: account.series ?? [], password: PASSWORD });
  const s = await signIn(storage, { email: account.email, password: PASSWORD, address });
  const cookie = `plenary_session=${s.token}`;
  return {
    token: s.token,
    cookie,
    browserCookie: { name: 'plenary_session', value: s.token, url: base, httpOnly: true, sameSite: 'Lax' },
    csrfToken: s.csrfToken,
    get: (path) => http('GET', `${base}${path}`, { cookie }),
    post: (path, body) => http('POST', `${base}${path}`, { cookie, origin: base }, { _csrf: s.csrfToken, ...body }),
    postRaw: (path, headers, body) => http('POST', `${base}${path}`, { cookie, ...headers }, body),
    postMultipart: async (path, form) => {
      const req = new Request(`${base}${path}`, { method: 'POST', body: form });
      const bytes = Buffer.from(await req.arrayBuffer());
      return await http('POST', `${base}${path}`, { cookie, origin: base, 'content-type': req.headers.get('content-type')!, 'content-length': String(bytes.length) }, bytes);
    },
  };
}

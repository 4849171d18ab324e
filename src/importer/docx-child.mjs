// The Word reader's own process (forked by extract-docx.ts through child-reader.ts): checks the
// archive, converts the document with mammoth and reads the HTML as any page, then answers with
// the text. mammoth keeps the whole document as objects, so a small file whose XML inflates to
// tens of MB takes gigabytes; here the parent watches the memory and the time, and stops it.
// The reading code is TypeScript: the child registers the same loader the command line uses.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
// Loaded while the message is on its way; the listener is attached at once so that it is not missed.
const modules = Promise.all([import('./extract-docx.ts'), import('../domain/errors.ts')]);

process.once('message', async (/** @type {{ bytes: Uint8Array, name: string }} */ msg) => {
  /** @type {import('./child-reader.ts').ChildAnswer<import('./extract-docx.ts').DocxText>} */
  let answer;
  let invalid = false;
  try {
    const [{ readDocx }, { InvalidInput }] = await modules;
    try {
      answer = { ok: true, result: await readDocx(msg.bytes, msg.name) };
    } catch (e) {
      invalid = e instanceof InvalidInput;
      throw e;
    }
  } catch (e) {
    answer = { ok: false, invalid, message: e instanceof Error ? e.message : String(e) };
  }
  process.send?.(answer, () => process.exit(0));
});

// The upload forms' middleware (the workspace's materials and a speaker link's): a body that says
// it is too large is refused before it is read; any other multipart body is read as it arrives by
// web/multipart.ts, its file spooled to disk and never held whole in memory, and the form kept
// in the request for the CSRF check (auth.ts csrfTokenOf) and the handler (uploadFormOf). The
// temporary file is removed once the request has been answered.
import type { Context, MiddlewareHandler } from 'hono';
import { InvalidInput } from '../domain/errors.ts';
import { formMessage } from '../domain/form-messages.ts';
import type { Upload } from '../operations/materials.ts';
import { type SpooledFile, type SpooledForm, spoolForm } from './multipart.ts';

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD = 64 * 1024;

type FormEnv = { Variables: { form?: SpooledForm } };

/** The form read by uploadForm, if this request had one. */
export function spooledFormOf(c: Context): SpooledForm | undefined {
  return (c as unknown as Context<FormEnv>).get('form');
}

/**
 * `before` runs first and may answer or throw (a signed-out visitor, a foreign Origin) so that
 * such a request is refused without its body being read.
 */
export function uploadForm(maxBytes: number, before?: (c: Context) => boolean): MiddlewareHandler {
  const tooLarge = () => new InvalidInput(formMessage('uploadTooLarge', { mb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 }));
  return async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 'NaN');
    if (length > maxBytes + FORM_OVERHEAD) throw tooLarge();
    const type = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\s*;/i.test(type) || (before && !before(c))) return next();
    const form = await spoolForm(c.req.raw.body, type, { fileBytes: maxBytes, tooLarge });
    (c as unknown as Context<FormEnv>).set('form', form);
    try {
      await next();
    } finally {
      form.dispose();
    }
  };
}

/** The fields and the chosen file of an upload form (null when none was chosen, or the body was no multipart form). */
export function uploadFormOf(c: Context): { fields: Record<string, string>; upload: Upload | null } {
  const form = spooledFormOf(c);
  if (!form) return { fields: {}, upload: null };
  const file: SpooledFile | undefined = form.files.find((f) => f.field === 'file');
  const chosen = file && !(file.size === 0 && file.name === '');
  return { fields: form.fields, upload: chosen ? { name: file.name, spooled: file } : null };
}

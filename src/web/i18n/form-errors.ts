// A field's error in the reader's language. The domain refuses a value with an English text made
// from a keyed template (domain/form-messages.ts), the same text the CLI and the JSON API give;
// a web form shows the catalogue's `formError.<key>` instead, with the same parameters. A text that
// is not one of those templates is shown as it is.
import { type FormMessageKey, readFormMessage } from '../../domain/form-messages.ts';
import type { MessageKey } from './messages.ts';
import type { Translate } from './t.ts';

/** The catalogue's key for a form message. */
export const formErrorKey = (key: FormMessageKey): MessageKey => `formError.${key}` as MessageKey;

/** The message of one field: a text made by formText, or "field: text" (the form names the field beside it). */
function known(t: Translate, text: string): string | null {
  const whole = readFormMessage(text);
  if (whole) return t(formErrorKey(whole.key), whole.params);
  const m = /^([\w.]+): (.*)$/s.exec(text);
  const after = m ? readFormMessage(m[2]!) : null;
  return after ? t(formErrorKey(after.key), after.params) : null;
}

/** A field's error as a web form shows it: one message, or several joined by "; " (each translated that can be). */
export function fieldError(t: Translate, text: string): string {
  return known(t, text) ?? text.split('; ').map((part) => known(t, part) ?? part).join(t('formError.separator'));
}

// A field's error in the reader's language. The domain refuses a value with a FormMessage
// (domain/form-messages.ts): its key and parameters, and the English text the CLI and the JSON API
// give. A web form shows the catalogue's `formError.<key>` with the same parameters; a message
// without a key (a reader's failure) is shown as it is. Nothing is read back from English text.
import type { Refusal } from '../../domain/errors.ts';
import type { InterfaceLanguage } from '../../interface-languages.ts';
import { type FieldMessage, type FormMessageKey, FormMessage } from '../../domain/form-messages.ts';
import type { MessageKey } from './messages.ts';
import type { Translate } from './t.ts';
import { dateParam } from '../views/format.ts';
import { formatNumber } from './numbers.ts';

/** The catalogue's key for a form message. */
export const formErrorKey = (key: FormMessageKey): MessageKey => `formError.${key}` as MessageKey;

/**
 * The parameters that are quantities (counts, sizes, limits, line numbers): written by Intl.NumberFormat in the
 * reader's language ("1 048 577" in French). Others that are numbers (record ids, entry and version numbers, years)
 * are names of things and stay as they are.
 */
const QUANTITIES = new Set(['n', 'count', 'max', 'mb', 'bytes', 'length', 'days', 'line', 'page', 'pages']);

/** A quantity written by Intl.NumberFormat in `lang` (grouped, at most one decimal; French groups with U+00A0: i18n/numbers.ts). t() uses it for numeric parameters. */
export function quantity(lang: InterfaceLanguage, v: number): string {
  return formatNumber(lang, v, ONE_DECIMAL);
}
const ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };

/** A quantity (a count, a size, a line number) written by Intl in the translator's language: "1,234", French "1 234". */
export const quantityIn = (t: Translate, n: number): string => quantity(t.lang ?? 'en', n);

/** A field's message as a web form shows it; a date or a moment ({date}, {at}, {when}) written by Intl in the reader's language (format.ts `dateParam`). */
export function fieldError(t: Translate, message: FieldMessage): string {
  if (!(message instanceof FormMessage)) return message;
  const params = Object.fromEntries(
    Object.entries(message.params).map(([k, v]) => [
      k,
      Array.isArray(v)
        ? v.map((x: FieldMessage) => fieldError(t, x)).join(t(k.endsWith('List') ? 'punct.comma' : 'formError.separator'))
        : v instanceof FormMessage
          ? fieldError(t, v)
          : typeof v === 'number' && QUANTITIES.has(k) && Number.isFinite(v)
            ? quantity(t.lang ?? 'en', v)
            : k === 'detail' && typeof v === 'string'
              ? t('formError.technicalDetail', { detail: v })
              : typeof v === 'string'
                ? dateParam(k, v, t.lang ?? 'en')
                : (v as string | number),
    ]),
  );
  return t(formErrorKey(message.key), params);
}

/**
 * The reasons of a refusal (a PlenaryError's `refusals`) as one text: each keyed message in the reader's
 * language without the field's name (the form names the field beside it; the message says enough on an
 * error page), a text without a key as the domain wrote it ("field: text"), joined by `formError.separator`.
 */
export function refusalText(t: Translate, refusals: readonly Refusal[]): string {
  return refusals.map((r) => (r.message instanceof FormMessage ? fieldError(t, r.message) : r.field ? `${r.field}: ${r.message}` : r.message)).join(t('formError.separator'));
}

// The small vocabulary of failures; web/errors.ts maps them to HTTP in one place.
import { type FieldMessage, messageText } from './form-messages.ts';

/** One reason a request is refused: the field at fault (when there is one) and its message, keyed when it can be. */
export type Refusal = { field?: string; message: FieldMessage };

/** What a failure is given: a message (keyed or a text), one refusal, or several. */
export type Reason = FieldMessage | Refusal | readonly Refusal[];

const refusalsOf = (reason: Reason): readonly Refusal[] => (Array.isArray(reason) ? reason : typeof reason === 'object' && 'message' in reason ? [reason as Refusal] : [{ message: reason as FieldMessage }]);

/**
 * `message` is English ("field: text; …", what the CLI, the logs and the JSON API say); `refusals` keeps each
 * reason with its key and parameters, for a web page to show them in its reader's language.
 */
export class PlenaryError extends Error {
  readonly refusals: readonly Refusal[];
  constructor(
    readonly code: 'not_found' | 'forbidden' | 'invalid_input' | 'conflict' | 'unauthenticated',
    reason: Reason,
  ) {
    const refusals = refusalsOf(reason);
    super(refusals.map((r) => (r.field ? `${r.field}: ${messageText(r.message)}` : messageText(r.message))).join('; '));
    this.name = new.target.name;
    this.refusals = refusals;
  }
}
export class NotFound extends PlenaryError {
  constructor(reason: Reason) {
    super('not_found', reason);
  }
}
export class Forbidden extends PlenaryError {
  constructor(reason: Reason) {
    super('forbidden', reason);
  }
}
export class InvalidInput extends PlenaryError {
  constructor(reason: Reason) {
    super('invalid_input', reason);
  }
}
export class Conflict extends PlenaryError {
  constructor(reason: Reason) {
    super('conflict', reason);
  }
}

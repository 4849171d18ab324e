// The small vocabulary of failures; web/errors.ts maps them to HTTP in one place.
export class PlenaryError extends Error {
  constructor(
    readonly code: 'not_found' | 'forbidden' | 'invalid_input' | 'conflict' | 'unauthenticated',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFound extends PlenaryError {
  constructor(message: string) {
    super('not_found', message);
  }
}
export class Forbidden extends PlenaryError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class InvalidInput extends PlenaryError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}
export class Conflict extends PlenaryError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/**
 * An error meant for the user: the CLI prints its message alone, without a stack trace
 * (unless --debug). Anything else that escapes is a bug and is reported as such.
 */
export class FerryError extends Error {
  override readonly name = 'FerryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

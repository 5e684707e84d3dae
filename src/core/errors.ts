// Expected failures of the core: a stable code, parameters for the user's message, and an English text
// for logs and the CLI. Adapters translate the code into the user's language.
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

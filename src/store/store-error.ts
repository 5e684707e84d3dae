// The error a store throws when it cannot be opened or used as asked, and the URL helpers its messages use.

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** True for a `postgres://` or `postgresql://` URL: the PostgreSQL backend. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** The URL with its password, if any (`user:PASSWORD@` or `?password=`), replaced by `***`: what a message
 * or a log line may show. A URL without one is returned as given (`file:./data/rituals.db` stays relative). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    // libpq and node-postgres also take the password as a query parameter.
    const inQuery = u.searchParams.has('password');
    if (!u.password && !inQuery) return url;
    if (u.password) u.password = '***';
    if (inQuery) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

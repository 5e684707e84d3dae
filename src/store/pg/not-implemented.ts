// TEMPORARY scaffolding while the PostgreSQL repositories are written: a repository whose every method
// rejects. Removed once each repository has its implementation.
export function notImplemented<T>(name: string): T {
  return new Proxy({} as object, {
    get: (_t, p) =>
      p === 'then' ? undefined : () => Promise.reject(new Error(`not implemented yet: ${name}.${String(p)}`)),
  }) as T;
}

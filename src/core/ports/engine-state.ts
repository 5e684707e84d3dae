// Core port: The ritual engine's watermarks.
// Plain data and async interfaces; no ORM or driver type appears here. Instants are ISO-8601 UTC
// strings, days 'YYYY-MM-DD'.

export interface EngineStateRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, at: string): Promise<void>;
  /** Stores the key if absent: true the first time, false on every replay. */
  claim(key: string, at: string): Promise<boolean>;
}

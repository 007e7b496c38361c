export type CacheSetOptions = {
  ttlSeconds?: number
  /** SET NX: write only when the key is absent; the result says whether it was written. */
  onlyIfAbsent?: boolean
}

/** A JSON value cache with TTLs. Memory embedded, Upstash Redis in production. */
export interface Cache {
  readonly kind: 'memory' | 'upstash'
  get<T = unknown>(key: string): Promise<T | null>
  set(key: string, value: unknown, options?: CacheSetOptions): Promise<boolean>
  /** Atomic increment; `ttlSeconds` applies only when the counter is created (a fixed window). */
  incr(key: string, options?: { ttlSeconds?: number }): Promise<number>
  delete(...keys: string[]): Promise<number>
  ping(): Promise<void>
}

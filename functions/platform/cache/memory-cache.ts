import type { Clock } from '../clock.ts'
import type { Cache, CacheSetOptions } from './cache.ts'

type Entry = { json: string; expiresAt: number | null }

const SWEEP_EVERY_WRITES = 1_000

/** In-process cache for the embedded runtime and tests. Values are stored as JSON, as Redis would. */
export class MemoryCache implements Cache {
  readonly kind = 'memory'
  private readonly entries = new Map<string, Entry>()
  private readonly clock: Clock
  private writes = 0

  constructor(clock: Clock) {
    this.clock = clock
  }

  async get<T = unknown>(key: string): Promise<T | null> {
    const entry = this.live(key)
    return entry ? (JSON.parse(entry.json) as T) : null
  }

  async set(key: string, value: unknown, options: CacheSetOptions = {}): Promise<boolean> {
    if (options.onlyIfAbsent && this.live(key)) return false
    this.write(key, JSON.stringify(value ?? null), options.ttlSeconds)
    return true
  }

  async incr(key: string, options: { ttlSeconds?: number } = {}): Promise<number> {
    const entry = this.live(key)
    if (!entry) {
      this.write(key, '1', options.ttlSeconds)
      return 1
    }
    const current = Number(JSON.parse(entry.json))
    if (!Number.isInteger(current)) throw new Error('ERR value is not an integer or out of range')
    entry.json = String(current + 1)
    return current + 1
  }

  async delete(...keys: string[]): Promise<number> {
    let removed = 0
    for (const key of keys) if (this.live(key) && this.entries.delete(key)) removed += 1
    return removed
  }

  async ping(): Promise<void> {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (
      entry?.expiresAt !== undefined &&
      entry.expiresAt !== null &&
      entry.expiresAt <= this.nowMs()
    ) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  private write(key: string, json: string, ttlSeconds: number | undefined): void {
    const expiresAt = ttlSeconds === undefined ? null : this.nowMs() + ttlSeconds * 1000
    this.entries.set(key, { json, expiresAt })
    this.writes += 1
    if (this.writes % SWEEP_EVERY_WRITES === 0) this.sweep()
  }

  /** Expired keys are dropped lazily on read; the sweep bounds memory for keys never read again. */
  private sweep(): void {
    const now = this.nowMs()
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key)
    }
  }

  private nowMs(): number {
    return this.clock.now().getTime()
  }
}

import { Redis } from '@upstash/redis/cloudflare'
import type { Cache, CacheSetOptions } from './cache.ts'

export type UpstashOptions = { url: string; token: string }

/** Upstash Redis over REST: the only Redis a Worker can reach. One client per request or job. */
export class UpstashCache implements Cache {
  readonly kind = 'upstash'
  private readonly redis: Redis

  constructor(options: UpstashOptions) {
    // We serialise ourselves so that strings round-trip as strings, exactly as in MemoryCache.
    this.redis = new Redis({
      url: options.url,
      token: options.token,
      automaticDeserialization: false,
      enableTelemetry: false,
    })
  }

  async get<T = unknown>(key: string): Promise<T | null> {
    const raw = await this.redis.get<string>(key)
    return raw === null ? null : (JSON.parse(raw) as T)
  }

  async set(key: string, value: unknown, options: CacheSetOptions = {}): Promise<boolean> {
    const json = JSON.stringify(value ?? null)
    const ttl = options.ttlSeconds
    const result =
      options.onlyIfAbsent && ttl !== undefined
        ? await this.redis.set(key, json, { nx: true, ex: ttl })
        : options.onlyIfAbsent
          ? await this.redis.set(key, json, { nx: true })
          : ttl !== undefined
            ? await this.redis.set(key, json, { ex: ttl })
            : await this.redis.set(key, json)
    return result === 'OK'
  }

  async incr(key: string, options: { ttlSeconds?: number } = {}): Promise<number> {
    if (options.ttlSeconds === undefined) return this.redis.incr(key)
    const [count] = await this.redis
      .multi()
      .incr(key)
      .expire(key, options.ttlSeconds, 'NX')
      .exec<[number, number]>()
    return count
  }

  async delete(...keys: string[]): Promise<number> {
    return keys.length === 0 ? 0 : this.redis.del(...keys)
  }

  async ping(): Promise<void> {
    await this.redis.ping()
  }
}

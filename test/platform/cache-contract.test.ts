import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cache } from '../../functions/platform/cache/cache.ts'
import { MemoryCache } from '../../functions/platform/cache/memory-cache.ts'
import { UpstashCache } from '../../functions/platform/cache/upstash-cache.ts'
import { fixedClock } from '../../functions/platform/clock.ts'
import { TEST_REDIS_URL, warnSkipped } from '../support/backends.ts'
import {
  startUpstashRedisBridge,
  type UpstashRedisBridge,
} from '../support/upstash-redis-bridge.ts'

const unique = () => `relay-test:${Date.now().toString(36)}:${Math.random().toString(36).slice(2)}`

/** One behaviour contract for every cache; `wait` lets TTLs pass (a fixed clock in memory, real time in Redis). */
function cacheContract(
  name: string,
  setup: () => Promise<{ cache: Cache; wait(ms: number): Promise<void> }>,
) {
  describe(`cache contract: ${name}`, () => {
    let cache: Cache
    let wait: (ms: number) => Promise<void>
    beforeAll(async () => {
      ;({ cache, wait } = await setup())
    })

    it('round-trips JSON values and keeps strings as strings', async () => {
      const key = unique()
      for (const value of ['text', '42', 42, true, null, { a: [1, 'два'] }, [1, 2]]) {
        await cache.set(key, value)
        expect(await cache.get(key)).toEqual(value)
      }
      expect(await cache.get(unique())).toBeNull()
    })

    it('expires keys after their TTL', async () => {
      const key = unique()
      await cache.set(key, 'soon gone', { ttlSeconds: 1 })
      expect(await cache.get(key)).toBe('soon gone')
      await wait(1_100)
      expect(await cache.get(key)).toBeNull()
    })

    it('writes with SET NX only when the key is absent', async () => {
      const key = unique()
      expect(await cache.set(key, 'first', { onlyIfAbsent: true, ttlSeconds: 60 })).toBe(true)
      expect(await cache.set(key, 'second', { onlyIfAbsent: true, ttlSeconds: 60 })).toBe(false)
      expect(await cache.get(key)).toBe('first')
    })

    it('increments atomically and starts the window TTL only once', async () => {
      const key = unique()
      const counts = await Promise.all(
        Array.from({ length: 10 }, () => cache.incr(key, { ttlSeconds: 1 })),
      )
      expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      await wait(1_100)
      expect(await cache.incr(key, { ttlSeconds: 1 })).toBe(1)
    })

    it('deletes and reports how many keys it removed', async () => {
      const [a, b] = [unique(), unique()]
      await cache.set(a, 1)
      await cache.set(b, 2)
      expect(await cache.delete(a, b, unique())).toBe(2)
      expect(await cache.get(a)).toBeNull()
    })

    it('answers ping', async () => {
      await expect(cache.ping()).resolves.toBeUndefined()
    })
  })
}

const clock = fixedClock('2026-01-01T00:00:00Z')
cacheContract('memory', async () => ({
  cache: new MemoryCache(clock),
  wait: async (ms) => clock.advance(ms),
}))

const redisUrl = TEST_REDIS_URL
if (redisUrl) {
  let bridge: UpstashRedisBridge
  afterAll(() => bridge?.close())
  cacheContract('Upstash client → real Redis', async () => {
    bridge = await startUpstashRedisBridge({ redisUrl })
    return {
      cache: new UpstashCache({ url: bridge.url, token: bridge.token }),
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    }
  })
} else {
  warnSkipped('cache contract on real Redis', 'TEST_REDIS_URL')
}

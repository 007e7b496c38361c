import { randomUUID } from 'node:crypto'
import { Redis } from '@upstash/redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startUpstashRedisBridge, type UpstashRedisBridge } from './upstash-redis-bridge.ts'

const REDIS_URL = process.env.TEST_REDIS_URL

if (!REDIS_URL) {
  console.warn(
    '\n!!! SKIPPED: test/support/upstash-redis-bridge.test.ts — TEST_REDIS_URL is not set, so the ' +
      'Upstash REST bridge was NOT tested against a real Redis.\n' +
      '!!! Set TEST_REDIS_URL=redis://127.0.0.1:6379 (.ci/run does) to run it.\n',
  )
}

// The client auto-pipelines by default (every call becomes POST /pipeline), so both
// transports are exercised: batched, and one POST / per command.
describe.skipIf(!REDIS_URL).each([
  { transport: 'auto-pipelined', enableAutoPipelining: true },
  { transport: 'one request per command', enableAutoPipelining: false },
])('upstash redis bridge against a real Redis ($transport)', ({ enableAutoPipelining }) => {
  // A per-run prefix keeps parallel runs on a shared Redis from seeing each other's keys.
  const prefix = `test:upstash-bridge:${randomUUID()}:`
  const key = (name: string) => `${prefix}${name}`
  let bridge: UpstashRedisBridge
  let redis: Redis

  beforeAll(async () => {
    if (!REDIS_URL) throw new Error('unreachable: suite is skipped without TEST_REDIS_URL')
    bridge = await startUpstashRedisBridge({ redisUrl: REDIS_URL })
    redis = new Redis({
      url: bridge.url,
      token: bridge.token,
      enableTelemetry: false,
      enableAutoPipelining,
      retry: false,
    })
  })

  afterAll(async () => {
    if (!bridge) return
    try {
      let cursor = '0'
      do {
        const [next, keys] = await redis.scan(cursor, { match: `${prefix}*`, count: 500 })
        if (keys.length > 0) await redis.del(...keys)
        cursor = String(next)
      } while (cursor !== '0')
    } finally {
      await bridge.close()
    }
  })

  test('get/set with EX, PX and NX, JSON and unicode values, missing keys', async () => {
    expect(await redis.set(key('s'), 'hello', { ex: 60 })).toBe('OK')
    expect(await redis.get(key('s'))).toBe('hello')
    expect(await redis.ttl(key('s'))).toBeGreaterThan(55)

    await redis.set(key('px'), 'v', { px: 60_000 })
    expect(await redis.pttl(key('px'))).toBeGreaterThan(55_000)

    expect(await redis.set(key('nx'), 'first', { nx: true })).toBe('OK')
    expect(await redis.set(key('nx'), 'second', { nx: true })).toBeNull()
    expect(await redis.get(key('nx'))).toBe('first')

    const value = { name: 'Zoë 🚀 日本', n: 1, nested: { ok: true } }
    await redis.set(key('json'), value)
    expect(await redis.get(key('json'))).toEqual(value)

    expect(await redis.get(key('missing'))).toBeNull()
  })

  test('del, exists, incr/incrby, expire/pexpire/ttl', async () => {
    await redis.set(key('a'), 1)
    await redis.set(key('b'), 2)
    expect(await redis.exists(key('a'), key('b'), key('nope'))).toBe(2)
    expect(await redis.del(key('a'), key('nope'))).toBe(1)
    expect(await redis.exists(key('a'))).toBe(0)

    expect(await redis.incr(key('counter'))).toBe(1)
    expect(await redis.incrby(key('counter'), 41)).toBe(42)
    expect(await redis.get(key('counter'))).toBe(42)

    expect(await redis.ttl(key('counter'))).toBe(-1)
    expect(await redis.expire(key('counter'), 100)).toBe(1)
    expect(await redis.ttl(key('counter'))).toBeGreaterThan(95)
    expect(await redis.pexpire(key('counter'), 5_000)).toBe(1)
    expect(await redis.ttl(key('counter'))).toBeLessThanOrEqual(5)
    expect(await redis.ttl(key('nope'))).toBe(-2)
  })

  test('hashes: hset/hget/hgetall/hdel', async () => {
    expect(await redis.hset(key('h'), { name: 'Ada', age: 36, tags: ['x', 'y'] })).toBe(3)
    expect(await redis.hget(key('h'), 'name')).toBe('Ada')
    expect(await redis.hgetall(key('h'))).toEqual({ name: 'Ada', age: 36, tags: ['x', 'y'] })
    expect(await redis.hdel(key('h'), 'age', 'missing')).toBe(1)
    expect(await redis.hgetall(key('h'))).toEqual({ name: 'Ada', tags: ['x', 'y'] })
    expect(await redis.hgetall(key('no-hash'))).toBeNull()
  })

  test('lists and sets', async () => {
    expect(await redis.rpush(key('l'), 'b', 'c')).toBe(2)
    expect(await redis.lpush(key('l'), 'a')).toBe(3)
    expect(await redis.lrange(key('l'), 0, -1)).toEqual(['a', 'b', 'c'])

    expect(await redis.sadd(key('set'), 'x', 'y', 'x')).toBe(2)
    expect((await redis.smembers(key('set'))).sort()).toEqual(['x', 'y'])
  })

  test('eval and scripts (EVALSHA falls back to EVAL on NOSCRIPT)', async () => {
    const lua = `
      local current = redis.call('INCRBY', KEYS[1], ARGV[1])
      redis.call('EXPIRE', KEYS[1], ARGV[2])
      return { current, redis.call('TTL', KEYS[1]), 'done' }`
    expect(await redis.eval(lua, [key('lua')], [5, 60])).toEqual([5, 60, 'done'])

    const script = redis.createScript<number>(`return redis.call('INCR', KEYS[1])`)
    expect(await script.exec([key('script')], [])).toBe(1)
    expect(await script.exec([key('script')], [])).toBe(2)
  })

  test('scan with a match pattern', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => redis.set(key(`scan:${i}`), i)))
    const seen = new Set<string>()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, { match: key('scan:*'), count: 10 })
      for (const k of keys) seen.add(k)
      cursor = String(next)
    } while (cursor !== '0')
    expect(seen.size).toBe(25)
  })

  test('pipeline runs in order and reports a failing entry', async () => {
    const results = await redis
      .pipeline()
      .set(key('p'), 'one')
      .incr(key('p-count'))
      .get(key('p'))
      .hset(key('p-hash'), { f: 'v' })
      .hgetall(key('p-hash'))
      .exec()
    expect(results).toEqual(['OK', 1, 'one', 1, { f: 'v' }])

    const failing = redis.pipeline().set(key('p-str'), 'x').incr(key('p-str'))
    await expect(failing.exec()).rejects.toThrow(
      /Command 2 \[ incr \] failed: ERR value is not an integer/,
    )
  })

  test('multi is atomic and returns every result', async () => {
    const results = await redis
      .multi()
      .set(key('m'), 10)
      .incrby(key('m'), 5)
      .lpush(key('m-list'), 'a', 'b')
      .lrange(key('m-list'), 0, -1)
      .exec()
    expect(results).toEqual(['OK', 15, 2, ['b', 'a']])
  })

  test('errors look like the real service: message, and command echoed by the client', async () => {
    await redis.set(key('str'), 'text')
    const expected = enableAutoPipelining
      ? /^Command failed: ERR value is not an integer or out of range$/
      : /^ERR value is not an integer or out of range, command was: \["incr",/
    await expect(redis.incr(key('str'))).rejects.toThrow(expected)
    await expect(redis.hget(key('str'), 'f')).rejects.toThrow(/WRONGTYPE Operation against a key/)
  })

  test('raw protocol: base64 encoding, RESP2 arrays, 401 on a bad token', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${bridge.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bridge.token}`, ...headers },
        body: JSON.stringify(body),
      })

    await post('/', ['HSET', key('raw'), 'k', 'ü'])
    const encoded = await post('/', ['HGETALL', key('raw')], { 'upstash-encoding': 'base64' })
    expect(await encoded.json()).toEqual({
      result: [Buffer.from('k').toString('base64'), Buffer.from('ü').toString('base64')],
    })
    const plain = await post('/', ['HGETALL', key('raw')])
    expect(await plain.json()).toEqual({ result: ['k', 'ü'] })

    const pipeline = await post('/pipeline', [
      ['GET', key('raw')],
      ['EXISTS', key('raw')],
    ])
    expect(pipeline.status).toBe(200)
    expect(await pipeline.json()).toEqual([
      { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
      { result: 1 },
    ])

    const multi = await post('/multi-exec', [
      ['SET', key('raw-m'), 'x'],
      ['INCR', key('raw-m')],
    ])
    expect(multi.status).toBe(200)
    expect(await multi.json()).toEqual([
      { result: 'OK' },
      { error: 'ERR value is not an integer or out of range' },
    ])
    // A command Redis rejects while queueing aborts the whole transaction.
    const aborted = await post('/multi-exec', [['SET', key('raw-aborted'), 'x'], ['NOSUCHCOMMAND']])
    expect(aborted.status).toBe(400)
    expect(await aborted.json()).toEqual({ error: expect.stringMatching(/^EXECABORT/) })
    expect(await redis.exists(key('raw-aborted'))).toBe(0)

    const unauthorized = await post('/', ['GET', key('raw')], { authorization: 'Bearer wrong' })
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.json()).toEqual({ error: 'Unauthorized' })

    const badToken = new Redis({
      url: bridge.url,
      token: 'wrong',
      enableTelemetry: false,
      retry: false,
    })
    await expect(badToken.get(key('raw'))).rejects.toThrow(/Unauthorized/)
  })
})

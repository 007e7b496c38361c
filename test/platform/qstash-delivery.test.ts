import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createQStashVerifier, QStashQueue } from '../../functions/platform/queue/qstash-queue.ts'
import { PermanentJobError } from '../../functions/platform/queue/queue.ts'
import { createTopicRouter, defineTopic } from '../../workflows/topic.ts'
import { type FakeQStash, signQStashJwt, startFakeQStash } from '../support/fake-qstash.ts'
import { createHarness, type Harness } from '../support/harness.ts'

/** QStash end to end: our publisher → a fake QStash → signed delivery → our /queue route → the topic handler. */
describe('QStash queue', () => {
  const received: { payload: unknown; attempt: number }[] = []
  let failNext = 0
  const topics = createTopicRouter([
    defineTopic({
      name: 'echo',
      payload: z.object({ n: z.number() }),
      async handle(payload, _services, meta) {
        if (failNext > 0) {
          failNext -= 1
          throw new Error('try again')
        }
        received.push({ payload, attempt: meta.attempt })
      },
    }),
    defineTopic({
      name: 'broken',
      payload: z.unknown(),
      async handle() {
        throw new PermanentJobError('never')
      },
    }),
  ])

  let qstash: FakeQStash
  let server: Server
  let harness: Harness
  let baseUrl: string

  beforeAll(async () => {
    qstash = await startFakeQStash({ retryBackoffMs: () => 20 })
    server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    harness = await createHarness({
      topics,
      env: {
        PUBLIC_BASE_URL: baseUrl,
        QSTASH_URL: qstash.url,
        QSTASH_TOKEN: qstash.token,
        QSTASH_CURRENT_SIGNING_KEY: qstash.currentSigningKey,
        QSTASH_NEXT_SIGNING_KEY: qstash.nextSigningKey,
      },
      queue: new QStashQueue({ baseUrl: qstash.url, token: qstash.token, publicBaseUrl: baseUrl }),
      verifyDelivery: createQStashVerifier({
        current: qstash.currentSigningKey,
        next: qstash.nextSigningKey,
      }),
    })
    server.on('request', getRequestListener(harness.app.fetch))
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await qstash.close()
    await harness.close()
  })

  it('publishes to /queue/{topic} and the verified delivery reaches the handler', async () => {
    const result = await harness.services.queue.publish('echo', { n: 1 })
    expect(result.deduplicated).toBe(false)
    await qstash.waitForIdle()
    expect(qstash.published.at(-1)?.destination).toBe(`${baseUrl}/queue/echo`)
    expect(received).toContainEqual({ payload: { n: 1 }, attempt: 1 })
  })

  it('deduplicates by id', async () => {
    await harness.services.queue.publish('echo', { n: 2 }, { deduplicationId: 'once' })
    const again = await harness.services.queue.publish(
      'echo',
      { n: 2 },
      { deduplicationId: 'once' },
    )
    expect(again.deduplicated).toBe(true)
    await qstash.waitForIdle()
    expect(received.filter((r) => (r.payload as { n: number }).n === 2)).toHaveLength(1)
  })

  it('answers 500 on a handler failure so QStash retries, and the retry succeeds', async () => {
    failNext = 1
    await harness.services.queue.publish('echo', { n: 3 })
    await qstash.waitForIdle()
    expect(received).toContainEqual({ payload: { n: 3 }, attempt: 2 })
  })

  it('tells QStash not to retry a permanent failure', async () => {
    await harness.services.queue.publish('broken', {})
    await qstash.waitForIdle()
    const attempts = qstash.deliveries.filter((d) => d.url.endsWith('/queue/broken'))
    expect(attempts).toHaveLength(1)
    expect(attempts[0]?.status).toBe(489)
  })

  it('accepts deliveries signed with the next key after a rotation', async () => {
    qstash.useSigningKey('next')
    await harness.services.queue.publish('echo', { n: 4 })
    await qstash.waitForIdle()
    qstash.useSigningKey('current')
    expect(received.some((r) => (r.payload as { n: number }).n === 4)).toBe(true)
  })

  it('rejects a missing, forged or mismatched signature with 401 before parsing', async () => {
    const body = JSON.stringify({ n: 99 })
    const url = `${baseUrl}/queue/echo`
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      wrongKey: await signQStashJwt('not-the-key', url, body),
      otherBody: await signQStashJwt(qstash.currentSigningKey, url, '{"n":100}'),
      otherUrl: await signQStashJwt(qstash.currentSigningKey, `${baseUrl}/queue/broken`, body),
    }
    for (const signature of Object.values(cases)) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(signature ? { 'Upstash-Signature': signature } : {}),
        },
        body,
      })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ detail: 'Invalid or missing Upstash-Signature' })
    }
    expect(received.some((r) => (r.payload as { n: number }).n === 99)).toBe(false)
  })
})

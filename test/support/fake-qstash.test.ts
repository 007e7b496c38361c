import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client, Receiver } from '@upstash/qstash'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type FakeQStash, startFakeQStash } from './fake-qstash.ts'

type Received = {
  path: string
  method: string
  headers: IncomingHttpHeaders
  body: string
  at: number
}

describe('fake QStash with the real @upstash/qstash Client and Receiver', () => {
  let qstash: FakeQStash
  let client: Client
  let app: Server
  let appUrl: string
  const received: Received[] = []
  // Per-path scripted status codes, consumed one per request; 200 once exhausted.
  const scripted = new Map<string, number[]>()

  beforeAll(async () => {
    app = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const path = req.url ?? '/'
        received.push({
          path,
          method: req.method ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        })
        res.writeHead(scripted.get(path)?.shift() ?? 200).end('ok')
      })
    })
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
    qstash = await startFakeQStash({ retryBackoffMs: () => 20 })
    client = new Client({ baseUrl: qstash.url, token: qstash.token, enableTelemetry: false })
  })

  afterEach(async () => {
    await qstash.waitForIdle()
    received.length = 0
  })

  afterAll(async () => {
    await qstash.close()
    await new Promise<void>((resolve) => app.close(() => resolve()))
  })

  const receiver = () =>
    new Receiver({
      currentSigningKey: qstash.currentSigningKey,
      nextSigningKey: qstash.nextSigningKey,
    })
  const signatureOf = (r: Received | undefined) => String(r?.headers['upstash-signature'])

  test('publishJSON is delivered with a signature the Receiver accepts', async () => {
    const url = `${appUrl}/jobs?tenant=t1`
    const res = await client.publishJSON({
      url,
      body: { hello: 'wörld' },
      headers: { 'x-tenant': 't1' },
      retries: 2,
    })
    expect(res.messageId).toMatch(/^msg_/)
    await qstash.waitForIdle()

    const [hit] = received
    expect(hit?.path).toBe('/jobs?tenant=t1')
    expect(hit?.method).toBe('POST')
    expect(JSON.parse(hit?.body ?? '')).toEqual({ hello: 'wörld' })
    expect(hit?.headers['content-type']).toBe('application/json')
    expect(hit?.headers['x-tenant']).toBe('t1')
    expect(hit?.headers['upstash-message-id']).toBe(res.messageId)
    expect(hit?.headers['upstash-retried']).toBe('0')
    await expect(
      receiver().verify({ signature: signatureOf(hit), body: hit?.body ?? '', url }),
    ).resolves.toBe(true)

    expect(qstash.published).toContainEqual(
      expect.objectContaining({ messageId: res.messageId, destination: url, retries: 2 }),
    )
    expect(qstash.published.at(-1)?.state).toBe('delivered')
  })

  test('a tampered body or a different url fails verification', async () => {
    const url = `${appUrl}/tamper`
    await client.publishJSON({ url, body: { amount: 1 } })
    await qstash.waitForIdle()
    const signature = signatureOf(received[0])
    await expect(
      receiver().verify({ signature, body: JSON.stringify({ amount: 1000 }), url }),
    ).rejects.toThrow(/body hash does not match/)
    await expect(
      receiver().verify({ signature, body: received[0]?.body ?? '', url: `${appUrl}/other` }),
    ).rejects.toThrow(/invalid subject/)
  })

  test('a repeated deduplication id is accepted but not delivered again', async () => {
    const url = `${appUrl}/dedup`
    const deduplicationId = `dedup-${Date.now()}`
    const first = await client.publishJSON({ url, body: { n: 1 }, deduplicationId })
    const second = await client.publishJSON({ url, body: { n: 2 }, deduplicationId })
    expect(second).toEqual({ messageId: first.messageId, deduplicated: true })

    const third = await client.publishJSON({
      url,
      body: { same: true },
      contentBasedDeduplication: true,
    })
    const fourth = await client.publishJSON({
      url,
      body: { same: true },
      contentBasedDeduplication: true,
    })
    expect(fourth.messageId).toBe(third.messageId)
    expect(fourth.deduplicated).toBe(true)

    await qstash.waitForIdle()
    expect(received.map((r) => JSON.parse(r.body))).toEqual([{ n: 1 }, { same: true }])
  })

  test('a 500 is retried with Upstash-Retried counting up, until it succeeds', async () => {
    scripted.set('/flaky', [500, 503])
    const { messageId } = await client.publishJSON({ url: `${appUrl}/flaky`, body: {}, retries: 3 })
    await qstash.waitForIdle()
    expect(received.map((r) => r.headers['upstash-retried'])).toEqual(['0', '1', '2'])
    const attempts = qstash.deliveries.filter((d) => d.messageId === messageId)
    expect(attempts.map((d) => d.status)).toEqual([500, 503, 200])
    // Each attempt carries its own, valid signature.
    for (const r of received) {
      await expect(
        receiver().verify({ signature: signatureOf(r), body: r.body, url: `${appUrl}/flaky` }),
      ).resolves.toBe(true)
    }
  })

  test('gives up after the retries count and marks the message failed', async () => {
    scripted.set('/down', [500, 500, 500, 500])
    const { messageId } = await client.publishJSON({ url: `${appUrl}/down`, body: {}, retries: 1 })
    await qstash.waitForIdle()
    expect(received).toHaveLength(2)
    expect(qstash.published.find((m) => m.messageId === messageId)?.state).toBe('failed')
    scripted.delete('/down')
  })

  test('honours Upstash-Delay (scaled by delayScale) and Upstash-Method', async () => {
    const scaled = await startFakeQStash({ delayScale: 0.05 })
    try {
      const scaledClient = new Client({ baseUrl: scaled.url, token: scaled.token })
      const publishedAt = Date.now()
      await scaledClient.publish({
        url: `${appUrl}/later`,
        delay: '10s',
        method: 'PUT',
        body: 'hi',
      })
      await scaled.waitForIdle()
      expect(received[0]?.method).toBe('PUT')
      expect(received[0]?.body).toBe('hi')
      expect((received[0]?.at ?? 0) - publishedAt).toBeGreaterThanOrEqual(450)
      expect(scaled.published[0]?.delayMs).toBe(10_000)
    } finally {
      await scaled.close()
    }
  })

  test('batch publish delivers every message', async () => {
    const res = await client.batchJSON([
      { url: `${appUrl}/batch/a`, body: { a: 1 } },
      { url: `${appUrl}/batch/b`, body: { b: 2 } },
    ])
    expect(res).toHaveLength(2)
    await qstash.waitForIdle()
    expect(received.map((r) => r.path).sort()).toEqual(['/batch/a', '/batch/b'])
  })

  test('key rotation: signed with the next key, verified by a Receiver holding both', async () => {
    const url = `${appUrl}/rotation`
    const before = receiver()
    qstash.useSigningKey('next')
    await client.publishJSON({ url, body: { k: 'next' } })
    await qstash.waitForIdle()
    const signature = signatureOf(received[0])
    const body = received[0]?.body ?? ''
    await expect(before.verify({ signature, body, url })).resolves.toBe(true)
    const currentOnly = new Receiver({
      currentSigningKey: qstash.currentSigningKey,
      nextSigningKey: 'sig_unrelated',
    })
    await expect(currentOnly.verify({ signature, body, url })).rejects.toThrow()

    qstash.useSigningKey('current')
    qstash.rotateSigningKeys()
    received.length = 0
    await client.publishJSON({ url, body: { k: 'rotated' } })
    await qstash.waitForIdle()
    // A receiver configured before the roll still accepts: the old next key is now current.
    await expect(
      before.verify({ signature: signatureOf(received[0]), body: received[0]?.body ?? '', url }),
    ).resolves.toBe(true)
  })

  test('rejects a wrong token with 401', async () => {
    const intruder = new Client({ baseUrl: qstash.url, token: 'wrong', retry: false })
    await expect(intruder.publishJSON({ url: `${appUrl}/x`, body: {} })).rejects.toThrow(
      /Unauthorized/,
    )
  })
})

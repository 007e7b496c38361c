import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { SignJWT } from 'jose'
import { listenOnLoopback } from './loopback-server.ts'

/**
 * An in-process QStash for `new Client({ baseUrl: fake.url, token: fake.token })`:
 * it accepts publishes, then really delivers them over HTTP with a genuine
 * `Upstash-Signature`, so handlers can be tested with the real `Receiver`.
 * Not covered: URL groups, queues, schedules, callbacks, DLQ/log APIs.
 */
export type PublishedMessage = {
  messageId: string
  destination: string
  method: string
  body: string
  /** Content-Type plus the `Upstash-Forward-*` headers with the prefix removed (lower-cased). */
  headers: Record<string, string>
  /** Requested delay before the first attempt, before `delayScale` is applied. */
  delayMs: number
  retries: number
  deduplicationId?: string
  state: 'scheduled' | 'delivered' | 'failed'
}

export type DeliveryAttempt = {
  messageId: string
  url: string
  /** 0 for the first attempt; equals the `Upstash-Retried` header sent. */
  retried: number
  /** Undefined when the request itself failed (connection refused, timeout). */
  status?: number
  error?: string
  headers: Record<string, string>
  body: string
}

export type FakeQStashOptions = {
  port?: number
  token?: string
  currentSigningKey?: string
  nextSigningKey?: string
  /** Which key signs deliveries; 'next' simulates QStash after a key rotation. */
  signWith?: 'current' | 'next'
  /** Multiplies requested delays; 0 delivers at once while still recording `delayMs`. */
  delayScale?: number
  /** Wait before retry number `retried` (1-based). Real QStash backs off for minutes. */
  retryBackoffMs?: (retried: number) => number
  /** Used when a publish has no `Upstash-Retries` header; real QStash defaults to 3. */
  defaultRetries?: number
  deliveryTimeoutMs?: number
}

export type FakeQStash = {
  url: string
  token: string
  readonly currentSigningKey: string
  readonly nextSigningKey: string
  published: PublishedMessage[]
  deliveries: DeliveryAttempt[]
  useSigningKey(which: 'current' | 'next'): void
  /** Like the console's "roll keys": next becomes current and a fresh next is made. */
  rotateSigningKeys(): void
  /** Resolves once nothing is scheduled, in flight or waiting to retry. */
  waitForIdle(timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function signQStashJwt(key: string, url: string, body: Buffer | string) {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ body: createHash('sha256').update(body).digest('base64url') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('Upstash')
    .setSubject(url)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 300)
    .setJti(`jwt_${randomUUID()}`)
    .sign(new TextEncoder().encode(key))
}

const newKey = () => `sig_${randomBytes(21).toString('base64url')}`
const newMessageId = () => `msg_${randomBytes(24).toString('base64url')}`

export async function startFakeQStash(options: FakeQStashOptions = {}): Promise<FakeQStash> {
  const token = options.token ?? `qstash_${randomBytes(18).toString('base64url')}`
  const keys = {
    current: options.currentSigningKey ?? newKey(),
    next: options.nextSigningKey ?? newKey(),
  }
  let signWith = options.signWith ?? 'current'
  const delayScale = options.delayScale ?? 1
  const backoff = options.retryBackoffMs ?? ((retried: number) => 100 * retried)
  const published: PublishedMessage[] = []
  const deliveries: DeliveryAttempt[] = []
  const dedup = new Map<string, string>()
  const timers = new Set<NodeJS.Timeout>()
  const inFlight = new Set<AbortController>()
  const bodies = new Map<string, Buffer>()
  let pending = 0
  let idleWaiters: Array<() => void> = []
  let closed = false

  const settle = (message: PublishedMessage, state: PublishedMessage['state']) => {
    message.state = state
    bodies.delete(message.messageId)
    pending -= 1
    if (pending === 0) for (const resolve of idleWaiters.splice(0)) resolve()
  }

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closed) run()
    }, ms)
    timers.add(timer)
  }

  async function attempt(message: PublishedMessage, retried: number): Promise<void> {
    const body = bodies.get(message.messageId) ?? Buffer.alloc(0)
    const headers: Record<string, string> = {
      ...message.headers,
      'user-agent': 'Upstash-QStash',
      'upstash-message-id': message.messageId,
      'upstash-retried': String(retried),
      'upstash-signature': await signQStashJwt(keys[signWith], message.destination, body),
    }
    const record: DeliveryAttempt = {
      messageId: message.messageId,
      url: message.destination,
      retried,
      headers,
      body: body.toString('utf8'),
    }
    deliveries.push(record)
    const controller = new AbortController()
    inFlight.add(controller)
    const timeout = setTimeout(() => controller.abort(), options.deliveryTimeoutMs ?? 15_000)
    let nonRetryable = false
    try {
      const hasBody = message.method !== 'GET' && message.method !== 'HEAD'
      const res = await fetch(message.destination, {
        method: message.method,
        headers,
        body: hasBody ? new Uint8Array(body) : undefined,
        signal: controller.signal,
      })
      await res.arrayBuffer().catch(() => undefined)
      record.status = res.status
      nonRetryable = res.status === 489 && res.headers.get('upstash-nonretryable-error') === 'true'
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error)
    } finally {
      clearTimeout(timeout)
      inFlight.delete(controller)
    }
    if (closed) return
    const ok = record.status !== undefined && record.status >= 200 && record.status < 300
    if (ok) settle(message, 'delivered')
    else if (nonRetryable || retried >= message.retries) settle(message, 'failed')
    else later(backoff(retried + 1), () => void attempt(message, retried + 1))
  }

  function accept(destination: string, headers: Headers, body: Buffer) {
    if (!isDestination(destination)) {
      return { status: 400, payload: { error: `invalid destination url: ${destination}` } }
    }
    const forwarded: Record<string, string> = {}
    const contentType = headers.get('content-type')
    if (contentType) forwarded['content-type'] = contentType
    for (const [name, value] of headers) {
      if (name.startsWith('upstash-forward-')) forwarded[name.slice(16)] = value
    }
    const dedupId =
      headers.get('upstash-deduplication-id') ??
      (headers.get('upstash-content-based-deduplication') === 'true'
        ? contentHash(destination, body, forwarded)
        : undefined)
    const existing = dedupId === undefined ? undefined : dedup.get(dedupId)
    if (existing) return { status: 202, payload: { messageId: existing, deduplicated: true } }

    const notBefore = Number(headers.get('upstash-not-before') ?? Number.NaN)
    const delayMs = Number.isFinite(notBefore)
      ? Math.max(0, notBefore * 1000 - Date.now())
      : parseDuration(headers.get('upstash-delay'))
    const retriesHeader = Number(headers.get('upstash-retries') ?? Number.NaN)
    const message: PublishedMessage = {
      messageId: newMessageId(),
      destination,
      method: (headers.get('upstash-method') ?? 'POST').toUpperCase(),
      body: body.toString('utf8'),
      headers: forwarded,
      delayMs,
      retries: Number.isInteger(retriesHeader) ? retriesHeader : (options.defaultRetries ?? 3),
      deduplicationId: headers.get('upstash-deduplication-id') ?? undefined,
      state: 'scheduled',
    }
    if (dedupId !== undefined) dedup.set(dedupId, message.messageId)
    published.push(message)
    bodies.set(message.messageId, body)
    pending += 1
    later(delayMs * delayScale, () => void attempt(message, 0))
    return { status: 201, payload: { messageId: message.messageId } }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${token}`) {
      return send(res, 401, { error: 'Unauthorized' })
    }
    const rawUrl = req.url ?? '/'
    const body = await readBody(req)
    const headers = toHeaders(req)
    if (req.method === 'POST' && rawUrl.startsWith('/v2/publish/')) {
      const { status, payload } = accept(decodeDestination(rawUrl.slice(12)), headers, body)
      return send(res, status, payload)
    }
    if (req.method === 'POST' && rawUrl.split('?')[0] === '/v2/batch') {
      let items: unknown
      try {
        items = JSON.parse(body.toString('utf8'))
      } catch {
        return send(res, 400, { error: 'invalid json body' })
      }
      if (!Array.isArray(items)) return send(res, 400, { error: 'expected an array of messages' })
      const batch = items.map((item: BatchItem) => ({
        destination: String(item?.destination ?? ''),
        headers: new Headers(item?.headers ?? {}),
        body: Buffer.from(item?.body ?? ''),
      }))
      // Validate everything first so a bad entry doesn't leave half a batch scheduled.
      const invalid = batch.find((m) => !isDestination(m.destination))
      if (invalid)
        return send(res, 400, { error: `invalid destination url: ${invalid.destination}` })
      const payloads = batch.map((m) => accept(m.destination, m.headers, m.body).payload)
      return send(res, 200, payloads)
    }
    send(res, 404, { error: `not supported by the fake: ${req.method} ${rawUrl}` })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) })
    })
  })
  const port = await listenOnLoopback(server, options.port)

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get currentSigningKey() {
      return keys.current
    },
    get nextSigningKey() {
      return keys.next
    },
    published,
    deliveries,
    useSigningKey(which) {
      signWith = which
    },
    rotateSigningKeys() {
      keys.current = keys.next
      keys.next = newKey()
    },
    waitForIdle(timeoutMs = 10_000) {
      if (pending === 0) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          idleWaiters = idleWaiters.filter((w) => w !== done)
          reject(new Error(`fake QStash not idle after ${timeoutMs} ms: ${pending} pending`))
        }, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          resolve()
        }
        idleWaiters.push(done)
      })
    },
    async close() {
      if (closed) return
      closed = true
      for (const timer of timers) clearTimeout(timer)
      for (const controller of inFlight) controller.abort()
      for (const resolve of idleWaiters.splice(0)) resolve()
      const done = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await done
    },
  }
}

type BatchItem = { destination?: unknown; headers?: Record<string, string>; body?: string } | null

function isDestination(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value)
}

/** "10s", "1m30s", "2h", "1d", "500ms" → milliseconds (QStash's duration syntax). */
function parseDuration(value: string | null): number {
  if (!value) return 0
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
  let total = 0
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(amount) * (units[unit ?? 's'] ?? 0)
  }
  return total
}

// The client joins the destination into the path verbatim; percent-decoding
// only applies when a caller encoded the whole URL as one path segment.
function decodeDestination(raw: string): string {
  return /^https?%3A/i.test(raw) ? decodeURIComponent(raw) : raw
}

// Mirrors QStash's documented inputs: destination, body, Content-Type and forwarded headers.
function contentHash(destination: string, body: Buffer, headers: Record<string, string>): string {
  const hash = createHash('sha256').update(destination).update('\0').update(body)
  for (const name of Object.keys(headers).sort()) hash.update(`\0${name}:${headers[name]}`)
  return `content:${hash.digest('hex')}`
}

function toHeaders(req: IncomingMessage): Headers {
  const entries = Object.entries(req.headers).flatMap(([name, value]) =>
    [value ?? []].flat().map((v): [string, string] => [name, v]),
  )
  return new Headers(entries)
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json' }).end(body)
}

import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { Redis } from 'ioredis'
import { listenOnLoopback } from './loopback-server.ts'

/**
 * An Upstash-compatible REST front for a real Redis, so the unmodified
 * `@upstash/redis` client (Node or workerd) can run against 127.0.0.1.
 * Protocol notes: stack-probe §6c.
 */
export type UpstashRedisBridge = {
  /** Pass as `new Redis({ url, token })`. */
  url: string
  token: string
  close(): Promise<void>
}

export type UpstashRedisBridgeOptions = {
  /** e.g. `redis://127.0.0.1:6379` (a `/db` suffix selects the database). */
  redisUrl: string
  /** Bearer token clients must send; random when omitted. */
  token?: string
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
}

type Reply = { result: unknown } | { error: string }

// One shared connection serves every request, so commands that block it, change
// its state for everyone, or switch it into another mode are refused up front.
const REFUSED = new Set(
  [
    'BLPOP BRPOP BLMOVE BRPOPLPUSH BZPOPMIN BZPOPMAX BLMPOP BZMPOP WAIT MONITOR',
    'SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE',
    'SELECT SWAPDB QUIT RESET HELLO AUTH CLIENT SHUTDOWN MULTI EXEC DISCARD WATCH UNWATCH',
  ]
    .join(' ')
    .split(' '),
)

export async function startUpstashRedisBridge(
  options: UpstashRedisBridgeOptions,
): Promise<UpstashRedisBridge> {
  const token = options.token ?? randomBytes(18).toString('base64url')
  // RESP2 is what Upstash returns; ioredis 6 defaults to RESP3, whose maps,
  // booleans and doubles the client's decoder would turn into null.
  const redis = new Redis(options.redisUrl, {
    protocol: 2,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  })
  // Connection drops surface per command as replies; this only stops an unhandled 'error' event.
  redis.on('error', () => {})
  await redis.connect()

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: `ERR bridge failure: ${messageOf(error)}` })
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAuthorized(req.headers.authorization, token)) {
      send(res, 401, { error: 'Unauthorized' })
      return
    }
    const path = new URL(req.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '') || '/'
    if (req.method !== 'POST') {
      send(res, 405, { error: 'ERR only POST is supported by this bridge' })
      return
    }
    const body = await readJson(req)
    const base64 = (req.headers['upstash-encoding'] ?? '').toString().toLowerCase() === 'base64'

    if (path === '/') {
      const command = toCommand(body)
      if (!command) {
        send(res, 400, { error: 'ERR failed to parse command' })
        return
      }
      const reply = await runOne(command, base64)
      send(res, 'error' in reply ? 400 : 200, reply)
      return
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      const commands = Array.isArray(body) ? body.map(toCommand) : undefined
      if (!commands || commands.length === 0 || commands.some((c) => !c)) {
        send(res, 400, { error: 'ERR failed to parse pipeline request' })
        return
      }
      const valid = commands.filter((c): c is string[] => c !== undefined)
      if (path === '/pipeline') {
        // ioredis writes these in order on one connection, matching Upstash's sequential pipeline.
        send(res, 200, await Promise.all(valid.map((c) => runOne(c, base64))))
        return
      }
      const result = await runMulti(valid, base64)
      if ('error' in result) send(res, 400, result)
      else send(res, 200, result.replies)
      return
    }
    send(res, 404, { error: `ERR unknown endpoint: ${path}` })
  }

  async function runOne(command: string[], base64: boolean): Promise<Reply> {
    const [name = '', ...args] = command
    const refused = refusal(name)
    if (refused) return { error: refused }
    try {
      // Upper case keeps ioredis from applying its reply transformers (hgetall → object, etc.).
      return { result: encode(await redis.callBuffer(name.toUpperCase(), ...args), base64) }
    } catch (error) {
      return { error: messageOf(error) }
    }
  }

  async function runMulti(
    commands: string[][],
    base64: boolean,
  ): Promise<{ replies: Reply[] } | { error: string }> {
    for (const [name = ''] of commands) {
      const refused = refusal(name)
      if (refused) return { error: refused }
    }
    const multi = redis.multi()
    for (const [name = '', ...args] of commands) multi.callBuffer(name.toUpperCase(), ...args)
    try {
      const results = (await multi.exec()) ?? []
      return {
        replies: results.map(([error, value]) =>
          error ? { error: messageOf(error) } : { result: encode(value, base64) },
        ),
      }
    } catch (error) {
      // EXECABORT: a command was rejected while queueing, so nothing ran.
      return { error: messageOf(error) }
    }
  }

  const port = await listenOnLoopback(server, options.port)

  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await closed
        await redis.quit().catch(() => redis.disconnect())
      })()
      return closing
    },
  }
}

function refusal(name: string): string | undefined {
  const upper = name.toUpperCase()
  return REFUSED.has(upper) ? `ERR Command is not available: '${upper}'` : undefined
}

function toCommand(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  const parts: string[] = []
  for (const part of value) {
    // The client sends numbers and booleans as JSON scalars and objects pre-stringified.
    if (typeof part === 'string') parts.push(part)
    else if (typeof part === 'number' || typeof part === 'boolean') parts.push(String(part))
    else if (part === null) parts.push('null')
    else return undefined
  }
  const [name] = parts
  return name ? parts : undefined
}

/** RESP2 value → the JSON Upstash sends: bulk strings as base64 (or UTF-8), integers and nil as-is. */
function encode(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return value.toString(base64 ? 'base64' : 'utf8')
  if (Array.isArray(value)) return value.map((item) => encode(item, base64))
  // A nested error (e.g. inside a Lua table reply) is reported by its message, like Upstash does.
  if (value instanceof Error) return value.message
  return value ?? null
}

function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '')
  if (!match?.[1]) return false
  const given = Buffer.from(match[1])
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

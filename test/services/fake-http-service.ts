import { readBody, sendJson, startLoopbackServer } from '../support/loopback-server.ts'

/**
 * A customer's HTTP service on loopback: answers per `METHOD /path` with scripted replies and
 * records every request with its arrival and answer times (performance.now()), so tests can
 * check what was sent and whether calls overlapped.
 */
export type RecordedRequest = {
  method: string
  path: string
  query: Record<string, string | string[]>
  headers: Record<string, string | string[] | undefined>
  body: unknown
  startedAt: number
  endedAt: number | null
}

export type Reply = {
  status?: number
  body?: unknown
  headers?: Record<string, string>
  /** Never answer (the client must time out). */
  hang?: boolean
}

export type Route = (request: RecordedRequest) => Reply | Promise<Reply>

export type FakeService = {
  url: string
  requests: RecordedRequest[]
  /** Replaces (or adds) the handler of `METHOD /path`. */
  route(key: string, handler: Route): void
  calls(key: string): RecordedRequest[]
  close(): Promise<void>
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key)
    query[key] = values.length === 1 ? (values[0] ?? '') : values
  }
  return query
}

export async function startFakeService(routes: Record<string, Route> = {}): Promise<FakeService> {
  const table = new Map(Object.entries(routes))
  const requests: RecordedRequest[] = []
  const server = await startLoopbackServer(async (request, response) => {
    const startedAt = performance.now()
    const url = new URL(request.url ?? '/', 'http://fake')
    const raw = (await readBody(request)).toString('utf8')
    let body: unknown = raw === '' ? null : raw
    try {
      body = raw === '' ? null : JSON.parse(raw)
    } catch {
      // Not JSON: keep the text.
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: parseQuery(url.searchParams),
      headers: request.headers,
      body,
      startedAt,
      endedAt: null,
    }
    requests.push(recorded)
    const handler = table.get(`${recorded.method} ${recorded.path}`)
    const reply: Reply = handler
      ? await handler(recorded)
      : { status: 404, body: { detail: 'Not Found' } }
    if (reply.hang) return
    response.on('finish', () => {
      recorded.endedAt = performance.now()
    })
    sendJson(response, reply.status ?? 200, reply.body ?? null, reply.headers ?? {})
  })
  return {
    url: server.url,
    requests,
    route: (key, handler) => table.set(key, handler),
    calls: (key) => requests.filter((r) => `${r.method} ${r.path}` === key),
    close: server.close,
  }
}

/** Resolves when `count` callers have arrived (or after `timeoutMs`, so a sequential caller is not stuck). */
export function barrier(count: number, timeoutMs = 2_000): () => Promise<void> {
  let arrived = 0
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return async () => {
    arrived += 1
    if (arrived >= count) open()
    await Promise.race([opened, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
  }
}

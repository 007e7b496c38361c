import type { CapabilityMethod } from '../../db/schema/index.ts'

/**
 * The one executor for a capability action's HTTP call, shared by the action registry bridge and
 * pipeline steps: path parameters from `{name}` placeholders, the rest as the query string for
 * GET/HEAD/OPTIONS or as a JSON body otherwise, an Idempotency-Key on bodies, a timeout.
 */
export type HttpCallRequest = {
  baseUrl: string
  method: CapabilityMethod
  path: string
  /** The capability's headers (credentials), already unsealed. */
  headers: Record<string, string>
  input: Record<string, unknown>
  idempotencyKey?: string
  timeoutMs: number
  /** Aborts the call early (the caller's own deadline). */
  signal?: AbortSignal
}

export type RequestSnapshot = {
  method: CapabilityMethod
  path: string
  query?: Record<string, string | string[]>
  json_body?: unknown
}

type Common = {
  requestSnapshot: RequestSnapshot
  /** The JSON body sent, null for query-string methods. */
  acceptedPayload: unknown
  durationMs: number
}

export type HttpCallResult =
  | (Common & { kind: 'response'; statusCode: number; body: unknown; retryAfterMs: number | null })
  | (Common & { kind: 'timeout'; message: string })
  | (Common & { kind: 'network_error'; message: string })

const QUERY_METHODS: ReadonlySet<CapabilityMethod> = new Set(['GET', 'HEAD', 'OPTIONS'])

export const usesQueryString = (method: CapabilityMethod) => QUERY_METHODS.has(method)

function queryValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Substitutes `{name}` path parameters; what they consume does not go into the query or body. */
function fillPath(path: string, input: Record<string, unknown>) {
  const rest = { ...input }
  const filled = path.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in rest)) return whole
    const value = rest[name]
    delete rest[name]
    return encodeURIComponent(queryValue(value))
  })
  return { path: filled, rest }
}

function buildQuery(input: Record<string, unknown>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue
    query[key] = Array.isArray(value) ? value.map(queryValue) : queryValue(value)
  }
  return query
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Retry-After in seconds or as a date, for 429/503 answers. */
function retryAfter(response: Response, now: number): number | null {
  const header = response.headers.get('Retry-After')
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** fetch's own message is just "fetch failed"; the cause says what happened (ECONNREFUSED…). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? error.cause.message : ''
  return cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message
}

export async function callHttpAction(request: HttpCallRequest): Promise<HttpCallResult> {
  const { path, rest } = fillPath(request.path, request.input)
  const url = new URL(`${request.baseUrl.replace(/\/+$/, '')}${path}`)
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers }
  const snapshot: RequestSnapshot = { method: request.method, path }
  let body: string | undefined
  let acceptedPayload: unknown = null
  if (usesQueryString(request.method)) {
    const query = buildQuery(rest)
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item)
    }
    if (Object.keys(query).length > 0) snapshot.query = query
  } else {
    acceptedPayload = rest
    snapshot.json_body = rest
    body = JSON.stringify(rest)
    headers['Content-Type'] = 'application/json'
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey
  }
  const timeout = AbortSignal.timeout(request.timeoutMs)
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
  const started = Date.now()
  const common = () => ({
    requestSnapshot: snapshot,
    acceptedPayload,
    durationMs: Date.now() - started,
  })
  try {
    const response = await fetch(url, { method: request.method, headers, body, signal })
    const responseBody = await readBody(response)
    return {
      kind: 'response',
      statusCode: response.status,
      body: responseBody,
      retryAfterMs: retryAfter(response, Date.now()),
      ...common(),
    }
  } catch (error) {
    if (timeout.aborted) {
      return { kind: 'timeout', message: `no answer within ${request.timeoutMs} ms`, ...common() }
    }
    return { kind: 'network_error', message: describeFailure(error), ...common() }
  }
}

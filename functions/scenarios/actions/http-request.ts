import { z } from 'zod'
import { defineAction, failure } from '../../actions/define.ts'
import type { ActionOutcome } from '../../actions/types.ts'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
const MAX_TIMEOUT_SECONDS = 120
/** Larger bodies are cut: a response lands in `_cache`, which travels with the execution. */
const MAX_BODY_CHARS = 1_000_000

/** Headers that carry credentials are shown masked in a simulation's recorded calls. */
const SECRET_HEADERS =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i

const masked = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SECRET_HEADERS.test(name) ? '***' : value,
    ]),
  )

type QueryValue = string | number | boolean | (string | number | boolean)[]

function urlWithQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  const target = new URL(url)
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      target.searchParams.append(key, String(item))
    }
  }
  return target.toString()
}

async function readBody(response: Response): Promise<unknown> {
  const text = (await response.text()).slice(0, MAX_BODY_CHARS)
  if (text === '') return null
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export const httpRequest = defineAction({
  name: 'http_request',
  service: 'http_api',
  description:
    'HTTP-запрос к внешнему сервису: метод, URL, заголовки, query, JSON-тело, таймаут. Ответ (статус, заголовки, тело) — в response_data; не 2xx — result: error',
  access: 'public',
  isMutating: true,
  isIdempotent: false,
  timeoutMs: (MAX_TIMEOUT_SECONDS + 5) * 1000,
  replaceableField: 'response_body',
  extraResults: ['timeout'],
  input: z.object({
    method: z.enum(METHODS).default('GET').describe('HTTP-метод'),
    url: z.url({ protocol: /^https?$/ }).describe('Адрес (http или https)'),
    headers: z.record(z.string(), z.string()).optional().describe('Заголовки запроса'),
    query: z
      .record(
        z.string(),
        z.union([
          z.string(),
          z.number(),
          z.boolean(),
          z.array(z.union([z.string(), z.number(), z.boolean()])),
        ]),
      )
      .optional()
      .describe('Параметры строки запроса'),
    json: z.unknown().optional().describe('Тело запроса, отправляется как JSON'),
    timeout: z
      .number()
      .min(0.1)
      .max(MAX_TIMEOUT_SECONDS)
      .default(30)
      .describe('Таймаут в секундах'),
  }),
  output: z.object({
    response_status: z.number().int().describe('HTTP-статус ответа'),
    response_headers: z.record(z.string(), z.string()).describe('Заголовки ответа'),
    response_body: z.unknown().describe('Тело ответа: JSON разобран, иначе текст'),
  }),
  example: {
    method: 'POST',
    url: 'https://api.example.com/orders',
    json: { user: '{user_id}' },
  },
  async execute(input, context): Promise<ActionOutcome> {
    const url = urlWithQuery(input.url, input.query)
    const headers: Record<string, string> = { ...input.headers }
    const hasBody = input.json !== undefined && input.method !== 'GET' && input.method !== 'HEAD'
    if (hasBody) headers['content-type'] ??= 'application/json'
    if (context.idempotencyKey && input.method !== 'GET' && input.method !== 'HEAD') {
      headers['idempotency-key'] ??= context.idempotencyKey
    }
    if (context.simulation) {
      context.simulation.record({
        service: 'http',
        method: input.method,
        payload: { url, headers: masked(headers), ...(hasBody ? { json: input.json } : {}) },
      })
      return {
        result: 'success',
        response_data: { response_status: 200, response_headers: {}, response_body: null },
      }
    }
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(input.timeout * 1000)])
    let response: Response
    try {
      response = await fetch(url, {
        method: input.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(input.json) } : {}),
        signal,
      })
    } catch (error) {
      if (signal.aborted) {
        return {
          result: 'timeout',
          error: {
            code: 'TIMEOUT',
            message: `${input.method} ${url} took longer than ${input.timeout} s`,
          },
        }
      }
      return failure('API_ERROR', `${input.method} ${url} failed: ${(error as Error).message}`)
    }
    const responseData = {
      response_status: response.status,
      response_headers: Object.fromEntries(response.headers.entries()),
      response_body: await readBody(response),
    }
    if (response.ok) return { result: 'success', response_data: responseData }
    return {
      result: 'error',
      error: { code: 'HTTP_ERROR', message: `${input.method} ${url} answered ${response.status}` },
      response_data: responseData,
    }
  },
})

import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import type { Logger } from './logger.ts'

/** A failure with a status and a `detail` the client may see; services throw these, never build responses. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode
  readonly detail: unknown
  readonly headers: Record<string, string>

  constructor(status: ContentfulStatusCode, detail: unknown, headers: Record<string, string> = {}) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail))
    this.name = 'HttpError'
    this.status = status
    this.detail = detail
    this.headers = headers
  }
}

export const CREDENTIALS_DETAIL = 'Could not validate credentials'

export const badRequest = (detail: unknown) => new HttpError(400, detail)
export const unauthorized = () =>
  new HttpError(401, CREDENTIALS_DETAIL, { 'WWW-Authenticate': 'Bearer' })
export const forbidden = (detail = 'Not enough permissions') => new HttpError(403, detail)
export const notFound = (detail = 'Not Found') => new HttpError(404, detail)
export const conflict = (detail: string) => new HttpError(409, detail)

/** FastAPI's validation item: where (`loc`), what (`msg`), and a machine-readable `type`. */
export type ValidationItem = { loc: (string | number)[]; msg: string; type: string }

const LOCATION: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
}

export function validationItems(error: ZodError, target: string): ValidationItem[] {
  return error.issues.map((issue) => ({
    loc: [
      LOCATION[target] ?? target,
      ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    ],
    msg: issue.message,
    type: issue.code,
  }))
}

export const validationError = (items: ValidationItem[]) => new HttpError(422, items)

/** The only place an error becomes a response. A 500 never carries internals. */
export function renderError(error: unknown, c: Context, log: Logger): Response {
  const requestId = c.res.headers.get('X-Request-Id') ?? c.get('requestId')
  if (error instanceof HttpError) {
    return c.json({ detail: error.detail }, error.status, error.headers)
  }
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message)) {
      return c.json(
        { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] },
        422,
      )
    }
    return c.json({ detail: error.message || 'Request failed' }, error.status)
  }
  log.error('http.unhandled_error', { requestId, path: c.req.path, error })
  return c.json({ detail: 'Internal Server Error', request_id: requestId }, 500)
}

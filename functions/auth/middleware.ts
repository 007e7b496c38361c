import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../platform/context.ts'
import { unauthorized } from '../platform/errors.ts'
import { authenticate } from './service.ts'

/** Resolves `Authorization: Bearer <JWT | API key>` to `c.var.actor`, or answers 401. */
export const requireActor = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim())
  const credential = match?.[1]
  const actor = credential ? await authenticate(c.var.services, credential) : null
  if (!actor) throw unauthorized()
  c.set('actor', actor)
  await next()
})

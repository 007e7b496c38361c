import { createRoute, z } from '@hono/zod-openapi'
import { createRouter, json } from '../platform/openapi.ts'
import { checkHealth } from './health.ts'

const CheckSchema = z.object({
  status: z.enum(['ok', 'error']),
  kind: z.string().optional(),
  latency_ms: z.number().int(),
  error: z.string().optional(),
})

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    checks: z.object({ db: CheckSchema, cache: CheckSchema, queue: CheckSchema }),
  })
  .openapi('Health')

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  operationId: 'health',
  summary: 'Status of the database, cache and queue',
  security: [],
  responses: {
    200: json(HealthSchema, 'Everything answers'),
    503: json(HealthSchema, 'Something does not answer'),
  },
})

export const systemRoutes = createRouter().openapi(healthRoute, async (c) => {
  const health = await checkHealth(c.var.services)
  return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503)
})

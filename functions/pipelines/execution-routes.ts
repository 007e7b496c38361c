import { createRoute, z } from '@hono/zod-openapi'
import { primaryMembership } from '../auth/actor.ts'
import { requireActor } from '../auth/middleware.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import { listRuns, presentRun, requireRun } from './executions.ts'
import { cancelRun } from './run/cancel-run.ts'
import { notReadyBody, PipelineNotReadyError } from './run/readiness.ts'
import { retryRun } from './run/start-run.ts'
import { lastEventId, streamRunEvents } from './run-events-stream.ts'
import {
  ExecutionListQuerySchema,
  ExecutionRunDetailResponseSchema,
  ExecutionRunListItemResponseSchema,
  RunIdParamSchema,
  RunPipelineRequestSchema,
  RunPipelineResponseSchema,
} from './schema.ts'

const common = { tags: ['Executions'], security: bearerSecurity, middleware: [requireActor] }

const listRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/executions',
  operationId: 'listExecutions',
  summary: 'Получить список запусков execution',
  description: "The organization's runs, newest first.",
  request: { query: ExecutionListQuerySchema },
  responses: {
    200: json(ExecutionRunListItemResponseSchema.array(), 'Список запусков'),
    ...errorResponses(401),
  },
})

const detailRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/executions/{run_id}',
  operationId: 'getExecution',
  summary: 'Получить детальный отчёт execution run',
  description:
    'Steps in step order. Beside the contract’s fields: `retry_of` on the run, `attempt` (HTTP attempts made) on each step.',
  request: { params: RunIdParamSchema },
  responses: {
    200: json(ExecutionRunDetailResponseSchema, 'Детали запуска с шагами'),
    ...errorResponses(401, 404),
  },
})

const cancelRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/executions/{run_id}/cancel',
  operationId: 'cancelExecution',
  summary: 'Cancel a run',
  description:
    'Pending steps become SKIPPED at once; a step already calling its service finishes first. The run then ends FAILED, or PARTIAL_FAILED when some steps succeeded, with `error` "Run cancelled" and `summary.cancelled`. 409 when the run has already finished.',
  request: { params: RunIdParamSchema },
  responses: {
    200: json(ExecutionRunDetailResponseSchema, 'The run as it is after the cancel'),
    ...errorResponses(401, 404, 409),
  },
})

const retryRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/executions/{run_id}/retry',
  operationId: 'retryExecution',
  summary: 'Retry a failed run from its failed step',
  description:
    'A new run with `retry_of` set: steps that succeeded keep their outputs and records, the others run again. `inputs`, if given, override the failed run’s. 409 unless the run is FAILED or PARTIAL_FAILED.',
  request: {
    params: RunIdParamSchema,
    body: {
      required: false,
      content: { 'application/json': { schema: RunPipelineRequestSchema } },
    },
  },
  responses: {
    202: json(RunPipelineResponseSchema, 'The new run is queued'),
    ...errorResponses(400, 401, 404, 409),
  },
})

const eventsRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/executions/{run_id}/events',
  operationId: 'streamExecutionEvents',
  summary: 'Server-sent events of the run’s status changes',
  description:
    'Events `run` and `step`, each with an `id:` numbered 1, 2, … per run; data is JSON `{run_id, seq, type, step?, status, error?, attempt?, status_code?, at}`. Reconnect with `Last-Event-ID` (or `?last_event_id=`) to resume after that event. The stream ends after the run’s final event.',
  request: {
    params: RunIdParamSchema,
    query: z.object({ last_event_id: z.coerce.number().int().min(0).optional() }),
    headers: z.object({ 'last-event-id': z.string().optional() }),
  },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(401, 404),
  },
})

const scopeOf = (actor: Parameters<typeof primaryMembership>[0]) => ({
  organizationId: primaryMembership(actor).organizationId,
  userId: actor.userId,
})

export const executionRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { organizationId } = scopeOf(c.var.actor)
    return c.json(await listRuns(c.var.services.db, organizationId, c.req.valid('query')), 200)
  })
  .openapi(detailRoute, async (c) => {
    const { organizationId } = scopeOf(c.var.actor)
    const run = await requireRun(c.var.services.db, organizationId, c.req.valid('param').run_id)
    return c.json(presentRun(run), 200)
  })
  .openapi(cancelRoute, async (c) => {
    const { organizationId } = scopeOf(c.var.actor)
    const { run_id } = c.req.valid('param')
    await cancelRun(c.var.services, organizationId, run_id)
    return c.json(presentRun(await requireRun(c.var.services.db, organizationId, run_id)), 200)
  })
  .openapi(retryRoute, async (c) => {
    const { run_id } = c.req.valid('param')
    const inputs = (c.req.header('Content-Type') ?? '').includes('json')
      ? c.req.valid('json').inputs
      : {}
    try {
      return c.json(await retryRun(c.var.services, scopeOf(c.var.actor), run_id, inputs), 202)
    } catch (error) {
      if (!(error instanceof PipelineNotReadyError)) throw error
      return c.json(notReadyBody(error), 400)
    }
  })
  .openapi(eventsRoute, async (c) => {
    const { organizationId } = scopeOf(c.var.actor)
    const { run_id } = c.req.valid('param')
    const { db } = c.var.services
    await requireRun(db, organizationId, run_id)
    const after = lastEventId(c.req.header('Last-Event-ID'), c.req.valid('query').last_event_id)
    return streamRunEvents(c, db, run_id, after)
  })

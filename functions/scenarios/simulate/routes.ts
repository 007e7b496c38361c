import { createRoute } from '@hono/zod-openapi'
import { requireMembership } from '../../auth/actor.ts'
import { requireActor } from '../../auth/middleware.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../../platform/openapi.ts'
import { TenantIdParamSchema } from '../../tenants/schema.ts'
import { SimulateRequestSchema, SimulateResponseSchema } from './schema.ts'
import { organizationOfTenant, simulateEvent } from './simulate.ts'

const simulateRoute = createRoute({
  tags: ['Scenarios'],
  security: bearerSecurity,
  middleware: [requireActor],
  method: 'post',
  path: '/api/v1/tenants/{tenant_id}/simulate',
  operationId: 'simulateScenarioEvent',
  summary: 'Run an event through the scenarios without changing anything (admins)',
  description:
    "Matches the event against the tenant's scenarios (or the YAML given) and runs them. Storage and user-state writes are visible to later steps and then discarded; calls to Telegram and HTTP services are recorded in `calls`, not made. Invalid YAML answers 422 naming the file, scenario and line.",
  request: {
    params: TenantIdParamSchema,
    body: { required: true, content: { 'application/json': { schema: SimulateRequestSchema } } },
  },
  responses: {
    200: json(SimulateResponseSchema, 'What ran, step by step, and the calls it would make'),
    ...errorResponses(401, 403, 404),
  },
})

export const simulateRoutes = createRouter().openapi(simulateRoute, async (c) => {
  const { tenant_id: tenantId } = c.req.valid('param')
  const body = c.req.valid('json')
  const services = c.var.services
  const organizationId = await organizationOfTenant(services, tenantId)
  requireMembership(c.var.actor, organizationId, 'admin')
  const result = await simulateEvent(services, {
    tenantId,
    organizationId,
    event: body.event,
    scenarios: body.scenarios,
    storage: body.storage,
    userState: body.user_state,
  })
  return c.json(SimulateResponseSchema.parse(result), 200)
})

import { createRoute } from '@hono/zod-openapi'
import { primaryMembership } from '../auth/actor.ts'
import { requireActor } from '../auth/middleware.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import {
  createCapability,
  deleteCapability,
  getCapability,
  listCapabilities,
} from './capabilities.ts'
import {
  CapabilityCreateSchema,
  CapabilityIdParamSchema,
  CapabilityListSchema,
  CapabilitySchema,
} from './schema.ts'

const common = {
  tags: ['Capabilities'],
  security: bearerSecurity,
  middleware: [requireActor],
}
const path = '/api/v1/capabilities'

const createCapabilityRoute = createRoute({
  ...common,
  method: 'post',
  path,
  operationId: 'createCapability',
  summary: "Register an HTTP service of the caller's organization with its actions",
  description:
    'Header values are credentials: stored encrypted and never returned (only their names). Each action is also callable through the action registry as `<capability>.<action>`.',
  request: {
    body: { required: true, content: { 'application/json': { schema: CapabilityCreateSchema } } },
  },
  responses: {
    201: json(CapabilitySchema, 'The registered capability with the ids of its actions'),
    ...errorResponses(401, 403, 409),
  },
})

const listCapabilitiesRoute = createRoute({
  ...common,
  method: 'get',
  path,
  operationId: 'listCapabilities',
  summary: "The organization's capabilities, in registration order",
  responses: { 200: json(CapabilityListSchema, 'Capabilities'), ...errorResponses(401, 403) },
})

const getCapabilityRoute = createRoute({
  ...common,
  method: 'get',
  path: `${path}/{capability_id}`,
  operationId: 'getCapability',
  summary: 'One capability with its actions',
  request: { params: CapabilityIdParamSchema },
  responses: { 200: json(CapabilitySchema, 'The capability'), ...errorResponses(401, 403, 404) },
})

const deleteCapabilityRoute = createRoute({
  ...common,
  method: 'delete',
  path: `${path}/{capability_id}`,
  operationId: 'deleteCapability',
  summary: 'Remove a capability and its actions',
  description: 'Pipelines that use it can no longer run; past executions keep their records.',
  request: { params: CapabilityIdParamSchema },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404) },
})

export const capabilityRoutes = createRouter()
  .openapi(createCapabilityRoute, async (c) => {
    const { organizationId } = primaryMembership(c.var.actor)
    const created = await createCapability(c.var.services, organizationId, c.req.valid('json'))
    return c.json(created, 201)
  })
  .openapi(listCapabilitiesRoute, async (c) => {
    const { organizationId } = primaryMembership(c.var.actor)
    return c.json(await listCapabilities(c.var.services.db, organizationId), 200)
  })
  .openapi(getCapabilityRoute, async (c) => {
    const { organizationId } = primaryMembership(c.var.actor)
    const { capability_id } = c.req.valid('param')
    return c.json(await getCapability(c.var.services.db, organizationId, capability_id), 200)
  })
  .openapi(deleteCapabilityRoute, async (c) => {
    const { organizationId } = primaryMembership(c.var.actor)
    const { capability_id } = c.req.valid('param')
    await deleteCapability(c.var.services.db, organizationId, capability_id)
    return c.body(null, 204)
  })

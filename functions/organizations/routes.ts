import { createRoute } from '@hono/zod-openapi'
import { requireMembership } from '../auth/actor.ts'
import { requireActor } from '../auth/middleware.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import { type ApiKeySummary, createApiKey, deleteApiKey, listApiKeys } from './api-keys.ts'
import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyListSchema,
  ApiKeyParamSchema,
  OrgIdParamSchema,
} from './schema.ts'

const tags = ['Organizations']
const path = '/api/v1/organizations/{org_id}/api-keys'
const common = { tags, security: bearerSecurity, middleware: [requireActor] }

const createKeyRoute = createRoute({
  ...common,
  method: 'post',
  path,
  operationId: 'createApiKey',
  summary: 'Create an API key (shown once)',
  request: {
    params: OrgIdParamSchema,
    body: { required: false, content: { 'application/json': { schema: ApiKeyCreateSchema } } },
  },
  responses: { 201: json(ApiKeyCreatedSchema, 'The new key'), ...errorResponses(401, 403, 404) },
})

const listKeysRoute = createRoute({
  ...common,
  method: 'get',
  path,
  operationId: 'listApiKeys',
  summary: "List the organization's API keys",
  request: { params: OrgIdParamSchema },
  responses: {
    200: json(ApiKeyListSchema, 'Keys, newest first'),
    ...errorResponses(401, 403, 404),
  },
})

const deleteKeyRoute = createRoute({
  ...common,
  method: 'delete',
  path: `${path}/{key_id}`,
  operationId: 'deleteApiKey',
  summary: 'Revoke an API key',
  request: { params: ApiKeyParamSchema },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
})

const present = (key: ApiKeySummary) => ({
  id: key.id,
  organization_id: key.organizationId,
  name: key.name,
  prefix: key.prefix,
  created_at: key.createdAt.toISOString(),
  last_used_at: key.lastUsedAt?.toISOString() ?? null,
})

export const organizationRoutes = createRouter()
  .openapi(createKeyRoute, async (c) => {
    const { org_id } = c.req.valid('param')
    requireMembership(c.var.actor, org_id, 'admin')
    const body = (c.req.header('Content-Type') ?? '').includes('json')
      ? c.req.valid('json')
      : { name: 'default' }
    const created = await createApiKey(c.var.services, {
      organizationId: org_id,
      userId: c.var.actor.userId,
      name: body.name,
    })
    return c.json({ ...present(created), key: created.key }, 201)
  })
  .openapi(listKeysRoute, async (c) => {
    const { org_id } = c.req.valid('param')
    requireMembership(c.var.actor, org_id, 'admin')
    const keys = await listApiKeys(c.var.services.db, org_id)
    return c.json({ items: keys.map(present) }, 200)
  })
  .openapi(deleteKeyRoute, async (c) => {
    const { org_id, key_id } = c.req.valid('param')
    requireMembership(c.var.actor, org_id, 'admin')
    await deleteApiKey(c.var.services.db, org_id, key_id)
    return c.body(null, 204)
  })

import { createRoute } from '@hono/zod-openapi'
import { requireActor } from '../auth/middleware.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import { describeAction } from './describe.ts'
import { ActionListSchema } from './schema.ts'

const listActionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/actions',
  tags: ['Actions'],
  operationId: 'listActions',
  summary: 'Every registered action with its input and output JSON Schemas',
  security: bearerSecurity,
  middleware: [requireActor] as const,
  responses: { 200: json(ActionListSchema, 'The action catalogue'), ...errorResponses(401) },
})

export const actionRoutes = createRouter().openapi(listActionsRoute, (c) => {
  const actions = c.var.services.actions.list().filter((action) => action.access !== 'internal')
  return c.json({ actions: actions.map(describeAction) }, 200)
})

import { createRoute } from '@hono/zod-openapi'
import { requireMembership } from '../auth/actor.ts'
import { requireActor } from '../auth/middleware.ts'
import { conflict, notFound } from '../platform/errors.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import type { Services } from '../platform/services.ts'
import { sourceFor } from './config-source.ts'
import {
  TenantIdParamSchema,
  TenantListSchema,
  TenantStatusSchema,
  TenantSyncQueuedSchema,
} from './schema.ts'
import { type TenantStatus, tenantStatus } from './tenant-status.ts'

const common = { tags: ['Tenants'], security: bearerSecurity, middleware: [requireActor] }

const listRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/tenants',
  operationId: 'listTenants',
  summary: 'Repository tenants of your organizations, with their sync and bot status',
  responses: { 200: json(TenantListSchema, 'Tenants, by tenant id'), ...errorResponses(401) },
})

const statusRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/tenants/{tenant_id}/status',
  operationId: 'getTenantStatus',
  summary: 'Sync and bot status of one tenant',
  request: { params: TenantIdParamSchema },
  responses: { 200: json(TenantStatusSchema, 'The status'), ...errorResponses(401, 404) },
})

const syncRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/tenants/{tenant_id}/sync',
  operationId: 'syncTenant',
  summary: 'Queue a full sync of the tenant from its config source (admins)',
  request: { params: TenantIdParamSchema },
  responses: {
    202: json(TenantSyncQueuedSchema, 'Sync queued'),
    ...errorResponses(401, 403, 404, 409),
  },
})

const present = (status: TenantStatus) => ({
  tenant_id: status.tenant.tenantId,
  organization_id: status.tenant.organizationId,
  source: status.tenant.source,
  is_active: status.tenant.isActive,
  timezone: status.tenant.timezone ?? 'UTC',
  last_commit: status.tenant.lastCommit,
  last_updated_at: status.last_updated_at,
  last_failed_at: status.last_failed_at,
  last_error: status.last_error,
  bot: status.bot
    ? {
        bot_id: status.bot.botId,
        username: status.bot.username,
        telegram_bot_id: status.bot.telegramBotId,
        is_active: status.bot.isActive,
      }
    : null,
  bot_is_active: status.bot_is_active,
  bot_is_polling: status.bot_is_polling,
  bot_is_webhook_active: status.bot_is_webhook_active,
  bot_is_working: status.bot_is_working,
})

/** A tenant of one of the actor's organizations; anything else is a 404. */
async function visibleStatus(services: Services, tenantId: number, organizationIds: string[]) {
  const status = await tenantStatus(services, tenantId)
  if (!status || !organizationIds.includes(status.tenant.organizationId)) {
    throw notFound('Tenant not found')
  }
  return status
}

export const tenantRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const items = []
    for (const membership of c.var.actor.memberships) {
      const status = await tenantStatus(c.var.services, membership.tenantId)
      if (status) items.push(present(status))
    }
    items.sort((a, b) => a.tenant_id - b.tenant_id)
    return c.json({ items }, 200)
  })
  .openapi(statusRoute, async (c) => {
    const { tenant_id } = c.req.valid('param')
    const ids = c.var.actor.memberships.map((m) => m.organizationId)
    return c.json(present(await visibleStatus(c.var.services, tenant_id, ids)), 200)
  })
  .openapi(syncRoute, async (c) => {
    const { tenant_id } = c.req.valid('param')
    const services = c.var.services
    const membership = c.var.actor.memberships.find((m) => m.tenantId === tenant_id)
    if (!membership) throw notFound('Tenant not found')
    requireMembership(c.var.actor, membership.organizationId, 'admin')
    if (!sourceFor(services, tenant_id)) {
      throw conflict(
        `Tenant ${tenant_id} has no config source here (TENANT_REPO or TENANT_CONFIG_DIR)`,
      )
    }
    const { messageId } = await services.queue.publish('tenant-sync', { tenant_id })
    return c.json({ status: 'queued' as const, tenant_id, message_id: messageId }, 202)
  })

import { z } from '@hono/zod-openapi'
import { IsoDateTime } from '../platform/openapi.ts'

export const TenantIdParamSchema = z.object({
  tenant_id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'tenant_id', in: 'path' }, example: 101 }),
})

export const TenantStatusSchema = z
  .object({
    tenant_id: z.number().int(),
    organization_id: z.uuid(),
    source: z.enum(['github', 'local']),
    is_active: z.boolean().openapi({ description: 'False once its folder is removed' }),
    timezone: z.string(),
    last_commit: z.string().nullable(),
    last_updated_at: IsoDateTime.nullable(),
    last_failed_at: IsoDateTime.nullable(),
    last_error: z.string().nullable().openapi({
      description: 'The last failed sync: `file:line: scenario "name": message`, one per line',
    }),
    bot: z
      .object({
        bot_id: z.number().int(),
        username: z.string().nullable(),
        telegram_bot_id: z.number().int().nullable(),
        is_active: z.boolean(),
      })
      .nullable(),
    bot_is_active: z.boolean(),
    bot_is_polling: z.boolean(),
    bot_is_webhook_active: z.boolean(),
    bot_is_working: z.boolean(),
  })
  .openapi('TenantStatus')

export const TenantListSchema = z
  .object({ items: z.array(TenantStatusSchema) })
  .openapi('TenantList')

export const TenantSyncQueuedSchema = z
  .object({
    status: z.literal('queued'),
    tenant_id: z.number().int(),
    message_id: z.string(),
  })
  .openapi('TenantSyncQueued')

import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { tenants } from '../../../db/schema/index.ts'
import { defineAction, failure, success } from '../../actions/define.ts'
import { isSystemTenant } from '../config-source.ts'
import { invalidateTenantRuntime } from '../tenant-runtime.ts'
import { tenantStatus } from '../tenant-status.ts'
import { listTenants, loadTenant } from '../tenant-store.ts'

const common = { service: 'tenant_hub', access: 'system' as const }
const tenantIdParam = z.number().int().min(1).describe('ID тенанта')

export const getTenantStatus = defineAction({
  ...common,
  name: 'get_tenant_status',
  description: 'Получение статуса тенанта',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({ tenant_id: tenantIdParam }),
  output: z.object({
    bot_is_active: z
      .boolean()
      .describe('Активен ли бот тенанта из настроек БД (флаг is_active в БД)'),
    bot_is_polling: z
      .boolean()
      .describe('Активен ли пулинг бота тенанта (запущен ли процесс пулинга)'),
    bot_is_webhook_active: z
      .boolean()
      .describe('Активен ли вебхук бота тенанта (установлен ли вебхук через Telegram API)'),
    bot_is_working: z
      .boolean()
      .describe(
        'Работает ли бот тенанта (пулинг ИЛИ вебхуки активны). Показывает реальный статус работы бота',
      ),
    last_updated_at: z.string().optional().describe('Дата последнего успешного обновления тенанта'),
    last_failed_at: z.string().optional().describe('Дата последней ошибки при обновлении тенанта'),
    last_error: z.string().optional().describe('Текст последней ошибки при обновлении тенанта'),
  }),
  example: { tenant_id: 101 },
  async execute(input, context) {
    const status = await tenantStatus(context.services, input.tenant_id)
    if (!status) return failure('NOT_FOUND', `Tenant ${input.tenant_id} not found`)
    return success({
      bot_is_active: status.bot_is_active,
      bot_is_polling: status.bot_is_polling,
      bot_is_webhook_active: status.bot_is_webhook_active,
      bot_is_working: status.bot_is_working,
      ...(status.last_updated_at ? { last_updated_at: status.last_updated_at } : {}),
      ...(status.last_failed_at ? { last_failed_at: status.last_failed_at } : {}),
      ...(status.last_error ? { last_error: status.last_error } : {}),
    })
  },
})

export const getTenantsList = defineAction({
  ...common,
  name: 'get_tenants_list',
  description: 'Получение списка всех ID активных тенантов с разделением на публичные и системные',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({}),
  output: z.object({
    tenant_ids: z.array(z.number().int()).describe('Массив ID всех тенантов'),
    public_tenant_ids: z.array(z.number().int()).describe('Массив ID публичных тенантов'),
    system_tenant_ids: z.array(z.number().int()).describe('Массив ID системных тенантов'),
    tenant_count: z.number().int().describe('Общее количество тенантов'),
  }),
  async execute(_input, context) {
    const ids = (await listTenants(context.services.db))
      .filter((tenant) => tenant.isActive)
      .map((tenant) => tenant.tenantId)
    return success({
      tenant_ids: ids,
      public_tenant_ids: ids.filter((id) => !isSystemTenant(id)),
      system_tenant_ids: ids.filter(isSystemTenant),
      tenant_count: ids.length,
    })
  },
})

export const updateTenantConfig = defineAction({
  ...common,
  name: 'update_tenant_config',
  description:
    'Обновление конфига тенанта (обновляет БД, инвалидирует кэш). Обновляет только переданные поля, остальные не трогает',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({
    tenant_id: tenantIdParam,
    ai_token: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .describe(
        'AI API токен для тенанта (опционально, если не передан - поле не обновляется, если передан null - удаляется)',
      ),
  }),
  output: z.object({}),
  example: { tenant_id: 101, ai_token: 'sk-…' },
  async execute(input, context) {
    const { services } = context
    const tenant = await loadTenant(services.db, input.tenant_id)
    if (!tenant) return failure('NOT_FOUND', `Tenant ${input.tenant_id} not found`)
    if (input.ai_token === undefined) return success()
    const { ai_token_sealed: _previous, ...rest } = tenant.config
    const config =
      input.ai_token === null
        ? rest
        : { ...rest, ai_token_sealed: await services.secrets.encrypt(input.ai_token) }
    await services.db
      .update(tenants)
      .set({ config, updatedAt: services.clock.now() })
      .where(eq(tenants.tenantId, input.tenant_id))
    await invalidateTenantRuntime(services, input.tenant_id)
    return success()
  },
})

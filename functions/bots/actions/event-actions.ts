import type { Update } from 'grammy/types'
import { stringify } from 'yaml'
import { z } from 'zod'
import { withTransaction } from '../../../db/transaction.ts'
import { defineAction, failure, success } from '../../actions/define.ts'
import { syncSchedules } from '../../scenarios/schedule/schedule-store.ts'
import { invalidateTenantRuntime, tenantRuntime } from '../../tenants/tenant-runtime.ts'
import { loadTenant, lockTenant } from '../../tenants/tenant-store.ts'
import { findBot } from '../bot-store.ts'
import {
  invalidateScenarioCaches,
  parseScenarios,
  replaceScenarios,
  runEvent,
} from '../scenario-engine.ts'
import { receiveUpdate } from '../updates/process-update.ts'
import { mayUseTenant } from './action-scope.ts'

export const processEventAction = defineAction({
  name: 'process_event',
  service: 'event_processor',
  description:
    'Обработка сырого события Telegram (update + system.bot_id) тем же путём, что и вебхук: запись, дедупликация, нормализация, сценарии',
  access: 'system',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 60_000,
  input: z.object({
    data: z
      .looseObject({
        update_id: z.number().int(),
        system: z.looseObject({ bot_id: z.number().int().min(1) }),
      })
      .describe('Сырое событие: Telegram update и system.bot_id'),
  }),
  output: z.object({}),
  async execute(input, context) {
    const { system, ...update } = input.data
    const bot = await findBot(context.services, system.bot_id)
    if (!bot) return failure('NOT_FOUND', `Bot ${system.bot_id} not found`)
    if (!mayUseTenant(context, bot)) return failure('PERMISSION_DENIED', 'Another tenant’s bot')
    const status = await receiveUpdate(context.services, bot, update as unknown as Update)
    return status === 'failed' ? failure('INTERNAL_ERROR', 'The update failed') : success()
  },
})

export const processScenarioEvent = defineAction({
  name: 'process_scenario_event',
  service: 'scenario_processor',
  description: 'Обработка нормализованного события по сценариям тенанта бота',
  access: 'system',
  isMutating: true,
  isIdempotent: false,
  timeoutMs: 60_000,
  input: z.looseObject({
    event_type: z.string().min(1).describe('Тип события (message, callback_query, etc.)'),
    bot_id: z.number().int().min(1).describe('ID бота от которого пришло событие'),
  }),
  output: z.object({}),
  async execute(input, context) {
    const { services } = context
    const bot = await findBot(services, input.bot_id)
    if (!bot) return failure('NOT_FOUND', `Bot ${input.bot_id} not found`)
    if (!mayUseTenant(context, bot)) return failure('PERMISSION_DENIED', 'Another tenant’s bot')
    const tenant = await tenantRuntime(services, bot.tenantId)
    if (!tenant) return failure('NOT_FOUND', `Tenant ${bot.tenantId} not found`)
    const system = { bot_id: bot.botId, tenant_id: bot.tenantId }
    const run = await runEvent(services, {
      tenantId: bot.tenantId,
      organizationId: tenant.organizationId,
      event: { ...input, ...system, system, _config: tenant.config },
      config: tenant.config,
      timezone: tenant.timezone,
    })
    return run.error ? failure('SCENARIO_ERROR', run.error) : success()
  },
})

const scenarioItem = z.record(z.string(), z.unknown())

/** `{scenario_name: x, …}` or `{x: {…}}` → the YAML mapping a scenario file would hold. */
function asMapping(items: Record<string, unknown>[]): Record<string, unknown> {
  const mapping: Record<string, unknown> = {}
  for (const item of items) {
    const { scenario_name: name, ...body } = item
    if (typeof name === 'string') mapping[name] = body
    else Object.assign(mapping, item)
  }
  return mapping
}

export const syncScenarios = defineAction({
  name: 'sync_scenarios',
  service: 'scenario_processor',
  description:
    'Синхронизация сценариев тенанта: проверка → удаление старых → сохранение новых → сброс кэша',
  access: 'system',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 60_000,
  input: z.object({
    tenant_id: z.number().int().min(1).describe("ID tenant'а для синхронизации сценариев"),
    scenarios: z
      .array(scenarioItem)
      .describe(
        'Сценарии: [{scenario_name, description, trigger, step, schedule}] или [{имя: {…}}]',
      ),
  }),
  output: z.object({}),
  example: { tenant_id: 101, scenarios: [] },
  async execute(input, context) {
    const { services } = context
    const tenant = await loadTenant(services.db, input.tenant_id)
    if (!tenant) return failure('NOT_FOUND', `Tenant ${input.tenant_id} not found`)
    const text = input.scenarios.length > 0 ? stringify(asMapping(input.scenarios)) : ''
    const parsed = parseScenarios([{ path: 'sync_scenarios', text }])
    if (parsed.errors.length > 0) {
      return {
        result: 'error',
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Scenarios are invalid; nothing was changed',
          details: parsed.errors.map((issue) => ({
            field: issue.scenario ?? issue.file,
            message: issue.message,
            type: 'invalid_scenario',
          })),
        },
      }
    }
    await withTransaction(services.db, async (tx) => {
      await lockTenant(tx, input.tenant_id)
      await replaceScenarios(tx, input.tenant_id, parsed)
      await syncSchedules(
        tx,
        services.clock,
        input.tenant_id,
        parsed.schedules,
        tenant.timezone ?? 'UTC',
        false,
      )
    })
    await invalidateTenantRuntime(services, input.tenant_id)
    await invalidateScenarioCaches(services, input.tenant_id)
    return success()
  },
})

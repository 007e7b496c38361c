import { z } from 'zod'
import { withTransaction } from '../../../db/transaction.ts'
import { type Action, defineAction, failure, success } from '../../actions/define.ts'
import { openSnapshot, sourceFor } from '../config-source.ts'
import { changedTenants, syncAllTenants, syncTenantNow } from '../sync-service.ts'
import type { SyncBlocks } from '../sync-tenant.ts'
import { pathsOf } from '../tenant-files.ts'
import { ensureTenant } from '../tenant-store.ts'
import { guarded, syncResult } from './sync-outcome.ts'

const tenantIdParam = z.number().int().min(1).describe('ID тенанта')
const common = {
  service: 'tenant_hub',
  access: 'system' as const,
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 120_000,
}

export const syncTenantAction = defineAction({
  ...common,
  name: 'sync_tenant',
  description:
    'Синхронизация конфигурации тенанта с базой данных (сначала читает GitHub или локальную папку, затем синхронизирует)',
  extraResults: ['timeout', 'not_found'],
  input: z.object({ tenant_id: tenantIdParam.describe('ID тенанта для синхронизации') }),
  output: z.object({}),
  example: { tenant_id: 101 },
  execute: (input, context) =>
    guarded(async () => syncResult(await syncTenantNow(context.services, input.tenant_id))),
})

function blockAction(name: string, description: string, block: keyof SyncBlocks): Action {
  const blocks = { bot: false, config: false, scenarios: false, storage: false, [block]: true }
  return defineAction({
    ...common,
    name,
    description,
    input: z.object({ tenant_id: tenantIdParam }),
    output: z.object({}),
    example: { tenant_id: 101 },
    execute: (input, context) =>
      guarded(async () =>
        syncResult(await syncTenantNow(context.services, input.tenant_id, blocks)),
      ),
  })
}

export const syncTenantBot = blockAction(
  'sync_tenant_bot',
  'Синхронизация бота тенанта: чтение bots/telegram.yaml + проверка + синхронизация',
  'bot',
)
export const syncTenantConfig = blockAction(
  'sync_tenant_config',
  'Синхронизация конфига тенанта (config.yaml): чтение + проверка + синхронизация',
  'config',
)
export const syncTenantScenarios = blockAction(
  'sync_tenant_scenarios',
  'Синхронизация сценариев тенанта: чтение + проверка + полная замена',
  'scenarios',
)
export const syncTenantStorage = blockAction(
  'sync_tenant_storage',
  'Синхронизация storage тенанта: чтение + проверка + замена групп из файлов',
  'storage',
)

export const syncTenantData = defineAction({
  ...common,
  name: 'sync_tenant_data',
  description: 'Синхронизация данных тенанта: создание/обновление тенанта и его организации',
  input: z.object({ tenant_id: tenantIdParam }),
  output: z.object({}),
  execute: (input, context) =>
    guarded(async () => {
      const { services } = context
      const source = sourceFor(services, input.tenant_id)
      const snapshot = source ? await openSnapshot(services, source) : null
      if (!snapshot || pathsOf(snapshot, input.tenant_id).length === 0) {
        return failure('NOT_FOUND', `Tenant ${input.tenant_id} has no config folder`)
      }
      await withTransaction(services.db, (tx) =>
        ensureTenant(tx, services, input.tenant_id, snapshot.source),
      )
      return success()
    }),
})

export const syncAllTenantsAction = defineAction({
  ...common,
  name: 'sync_all_tenants',
  description:
    'Синхронизация всех тенантов: системных из локальной папки, остальных из GitHub; пропавшие папки выключаются',
  timeoutMs: 600_000,
  extraResults: ['partial_success'],
  input: z.object({}),
  output: z.object({}),
  execute: (_input, context) =>
    guarded(async () => {
      const summary = await syncAllTenants(context.services)
      if (summary.errors.length === 0) return success()
      const message = summary.errors.join('\n')
      const anySynced = summary.outcomes.some((o) => o.status === 'synced')
      return failure('SYNC_ERROR', message, anySynced ? 'partial_success' : 'error')
    }),
})

const fileEntry = z.union([z.string(), z.looseObject({ filename: z.string() })])

export const syncTenantsFromFiles = defineAction({
  ...common,
  name: 'sync_tenants_from_files',
  description:
    'Синхронизация тенантов из списка изменённых файлов репозитория (tenant/tenant_<ID>/…): только затронутые блоки',
  extraResults: ['partial_success'],
  input: z.object({
    files: z
      .array(fileEntry)
      .describe('Список файлов: ["path1", "path2"] или [{"filename": "path"}, …]'),
  }),
  output: z.object({
    synced_tenants: z.number().int().describe('Сколько тенантов синхронизировано'),
    total_tenants: z.number().int().describe('Сколько тенантов затронуто'),
    errors: z.array(z.string()).optional().describe('Ошибки: "Tenant-N: …"'),
  }),
  example: { files: ['tenant/tenant_101/scenarios/start.yaml'] },
  execute: (input, context) =>
    guarded(async () => {
      const paths = input.files.map((file) => (typeof file === 'string' ? file : file.filename))
      if (paths.length === 0) return failure('VALIDATION_ERROR', 'File list is empty')
      const changes = changedTenants(paths)
      const errors: string[] = []
      let synced = 0
      for (const [tenantId, blocks] of changes) {
        try {
          const outcome = await syncTenantNow(context.services, tenantId, blocks)
          if (outcome.status === 'failed') errors.push(`Tenant-${tenantId}: ${outcome.error}`)
          else synced += 1
        } catch (error) {
          errors.push(
            `Tenant-${tenantId}: ${error instanceof Error ? error.message : String(error)}`,
          )
        }
      }
      const data = { synced_tenants: synced, total_tenants: changes.size }
      if (errors.length === 0) return success(data)
      return {
        result: synced > 0 ? 'partial_success' : 'error',
        error: { code: 'SYNC_ERROR', message: errors.join('\n') },
        response_data: { ...data, errors },
      }
    }),
})

import { stringify } from 'yaml'
import { z } from 'zod'
import { defineAction, failure, success } from '../../actions/define.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import { tenantOf } from '../../bots/actions/action-scope.ts'
import { isDict } from '../placeholders/python/py-ops.ts'
import {
  deleteStorage,
  listStorageGroups,
  readStorage,
  STORAGE_GROUPS_MAX,
  STORAGE_MAX_RECORDS,
  type StorageRow,
  writeStorage,
} from '../store/tenant-storage.ts'
import {
  checkStoredValue,
  formatParam,
  groupKeyPattern,
  keyPattern,
  tenantIdParam,
} from './storage-params.ts'

const common = { service: 'storage_hub', access: 'public' as const, timeoutMs: 10_000 }

const storageValues = z.unknown().describe('Значение, {key: value} или {group: {key: value}}')
const formattedText = z.string().optional().describe('Те же данные в YAML (при format: true)')

function withFormat(values: unknown, format: boolean | undefined) {
  return format
    ? { storage_values: values, formatted_text: stringify(values) }
    : { storage_values: values }
}

function grouped(rows: StorageRow[]): Record<string, Record<string, unknown>> {
  const groups: Record<string, Record<string, unknown>> = {}
  for (const row of rows) {
    const group = groups[row.groupKey] ?? {}
    group[row.key] = row.value
    groups[row.groupKey] = group
  }
  return groups
}

export const getStorage = defineAction({
  ...common,
  name: 'get_storage',
  description:
    'Чтение Tenant Storage: точная группа и ключ — само значение; группа — {key: value}; шаблон группы или ничего — {group: {key: value}} (не больше 100 записей)',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'storage_values',
  extraResults: ['not_found'],
  input: z.object({
    tenant_id: tenantIdParam,
    group_key: z.string().min(1).optional().describe('Группа'),
    group_key_pattern: groupKeyPattern,
    key: z.string().min(1).optional().describe('Ключ (только вместе с группой)'),
    key_pattern: keyPattern,
    format: formatParam,
  }),
  output: z.object({ storage_values: storageValues, formatted_text: formattedText }),
  example: { group_key: 'settings', key: 'max_users' },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const hasGroup = input.group_key !== undefined || input.group_key_pattern !== undefined
    if (!hasGroup && (input.key !== undefined || input.key_pattern !== undefined)) {
      return failure('VALIDATION_ERROR', 'key and key_pattern need group_key or group_key_pattern')
    }
    const rows = await readStorage(context.services.db, tenant.value, {
      ...(input.group_key !== undefined ? { groupKey: input.group_key } : {}),
      ...(input.group_key_pattern !== undefined
        ? { groupKeyPattern: input.group_key_pattern }
        : {}),
      ...(input.key !== undefined ? { key: input.key } : {}),
      ...(input.key_pattern !== undefined ? { keyPattern: input.key_pattern } : {}),
    })
    if (rows.length === 0) return { result: 'not_found' }
    let values: unknown
    if (input.group_key !== undefined && input.key !== undefined) values = rows[0]?.value
    else if (input.group_key !== undefined) values = grouped(rows)[input.group_key] ?? {}
    else values = grouped(rows)
    return success(withFormat(values, input.format))
  },
})

export const setStorage = defineAction({
  ...common,
  name: 'set_storage',
  description:
    'Запись в Tenant Storage: group_key + key + value — одно значение; group_key + values — {key: value} в группу (прочие ключи не трогаются); values — {group: {key: value}}',
  isMutating: true,
  isIdempotent: true,
  replaceableField: 'storage_values',
  input: z.object({
    tenant_id: tenantIdParam,
    group_key: z.string().min(1).optional().describe('Группа'),
    key: z.string().min(1).optional().describe('Ключ'),
    value: z.unknown().optional().describe('Значение любого JSON-типа (не null)'),
    values: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('{key: value} для группы или {group: {key: value}} без группы'),
    format: formatParam,
  }),
  output: z.object({ storage_values: storageValues, formatted_text: formattedText }),
  example: { group_key: 'settings', key: 'language', value: 'en' },
  async execute(input, context): Promise<ActionOutcome> {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const { db } = context.services
    const { group_key: groupKey, key, value, values } = input
    let rows: StorageRow[]
    if (groupKey !== undefined && key !== undefined && values === undefined) {
      rows = [{ groupKey, key, value }]
    } else if (groupKey !== undefined && key === undefined && values !== undefined) {
      rows = Object.entries(values).map(([k, v]) => ({ groupKey, key: k, value: v }))
    } else if (groupKey === undefined && key === undefined && values !== undefined) {
      const groups = Object.entries(values)
      if (!groups.every(([, group]) => isDict(group))) {
        return failure(
          'VALIDATION_ERROR',
          'without group_key, values must be {group: {key: value}}',
        )
      }
      rows = groups.flatMap(([g, group]) =>
        Object.entries(group as Record<string, unknown>).map(([k, v]) => ({
          groupKey: g,
          key: k,
          value: v,
        })),
      )
    } else {
      return failure(
        'VALIDATION_ERROR',
        'give group_key + key + value, group_key + values, or values alone',
      )
    }
    for (const row of rows) {
      const problem = checkStoredValue(row.value)
      if (problem) return failure('VALIDATION_ERROR', `${row.groupKey}.${row.key}: ${problem}`)
    }
    await writeStorage(db, tenant.value, rows)
    let result: unknown
    if (key !== undefined) result = value
    else if (groupKey !== undefined) {
      const group = await readStorage(db, tenant.value, { groupKey }, STORAGE_MAX_RECORDS)
      result = grouped(group)[groupKey] ?? {}
    } else result = values
    return success(withFormat(result, input.format))
  },
})

export const deleteStorageAction = defineAction({
  ...common,
  name: 'delete_storage',
  description:
    'Удаление из Tenant Storage: с key или key_pattern — эти значения, иначе — группа (группы) целиком',
  isMutating: true,
  isIdempotent: true,
  extraResults: ['not_found'],
  input: z.object({
    tenant_id: tenantIdParam,
    group_key: z.string().min(1).optional().describe('Группа'),
    group_key_pattern: groupKeyPattern,
    key: z.string().min(1).optional().describe('Ключ'),
    key_pattern: keyPattern,
  }),
  output: z.object({}),
  example: { group_key_pattern: 'temp_%' },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    if (input.group_key === undefined && input.group_key_pattern === undefined) {
      return failure('VALIDATION_ERROR', 'group_key or group_key_pattern is required')
    }
    const deleted = await deleteStorage(context.services.db, tenant.value, {
      ...(input.group_key !== undefined ? { groupKey: input.group_key } : {}),
      ...(input.group_key_pattern !== undefined
        ? { groupKeyPattern: input.group_key_pattern }
        : {}),
      ...(input.key !== undefined ? { key: input.key } : {}),
      ...(input.key_pattern !== undefined ? { keyPattern: input.key_pattern } : {}),
    })
    return deleted === 0 ? { result: 'not_found' } : success()
  },
})

export const getStorageGroups = defineAction({
  ...common,
  name: 'get_storage_groups',
  description: `Список групп Tenant Storage (не больше ${STORAGE_GROUPS_MAX})`,
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'group_keys',
  input: z.object({ tenant_id: tenantIdParam }),
  output: z.object({
    group_keys: z.array(z.string()).describe('Группы по алфавиту'),
    is_truncated: z.boolean().describe('Групп больше, чем показано'),
  }),
  example: {},
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const { groupKeys, truncated } = await listStorageGroups(context.services.db, tenant.value)
    return success({ group_keys: groupKeys, is_truncated: truncated })
  },
})

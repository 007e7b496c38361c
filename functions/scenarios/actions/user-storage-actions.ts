import { stringify } from 'yaml'
import { z } from 'zod'
import { defineAction, failure, success } from '../../actions/define.ts'
import { tenantOf } from '../../bots/actions/action-scope.ts'
import { listTenantUserIds } from '../store/tenant-users.ts'
import {
  deleteUserStorage,
  readUserStorage,
  usersByStorageValue,
  writeUserStorage,
} from '../store/user-storage.ts'
import { checkStoredValue, formatParam, keyPattern, tenantIdParam } from './storage-params.ts'
import { userIdParam, userScope } from './user-state-actions.ts'

const common = { service: 'user_hub', access: 'public' as const, timeoutMs: 10_000 }

const values = z.unknown().describe('Значение (с key) или {key: value}')
const formattedText = z.string().optional().describe('Те же данные в YAML (при format: true)')

const withFormat = (result: unknown, format: boolean | undefined) =>
  format
    ? { user_storage_values: result, formatted_text: stringify(result) }
    : { user_storage_values: result }

const asDict = (rows: { key: string; value: unknown }[]) =>
  Object.fromEntries(rows.map((row) => [row.key, row.value]))

export const getUserStorage = defineAction({
  ...common,
  name: 'get_user_storage',
  description: 'Чтение User Storage пользователя: с key — само значение, иначе {key: value}',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'user_storage_values',
  extraResults: ['not_found'],
  input: z.object({
    tenant_id: tenantIdParam,
    user_id: userIdParam,
    key: z.string().min(1).optional().describe('Ключ'),
    key_pattern: keyPattern,
    format: formatParam,
  }),
  output: z.object({ user_storage_values: values, formatted_text: formattedText }),
  example: { key: 'language' },
  async execute(input, context) {
    const scope = await userScope(context, input)
    if (!scope.ok) return scope.outcome
    const rows = await readUserStorage(context.services.db, scope.tenantId, scope.userId, {
      ...(input.key !== undefined ? { key: input.key } : {}),
      ...(input.key_pattern !== undefined ? { keyPattern: input.key_pattern } : {}),
    })
    if (rows.length === 0) return { result: 'not_found' }
    const result = input.key !== undefined ? rows[0]?.value : asDict(rows)
    return success(withFormat(result, input.format))
  },
})

export const setUserStorage = defineAction({
  ...common,
  name: 'set_user_storage',
  description: 'Запись в User Storage: key + value или values {key: value}',
  isMutating: true,
  isIdempotent: true,
  replaceableField: 'user_storage_values',
  input: z.object({
    tenant_id: tenantIdParam,
    user_id: userIdParam,
    key: z.string().min(1).optional().describe('Ключ'),
    value: z.unknown().optional().describe('Значение любого JSON-типа (не null)'),
    values: z.record(z.string(), z.unknown()).optional().describe('{key: value}'),
    format: formatParam,
  }),
  output: z.object({ user_storage_values: values, formatted_text: formattedText }),
  example: { key: 'language', value: 'en' },
  async execute(input, context) {
    const scope = await userScope(context, input)
    if (!scope.ok) return scope.outcome
    let written: Record<string, unknown>
    if (input.key !== undefined && input.values === undefined)
      written = { [input.key]: input.value }
    else if (input.key === undefined && input.values !== undefined) written = input.values
    else return failure('VALIDATION_ERROR', 'give key + value, or values')
    for (const [key, value] of Object.entries(written)) {
      const problem = checkStoredValue(value)
      if (problem) return failure('VALIDATION_ERROR', `${key}: ${problem}`)
    }
    const { db } = context.services
    await writeUserStorage(db, scope.tenantId, scope.userId, written)
    if (input.key !== undefined) return success(withFormat(input.value, input.format))
    const all = await readUserStorage(db, scope.tenantId, scope.userId, {})
    return success(withFormat(asDict(all), input.format))
  },
})

export const deleteUserStorageAction = defineAction({
  ...common,
  name: 'delete_user_storage',
  description: 'Удаление из User Storage: key, key_pattern или, без них, все ключи пользователя',
  isMutating: true,
  isIdempotent: true,
  extraResults: ['not_found'],
  input: z.object({
    tenant_id: tenantIdParam,
    user_id: userIdParam,
    key: z.string().min(1).optional().describe('Ключ'),
    key_pattern: keyPattern,
  }),
  output: z.object({}),
  example: { key_pattern: 'draft_%' },
  async execute(input, context) {
    const scope = await userScope(context, input)
    if (!scope.ok) return scope.outcome
    const deleted = await deleteUserStorage(context.services.db, scope.tenantId, scope.userId, {
      ...(input.key !== undefined ? { key: input.key } : {}),
      ...(input.key_pattern !== undefined ? { keyPattern: input.key_pattern } : {}),
    })
    return deleted === 0 ? { result: 'not_found' } : success()
  },
})

const userList = {
  user_ids: z.array(z.number().int()).describe('ID пользователей'),
  user_count: z.number().int().describe('Сколько их'),
}

export const getTenantUsers = defineAction({
  ...common,
  name: 'get_tenant_users',
  description: 'Все пользователи, которых видел бот тенанта',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'user_ids',
  input: z.object({ tenant_id: tenantIdParam }),
  output: z.object(userList),
  example: {},
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const ids = await listTenantUserIds(context.services.db, tenant.value)
    return success({ user_ids: ids, user_count: ids.length })
  },
})

export const getUsersByStorageValue = defineAction({
  ...common,
  name: 'get_users_by_storage_value',
  description:
    'Пользователи, у которых в User Storage под key лежит ровно value (с учётом типа: "1" не равно 1)',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'user_ids',
  input: z.object({
    tenant_id: tenantIdParam,
    key: z.string().min(1).describe('Ключ'),
    value: z
      .union([
        z.string(),
        z.number(),
        z.boolean(),
        z.array(z.unknown()),
        z.record(z.string(), z.unknown()),
      ])
      .describe('Значение'),
  }),
  output: z.object(userList),
  example: { key: 'subscribed', value: true },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const ids = await usersByStorageValue(context.services.db, tenant.value, input.key, input.value)
    return success({ user_ids: ids, user_count: ids.length })
  },
})

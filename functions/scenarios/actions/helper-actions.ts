import { z } from 'zod'
import { scenarioUniqueIds } from '../../../db/schema/index.ts'
import { defineAction, failure, success } from '../../actions/define.ts'
import { tenantOf } from '../../bots/actions/action-scope.ts'
import { invokingChain, sleepInChain, sleepStandalone } from '../engine/control.ts'
import { pyEquals } from '../placeholders/python/py-ops.ts'

const common = { service: 'scenario_helper', access: 'public' as const, timeoutMs: 5_000 }

export const sleepAction = defineAction({
  ...common,
  name: 'sleep',
  description:
    'Пауза на seconds секунд. Короткая ждёт на месте; длинная продолжает сценарий из очереди после паузы',
  isMutating: false,
  isIdempotent: true,
  // Inline waits are short (a scenario's longer sleeps pause instead); standalone ones wait ≤ 60 s.
  timeoutMs: 65_000,
  input: z.object({ seconds: z.number().min(0).describe('Секунды (дробные допустимы)') }),
  output: z.object({}),
  example: { seconds: 1.5 },
  async execute(input, context) {
    const chain = invokingChain(context)
    return chain
      ? sleepInChain(chain, input.seconds, context.signal)
      : sleepStandalone(input.seconds, context.signal)
  },
})

export const setCache = defineAction({
  ...common,
  name: 'set_cache',
  description:
    'Запись значений в _cache: ключи объекта cache попадают в _cache (учитывается _namespace)',
  isMutating: false,
  isIdempotent: true,
  input: z.object({
    cache: z.record(z.string(), z.unknown()).describe('Значения {ключ: значение}'),
  }),
  output: z.looseObject({}).describe('Переданный объект cache'),
  example: { cache: { step: 'menu', page: 1 } },
  async execute(input) {
    return success(input.cache)
  },
})

export const modifyArray = defineAction({
  ...common,
  name: 'modify_array',
  description: 'Добавление или удаление элемента массива, очистка массива',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'modified_array',
  extraResults: ['not_found'],
  input: z.object({
    operation: z.enum(['add', 'remove', 'clear']).describe('add, remove или clear'),
    array: z.array(z.unknown()).describe('Исходный массив'),
    value: z.unknown().optional().describe('Элемент (для add и remove)'),
    skip_duplicates: z
      .boolean()
      .default(true)
      .describe('add: не добавлять элемент, который уже есть'),
  }),
  output: z.object({ modified_array: z.array(z.unknown()).describe('Изменённый массив') }),
  example: { operation: 'add', array: '{_cache.selected|fallback:[]}', value: '{callback_data}' },
  async execute(input) {
    const { operation, array, value } = input
    if (operation === 'clear') return success({ modified_array: [] })
    if (value === undefined) return failure('VALIDATION_ERROR', `${operation} needs a value`)
    const present = array.some((item) => pyEquals(item, value))
    if (operation === 'add') {
      const skip = input.skip_duplicates && present
      return success({ modified_array: skip ? array : [...array, value] })
    }
    if (!present) {
      return { result: 'not_found', response_data: { modified_array: array } }
    }
    return success({ modified_array: array.filter((item) => !pyEquals(item, value)) })
  },
})

export const checkValueInArray = defineAction({
  ...common,
  name: 'check_value_in_array',
  description: 'Поиск значения в массиве: индекс первого вхождения',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'response_index',
  extraResults: ['not_found'],
  input: z.object({
    array: z.array(z.unknown()).describe('Массив'),
    value: z.unknown().describe('Искомое значение'),
  }),
  output: z.object({
    response_index: z.number().int().describe('Индекс первого вхождения'),
  }),
  example: { array: [1, 2, 3], value: '{user_id}' },
  async execute(input) {
    const index = input.array.findIndex((item) => pyEquals(item, input.value))
    if (index === -1) return { result: 'not_found' }
    return success({ response_index: index })
  },
})

export const generateUniqueId = defineAction({
  ...common,
  name: 'generate_unique_id',
  description:
    'Уникальный числовой ID: с одним и тем же seed тенант всегда получает тот же ID; без seed — новый',
  isMutating: true,
  isIdempotent: false,
  replaceableField: 'unique_id',
  input: z.object({
    seed: z.string().min(1).optional().describe('Сид: тот же сид — тот же ID'),
    tenant_id: z.number().int().min(1).optional().describe('ID тенанта (из контекста)'),
  }),
  output: z.object({ unique_id: z.number().int().describe('Уникальный ID') }),
  example: { seed: 'order_{user_id}' },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const { db, ids, clock } = context.services
    const seed = input.seed ?? ids.uuid()
    const [row] = await db
      .insert(scenarioUniqueIds)
      .values({ tenantId: tenant.value, seed, createdAt: clock.now() })
      .onConflictDoUpdate({
        target: [scenarioUniqueIds.tenantId, scenarioUniqueIds.seed],
        // A no-op update, so the existing row's id comes back.
        set: { seed },
      })
      .returning({ id: scenarioUniqueIds.id })
    if (!row) return failure('INTERNAL_ERROR', 'No id was returned')
    return success({ unique_id: row.id })
  },
})

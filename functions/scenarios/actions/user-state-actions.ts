import { z } from 'zod'
import { type ActionContext, defineAction, failure, success } from '../../actions/define.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import { tenantOf } from '../../bots/actions/action-scope.ts'
import { readUserState, writeUserState } from '../store/tenant-users.ts'
import { tenantIdParam } from './storage-params.ts'

export const userIdParam = z
  .number()
  .int()
  .optional()
  .describe('ID пользователя (из контекста события)')

const common = { service: 'user_hub', access: 'public' as const, timeoutMs: 10_000 }

const stateOutput = {
  user_state: z.string().nullable().describe('Состояние (null — нет или истекло)'),
  user_state_expired_at: z
    .string()
    .nullable()
    .describe('Когда истекает (ISO 8601 UTC); null — бессрочно'),
}

type UserScope =
  | { ok: true; tenantId: number; userId: number }
  | { ok: false; outcome: ActionOutcome }

/** The tenant (the caller's own unless a system tenant names another) and the user (the event's by default). */
export async function userScope(
  context: ActionContext,
  input: { tenant_id?: number | undefined; user_id?: number | undefined },
): Promise<UserScope> {
  const tenant = await tenantOf(context, input.tenant_id)
  if (!tenant.ok) return tenant
  if (input.user_id === undefined) {
    return {
      ok: false,
      outcome: failure('VALIDATION_ERROR', 'user_id is required (the event has none)'),
    }
  }
  return { ok: true, tenantId: tenant.value, userId: input.user_id }
}

export const setUserState = defineAction({
  ...common,
  name: 'set_user_state',
  description:
    'Установка состояния пользователя (null или "" — сброс) со сроком жизни; триггер user_state: "<состояние>" ловит следующее событие',
  isMutating: true,
  isIdempotent: true,
  input: z.object({
    tenant_id: tenantIdParam,
    user_id: userIdParam,
    state: z.string().nullable().describe('Состояние; null или "" сбрасывает'),
    expires_in_seconds: z
      .number()
      .int()
      .min(0)
      .nullable()
      .optional()
      .describe('Срок жизни в секундах; null или 0 — бессрочно'),
  }),
  output: z.object(stateOutput),
  example: { state: 'feedback', expires_in_seconds: 300 },
  async execute(input, context) {
    const scope = await userScope(context, input)
    if (!scope.ok) return scope.outcome
    const now = context.services.clock.now()
    const seconds = input.expires_in_seconds ?? 0
    const state = input.state === '' ? null : input.state
    const expiresAt = seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null
    const written = await writeUserState(
      context.services.db,
      scope.tenantId,
      scope.userId,
      state,
      expiresAt,
      now,
    )
    return success(written)
  },
})

export const getUserState = defineAction({
  ...common,
  name: 'get_user_state',
  description: 'Текущее состояние пользователя (истёкшее читается как отсутствующее)',
  isMutating: false,
  isIdempotent: true,
  replaceableField: 'user_state',
  input: z.object({ tenant_id: tenantIdParam, user_id: userIdParam }),
  output: z.object(stateOutput),
  example: {},
  async execute(input, context) {
    const scope = await userScope(context, input)
    if (!scope.ok) return scope.outcome
    const { db, clock } = context.services
    return success(await readUserState(db, scope.tenantId, scope.userId, clock.now()))
  },
})

export const clearUserState = defineAction({
  ...common,
  name: 'clear_user_state',
  description: 'Сброс состояния пользователя',
  isMutating: true,
  isIdempotent: true,
  input: z.object({ tenant_id: tenantIdParam, user_id: userIdParam }),
  output: z.object({}),
  example: {},
  async execute(input, context) {
    const scope = await userScope(context, input)
    if (!scope.ok) return scope.outcome
    const { db, clock } = context.services
    await writeUserState(db, scope.tenantId, scope.userId, null, null, clock.now())
    return success()
  },
})

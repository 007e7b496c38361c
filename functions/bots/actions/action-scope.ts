import { eq } from 'drizzle-orm'
import type { Opts } from 'grammy/types'
import { organizations } from '../../../db/schema/index.ts'
import { type ActionContext, failure, success } from '../../actions/define.ts'
import { SYSTEM_TENANT_LIMIT } from '../../actions/registry.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import { telegramClient } from '../bot-lifecycle.ts'
import { type BotRecord, findBot, openToken } from '../bot-store.ts'
import type { TelegramClient, TelegramMethod } from '../telegram/client.ts'

/**
 * Tenant isolation for actions (Coreness's data_integrity): a scenario reaches only its own tenant's
 * bot and data, unless it belongs to a system tenant; a pipeline or agent only its organization's.
 */
export function mayUseTenant(
  context: ActionContext,
  tenant: { tenantId: number; organizationId: string },
): boolean {
  const { caller } = context
  switch (caller.kind) {
    case 'internal':
      return true
    case 'scenario':
      return caller.tenantId < SYSTEM_TENANT_LIMIT || caller.tenantId === tenant.tenantId
    default:
      return caller.organizationId === tenant.organizationId
  }
}

export type Scoped<T> = { ok: true; value: T } | { ok: false; outcome: ActionOutcome }

const denied = (): { ok: false; outcome: ActionOutcome } => ({
  ok: false,
  outcome: failure('PERMISSION_DENIED', 'This bot belongs to another tenant'),
})

/** The bot and a Bot API client for it (recording instead of sending under simulation). */
export async function botClient(
  context: ActionContext,
  botId: number,
): Promise<Scoped<{ bot: BotRecord; client: TelegramClient }>> {
  const bot = await findBot(context.services, botId)
  if (!bot) return { ok: false, outcome: failure('NOT_FOUND', `Bot ${botId} not found`) }
  if (!mayUseTenant(context, bot)) return denied()
  const token = await openToken(context.services, bot)
  if (!token) return { ok: false, outcome: failure('NOT_FOUND', `Bot ${botId} has no token`) }
  const client = telegramClient(context.services, token, {
    signal: context.signal,
    ...(context.simulation ? { simulation: context.simulation } : {}),
  })
  return { ok: true, value: { bot, client } }
}

/**
 * The tenant an action works in: the calling scenario's (a system tenant may name another), the
 * organization's for pipelines and agents, and the one given for the platform itself.
 */
export async function tenantOf(
  context: ActionContext,
  requested: number | undefined,
): Promise<Scoped<number>> {
  const { caller } = context
  if (caller.kind === 'internal') {
    return requested === undefined
      ? { ok: false, outcome: failure('VALIDATION_ERROR', 'tenant_id is required') }
      : { ok: true, value: requested }
  }
  if (caller.kind === 'scenario') {
    if (requested === undefined || requested === caller.tenantId) {
      return { ok: true, value: caller.tenantId }
    }
    return caller.tenantId < SYSTEM_TENANT_LIMIT
      ? { ok: true, value: requested }
      : { ok: false, outcome: failure('PERMISSION_DENIED', 'tenant_id is not your tenant') }
  }
  const [organization] = await context.services.db
    .select({ tenantId: organizations.tenantId })
    .from(organizations)
    .where(eq(organizations.id, caller.organizationId))
  if (!organization) return { ok: false, outcome: failure('NOT_FOUND', 'Organization not found') }
  if (requested !== undefined && requested !== organization.tenantId) {
    return { ok: false, outcome: failure('PERMISSION_DENIED', 'tenant_id is not your tenant') }
  }
  return { ok: true, value: organization.tenantId }
}

/** A failed Bot API call as an action outcome. */
export function apiError(error: unknown): ActionOutcome {
  const message = error instanceof Error ? error.message : String(error)
  return failure('API_ERROR', message)
}

/** An action that is one Bot API call on one of the caller's bots: success, or the refusal as API_ERROR. */
export async function callBotApi<M extends TelegramMethod>(
  context: ActionContext,
  botId: number,
  method: M,
  payload: Opts<M>,
): Promise<ActionOutcome> {
  const scoped = await botClient(context, botId)
  if (!scoped.ok) return scoped.outcome
  try {
    await scoped.value.client.call(method, payload)
    return success()
  } catch (error) {
    return apiError(error)
  }
}

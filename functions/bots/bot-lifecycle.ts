import type { BotCommandScope, LanguageCode } from 'grammy/types'
import type { StoredBotCommands } from '../../db/schema/index.ts'
import type { SimulationRecorder } from '../actions/define.ts'
import type { Services } from '../platform/services.ts'
import { type BotRecord, findBot, openToken, updateBot } from './bot-store.ts'
import { type CommandGroup, groupCommandsByScope, scopesToClear } from './command-scopes.ts'
import type { BotCommandEntry, CommandScopeEntry } from './config-schema.ts'
import { TelegramClient } from './telegram/client.ts'

/** The updates scenarios can trigger on (Coreness's list); everything else is never delivered. */
export const ALLOWED_UPDATES = [
  'message',
  'callback_query',
  'pre_checkout_query',
  'chat_member',
  'my_chat_member',
] as const

export type ReceiveMode = 'webhook' | 'polling' | 'none'

export function telegramClient(
  services: Services,
  token: string,
  options: { signal?: AbortSignal; simulation?: SimulationRecorder } = {},
): TelegramClient {
  return new TelegramClient({ apiRoot: services.env.TELEGRAM_API_ROOT, token, ...options })
}

export function webhookUrlFor(services: Services, botId: number): string | null {
  const base = services.env.PUBLIC_BASE_URL
  return base ? `${base.replace(/\/+$/, '')}/webhooks/telegram/${botId}` : null
}

/** Long polling when `npm start` runs with BOT_UPDATES=polling; webhooks everywhere else. */
function usesPolling(services: Services): boolean {
  return services.env.BOT_UPDATES === 'polling' && services.local?.botPolling !== undefined
}

/**
 * Points Telegram at us: setWebhook with the bot's secret and the allowed updates, or (polling) drops
 * any webhook and starts the getUpdates loop. Without PUBLIC_BASE_URL a webhook cannot be set.
 */
export async function startReceiving(services: Services, bot: BotRecord): Promise<ReceiveMode> {
  const token = await openToken(services, bot)
  if (!token) return 'none'
  const client = telegramClient(services, token)
  if (usesPolling(services)) {
    await client.call('deleteWebhook', { drop_pending_updates: false })
    if (bot.webhookUrl !== null) await updateBot(services, bot.botId, { webhookUrl: null })
    await services.local?.botPolling?.start(bot.botId)
    return 'polling'
  }
  const url = webhookUrlFor(services, bot.botId)
  if (!url) {
    services.log.warn('bot.no_public_url', { botId: bot.botId })
    return 'none'
  }
  await client.call('setWebhook', {
    url,
    secret_token: await services.secrets.decrypt(bot.webhookSecretSealed),
    allowed_updates: [...ALLOWED_UPDATES],
  })
  if (bot.webhookUrl !== url) await updateBot(services, bot.botId, { webhookUrl: url })
  return 'webhook'
}

/** Stops updates: the polling loop ends and any webhook is deleted. */
export async function stopReceiving(services: Services, bot: BotRecord): Promise<void> {
  await services.local?.botPolling?.stop(bot.botId)
  const token = await openToken(services, bot)
  if (token) await telegramClient(services, token).call('deleteWebhook', {})
  if (bot.webhookUrl !== null) await updateBot(services, bot.botId, { webhookUrl: null })
}

/** Starts or stops the bot to match `is_active` (and the tenant's); reloads it first. */
export async function reconcileReceiving(services: Services, botId: number): Promise<ReceiveMode> {
  const bot = await findBot(services, botId, { fresh: true })
  if (!bot) return 'none'
  if (bot.isActive && bot.tenantActive) return startReceiving(services, bot)
  await stopReceiving(services, bot)
  return 'none'
}

const scopeKey = (group: CommandGroup) =>
  `${JSON.stringify(group.scope)}|${group.language_code ?? ''}`

/**
 * Applies commands per scope: deleteMyCommands for every `command_clear` scope and every scope the
 * previous config used but this one does not, then one setMyCommands per scope.
 */
export async function applyCommands(
  client: TelegramClient,
  previous: StoredBotCommands | null,
  next: StoredBotCommands,
): Promise<void> {
  const groups = groupCommandsByScope(next.commands as BotCommandEntry[])
  const keep = new Set(groups.map(scopeKey))
  const clear = new Map<string, CommandGroup>()
  const cleared = scopesToClear({
    bot_token: null,
    is_active: true,
    commands: [],
    command_clear: next.command_clear as CommandScopeEntry[],
  })
  for (const group of cleared) clear.set(scopeKey(group), group)
  for (const group of groupCommandsByScope((previous?.commands ?? []) as BotCommandEntry[])) {
    if (!keep.has(scopeKey(group))) clear.set(scopeKey(group), group)
  }
  for (const group of clear.values()) {
    await client.call('deleteMyCommands', scopeOf(group))
  }
  for (const group of groups) {
    await client.call('setMyCommands', { commands: group.commands, ...scopeOf(group) })
  }
}

function scopeOf(group: CommandGroup): { scope: BotCommandScope; language_code?: LanguageCode } {
  // The config schema already checked the two-letter code.
  const language = group.language_code as LanguageCode | undefined
  return { scope: group.scope, ...(language ? { language_code: language } : {}) }
}

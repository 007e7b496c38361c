import type { UserFromGetMe } from 'grammy/types'
import type { Queryable } from '../../db/database.ts'
import type { StoredBotCommands } from '../../db/schema/index.ts'
import { applyCommands, reconcileReceiving, telegramClient } from '../bots/bot-lifecycle.ts'
import {
  type BotRecord,
  findBot,
  findBotOfTenant,
  openToken,
  updateBot,
  upsertBot,
} from '../bots/bot-store.ts'
import type { TelegramBotConfig } from '../bots/config-schema.ts'
import { TelegramApiError } from '../bots/telegram/client.ts'
import type { Services } from '../platform/services.ts'
import type { SyncIssue } from './validate-tenant.ts'

/** What `bots/telegram.yaml` asks for, checked against Telegram before anything is written. */
export type BotPlan = {
  config: TelegramBotConfig | null
  previous: BotRecord | null
  /** The token to store, when the file gives a new one. */
  newToken: string | null
  me: UserFromGetMe | null
}

/**
 * Reads the current bot and, when the bot will run, asks Telegram who the token belongs to: a token
 * Telegram rejects is a config error like any other and keeps the previous configuration.
 */
export async function planBot(
  services: Services,
  tenantId: number,
  config: TelegramBotConfig | null,
  file: string,
): Promise<{ plan: BotPlan } | { issue: SyncIssue }> {
  const previous = await findBotOfTenant(services.db, tenantId)
  const stored = previous ? await openToken(services, previous) : null
  const newToken = config?.bot_token && config.bot_token !== stored ? config.bot_token : null
  const token = newToken ?? stored
  let me: UserFromGetMe | null = null
  if (config?.is_active && token) {
    try {
      me = await telegramClient(services, token).call('getMe', {})
    } catch (error) {
      const failure = TelegramApiError.from('getMe', error)
      if (failure.transient) throw failure
      return {
        issue: {
          file,
          message: `bot_token: Telegram rejected the token (${failure.code} ${failure.description})`,
        },
      }
    }
  }
  return { plan: { config, previous, newToken, me } }
}

/** Writes the bot row inside the sync transaction; returns its id (null: the tenant has no bot). */
export async function writeBot(
  services: Services,
  tx: Queryable,
  tenantId: number,
  plan: BotPlan,
): Promise<number | null> {
  const { config, previous, newToken, me } = plan
  if (!config) {
    if (previous) await updateBot(services, previous.botId, { isActive: false }, tx)
    return previous?.botId ?? null
  }
  const commands: StoredBotCommands = {
    commands: config.commands,
    command_clear: config.command_clear,
  }
  const { botId } = await upsertBot(services, tx, tenantId, {
    isActive: config.is_active,
    commands,
    ...(newToken ? { tokenSealed: await services.secrets.encrypt(newToken) } : {}),
    ...(me ? { telegramBotId: me.id, username: me.username, firstName: me.first_name } : {}),
  })
  return botId
}

/** After the swap: commands per scope, then the webhook (or polling) on or off. */
export async function applyBot(services: Services, botId: number, plan: BotPlan): Promise<void> {
  const bot = await findBot(services, botId, { fresh: true })
  if (!bot) return
  const token = await openToken(services, bot)
  if (token && bot.isActive && bot.tenantActive) {
    await applyCommands(
      telegramClient(services, token),
      plan.previous?.commands ?? null,
      bot.commands,
    )
  }
  await reconcileReceiving(services, botId)
}

import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { bots } from '../../../db/schema/index.ts'
import { withTransaction } from '../../../db/transaction.ts'
import { type ActionContext, defineAction, failure, success } from '../../actions/define.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import { applyBot, planBot, writeBot } from '../../tenants/sync-bot.ts'
import { loadTenant } from '../../tenants/tenant-store.ts'
import {
  applyCommands,
  reconcileReceiving,
  stopReceiving,
  telegramClient,
} from '../bot-lifecycle.ts'
import { findBot, findBotOfTenant, openToken, updateBot } from '../bot-store.ts'
import { botCommandEntrySchema, type TelegramBotConfig } from '../config-schema.ts'
import { apiError } from './action-scope.ts'

const common = { service: 'bot_hub', access: 'system' as const, timeoutMs: 30_000 }
const botIdParam = z.number().int().min(1).describe('ID бота')
const tenantIdParam = z.number().int().min(1).describe('ID тенанта')
const tokenParam = z
  .string()
  .trim()
  .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456789:AAE…')

/** Under simulation, bot lifecycle calls are recorded rather than made. */
function simulated(context: ActionContext, method: string, payload: unknown): boolean {
  context.simulation?.record({ service: 'telegram', method, payload })
  return context.simulation !== undefined
}

async function guard(work: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  try {
    return await work()
  } catch (error) {
    return apiError(error)
  }
}

function setActive(name: string, description: string, active: boolean) {
  return defineAction({
    ...common,
    name,
    description,
    isMutating: true,
    isIdempotent: true,
    input: z.object({ bot_id: botIdParam }),
    output: z.object({}),
    example: { bot_id: 1 },
    execute: (input, context) =>
      guard(async () => {
        const { services } = context
        const bot = await findBot(services, input.bot_id, { fresh: true })
        if (!bot) return failure('NOT_FOUND', `Bot ${input.bot_id} not found`)
        await updateBot(services, bot.botId, { isActive: active })
        if (simulated(context, active ? 'setWebhook' : 'deleteWebhook', { bot_id: bot.botId })) {
          return success()
        }
        await reconcileReceiving(services, bot.botId)
        if (active && !bot.tenantActive) {
          return failure('TENANT_INACTIVE', `Tenant ${bot.tenantId} is inactive; the bot stays off`)
        }
        return success()
      }),
  })
}

export const startBot = setActive('start_bot', 'Запуск бота (вебхук или, на Node, пулинг)', true)
export const stopBot = setActive('stop_bot', 'Остановка бота', false)

export const stopAllBots = defineAction({
  ...common,
  name: 'stop_all_bots',
  description: 'Остановка всех ботов',
  timeoutMs: 120_000,
  isMutating: true,
  isIdempotent: true,
  input: z.object({}),
  output: z.object({}),
  execute: (_input, context) =>
    guard(async () => {
      const { services } = context
      const active = await services.db
        .select({ id: bots.id })
        .from(bots)
        .where(eq(bots.isActive, true))
      const errors: string[] = []
      for (const { id } of active) {
        await updateBot(services, id, { isActive: false })
        if (simulated(context, 'deleteWebhook', { bot_id: id })) continue
        const bot = await findBot(services, id, { fresh: true })
        if (bot)
          await stopReceiving(services, bot).catch((e: Error) => errors.push(`${id}: ${e.message}`))
      }
      return errors.length === 0 ? success() : failure('API_ERROR', errors.join('\n'))
    }),
})

export const setBotToken = defineAction({
  ...common,
  name: 'set_bot_token',
  description:
    'Установка токена бота. Бот должен быть создан синхронизацией конфигурации (sync_bot_config); активный бот перезапускается с новым токеном',
  isMutating: true,
  isIdempotent: true,
  input: z.object({
    tenant_id: tenantIdParam,
    bot_token: tokenParam
      .nullable()
      .optional()
      .describe(
        'Токен бота (если не передан - поле не обновляется, если передан null - удаляется)',
      ),
  }),
  output: z.object({}),
  example: { tenant_id: 101, bot_token: '123456789:AAE…' },
  execute: (input, context) =>
    guard(async () => {
      const { services } = context
      const bot = await findBotOfTenant(services.db, input.tenant_id)
      if (!bot)
        return failure('NOT_FOUND', `Tenant ${input.tenant_id} has no bot; sync its config first`)
      if (input.bot_token === undefined) return success()
      if (simulated(context, 'setWebhook', { bot_id: bot.botId })) return success()
      if (input.bot_token === null) {
        await stopReceiving(services, bot)
        await updateBot(services, bot.botId, { tokenSealed: null, webhookUrl: null })
        return success()
      }
      const me = await telegramClient(services, input.bot_token).call('getMe', {})
      const previous = await openToken(services, bot)
      if (previous && previous !== input.bot_token) await stopReceiving(services, bot)
      await updateBot(services, bot.botId, {
        tokenSealed: await services.secrets.encrypt(input.bot_token),
        telegramBotId: me.id,
        username: me.username,
        firstName: me.first_name,
      })
      await reconcileReceiving(services, bot.botId)
      return success()
    }),
})

const commandList = z.array(botCommandEntrySchema)

/** sync_bot_config and sync_bot: the sync's own bot step, driven by params instead of a file. */
async function configure(
  context: ActionContext,
  input: { tenant_id: number; bot_token?: string | undefined; is_active: boolean },
  commands?: TelegramBotConfig['commands'],
): Promise<ActionOutcome> {
  const { services } = context
  if (!(await loadTenant(services.db, input.tenant_id))) {
    return failure('NOT_FOUND', `Tenant ${input.tenant_id} is not synced yet`)
  }
  const current = await findBotOfTenant(services.db, input.tenant_id)
  const config: TelegramBotConfig = {
    bot_token: input.bot_token ?? null,
    is_active: input.is_active,
    commands: commands ?? ((current?.commands.commands ?? []) as TelegramBotConfig['commands']),
    command_clear: (current?.commands.command_clear ?? []) as TelegramBotConfig['command_clear'],
  }
  const planned = await planBot(services, input.tenant_id, config, 'bot_token')
  if ('issue' in planned) return failure('VALIDATION_ERROR', planned.issue.message)
  const botId = await withTransaction(services.db, (tx) =>
    writeBot(services, tx, input.tenant_id, planned.plan),
  )
  if (botId === null) return failure('INTERNAL_ERROR', 'Bot was not written')
  if (!simulated(context, 'setWebhook', { bot_id: botId })) {
    await applyBot(services, botId, planned.plan)
  }
  return success({ bot_id: botId, action: planned.plan.previous ? 'updated' : 'created' })
}

const configured = z.object({
  bot_id: z.number().int().describe('ID бота'),
  action: z.enum(['created', 'updated']).describe('Действие: created или updated'),
})

export const syncBotConfig = defineAction({
  ...common,
  name: 'sync_bot_config',
  description:
    'Синхронизация конфигурации бота: создание/обновление бота + запуск. Если bot_token не передан, используется токен из БД',
  isMutating: true,
  isIdempotent: true,
  input: z.object({
    tenant_id: tenantIdParam,
    bot_token: tokenParam.optional().describe('Токен бота (если не передан - используется из БД)'),
    is_active: z.boolean().describe('Активен ли бот'),
  }),
  output: configured,
  example: { tenant_id: 101, is_active: true },
  execute: (input, context) => guard(() => configure(context, input)),
})

export const syncBot = defineAction({
  ...common,
  name: 'sync_bot',
  description:
    'Синхронизация бота: конфигурация + команды (обёртка над sync_bot_config + sync_bot_commands)',
  isMutating: true,
  isIdempotent: true,
  input: z.object({
    tenant_id: tenantIdParam,
    bot_token: tokenParam.describe('Токен бота'),
    is_active: z.boolean().optional().describe('Активен ли бот (по умолчанию true)'),
    bot_commands: commandList.optional().describe('Список команд для применения'),
  }),
  output: configured,
  example: { tenant_id: 101, bot_token: '123456789:AAE…' },
  execute: (input, context) =>
    guard(() =>
      configure(
        context,
        {
          tenant_id: input.tenant_id,
          bot_token: input.bot_token,
          is_active: input.is_active ?? true,
        },
        input.bot_commands,
      ),
    ),
})

export const syncBotCommands = defineAction({
  ...common,
  name: 'sync_bot_commands',
  description: 'Синхронизация команд бота: сохранение в БД → применение в Telegram по областям',
  isMutating: true,
  isIdempotent: true,
  input: z.object({
    bot_id: botIdParam,
    command_list: commandList.describe(
      'Список команд: {command, description, scope?, chat_id?, user_id?}',
    ),
  }),
  output: z.object({}),
  example: { bot_id: 1, command_list: [{ command: 'start', description: 'Main menu' }] },
  execute: (input, context) =>
    guard(async () => {
      const { services } = context
      const bot = await findBot(services, input.bot_id, { fresh: true })
      if (!bot) return failure('NOT_FOUND', `Bot ${input.bot_id} not found`)
      const next = { commands: input.command_list, command_clear: bot.commands.command_clear }
      await updateBot(services, bot.botId, { commands: next })
      const token = await openToken(services, bot)
      if (token) {
        const client = telegramClient(services, token, {
          signal: context.signal,
          ...(context.simulation ? { simulation: context.simulation } : {}),
        })
        await applyCommands(client, bot.commands, next)
      }
      return success()
    }),
})

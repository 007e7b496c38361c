import { z } from 'zod'
import { defineAction, failure, success } from '../../actions/define.ts'
import { telegramClient } from '../bot-lifecycle.ts'
import { findBot, openToken } from '../bot-store.ts'
import { apiError } from './action-scope.ts'

const common = { service: 'bot_hub', access: 'system' as const }
const botIdParam = z.number().int().min(1).describe('ID бота')

export const getBotInfo = defineAction({
  ...common,
  name: 'get_bot_info',
  description: 'Получение информации о боте из базы данных (с кэшированием)',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({
    bot_id: botIdParam,
    force_refresh: z
      .boolean()
      .optional()
      .describe('Принудительное обновление из БД (игнорирует кэш)'),
  }),
  output: z.object({
    bot_id: z.number().int().describe('ID бота'),
    telegram_bot_id: z.number().int().nullable().describe('ID бота в Telegram'),
    tenant_id: z.number().int().describe('ID тенанта'),
    bot_token: z.string().nullable().describe('Токен бота'),
    username: z.string().nullable().describe('Username бота'),
    first_name: z.string().nullable().describe('Имя бота'),
    is_active: z.boolean().describe('Активен ли бот'),
    bot_command: z.array(z.record(z.string(), z.unknown())).describe('Команды бота'),
  }),
  example: { bot_id: 1 },
  async execute(input, context) {
    const { services } = context
    const bot = await findBot(services, input.bot_id, { fresh: input.force_refresh ?? false })
    if (!bot) return failure('NOT_FOUND', `Bot ${input.bot_id} not found`)
    return success({
      bot_id: bot.botId,
      telegram_bot_id: bot.telegramBotId,
      tenant_id: bot.tenantId,
      bot_token: await openToken(services, bot),
      username: bot.username,
      first_name: bot.firstName,
      is_active: bot.isActive,
      bot_command: bot.commands.commands,
    })
  },
})

export const getBotStatus = defineAction({
  ...common,
  name: 'get_bot_status',
  description: 'Получение статуса приёма обновлений (вебхук, на Node — пулинг) и активности бота',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({ bot_id: botIdParam }),
  output: z.object({
    is_polling: z
      .boolean()
      .describe('Получает ли бот обновления: вебхук установлен или (Node) идёт пулинг'),
    is_active: z.boolean().describe('Активен ли бот из настроек БД'),
  }),
  example: { bot_id: 1 },
  async execute(input, context) {
    const { services } = context
    const bot = await findBot(services, input.bot_id, { fresh: true })
    if (!bot) return failure('NOT_FOUND', `Bot ${input.bot_id} not found`)
    const running = bot.isActive && bot.tenantActive
    const polling = services.local?.botPolling?.isPolling(bot.botId) ?? false
    return success({
      is_polling: running && (polling || bot.webhookUrl !== null),
      is_active: bot.isActive,
    })
  },
})

export const getTelegramBotInfo = defineAction({
  ...common,
  name: 'get_telegram_bot_info',
  description: 'Получение информации о боте через Telegram API',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 10_000,
  input: z.object({ bot_token: z.string().min(1).describe('Токен бота') }),
  output: z.object({
    telegram_bot_id: z.number().int().describe('ID бота в Telegram'),
    username: z.string().describe('Username бота'),
    first_name: z.string().describe('Имя бота'),
    is_bot: z.boolean().describe('Флаг, что это бот'),
    can_join_groups: z.boolean().describe('Может ли бот присоединяться к группам'),
    can_read_all_group_messages: z
      .boolean()
      .describe('Может ли бот читать все сообщения в группах'),
    supports_inline_queries: z.boolean().describe('Поддерживает ли бот inline запросы'),
  }),
  async execute(input, context) {
    const client = telegramClient(context.services, input.bot_token, {
      signal: context.signal,
      ...(context.simulation ? { simulation: context.simulation } : {}),
    })
    try {
      const me = await client.call('getMe', {})
      return success({
        telegram_bot_id: me.id,
        username: me.username,
        first_name: me.first_name,
        is_bot: me.is_bot,
        can_join_groups: me.can_join_groups ?? false,
        can_read_all_group_messages: me.can_read_all_group_messages ?? false,
        supports_inline_queries: me.supports_inline_queries ?? false,
      })
    } catch (error) {
      return apiError(error)
    }
  },
})

import type { ChatPermissions } from 'grammy/types'
import { z } from 'zod'
import { defineAction, failure } from '../../actions/define.ts'
import { buildKeyboard } from '../keyboards.ts'
import { callBotApi } from './action-scope.ts'
import { botIdParam, chatIdParam } from './params.ts'

export const deleteMessage = defineAction({
  name: 'delete_message',
  service: 'telegram_bot_api',
  description: 'Удаление сообщения в чате события (по умолчанию — сообщения события)',
  access: 'public',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 15_000,
  input: z.object({
    bot_id: botIdParam,
    chat_id: chatIdParam.optional().describe('Чат события (из контекста)'),
    message_id: z.number().int().optional().describe('Сообщение события (из контекста)'),
    delete_message_id: z.number().int().min(1).optional().describe('ID сообщения для удаления'),
  }),
  output: z.object({}),
  async execute(input, context) {
    const messageId = input.delete_message_id ?? input.message_id
    if (input.chat_id === undefined || messageId === undefined) {
      return failure('VALIDATION_ERROR', 'chat_id and delete_message_id are required')
    }
    return callBotApi(context, input.bot_id, 'deleteMessage', {
      chat_id: input.chat_id,
      message_id: messageId,
    })
  },
})

export const answerCallbackQuery = defineAction({
  name: 'answer_callback_query',
  service: 'telegram_bot_api',
  description: 'Ответ на нажатие inline-кнопки (уведомление или alert)',
  access: 'public',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 10_000,
  input: z.object({
    bot_id: botIdParam,
    callback_query_id: z.string().min(1).describe('ID callback-запроса: "{callback_id}"'),
    text: z.string().max(200).optional().describe('Текст уведомления (до 200 символов)'),
    show_alert: z.boolean().optional().describe('Показать alert вместо уведомления'),
    cache_time: z.number().int().min(0).max(3600).optional().describe('Кэширование ответа, с'),
  }),
  output: z.object({}),
  example: { callback_query_id: '{callback_id}', text: 'Done' },
  async execute(input, context) {
    return callBotApi(context, input.bot_id, 'answerCallbackQuery', {
      callback_query_id: input.callback_query_id,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.show_alert !== undefined ? { show_alert: input.show_alert } : {}),
      ...(input.cache_time !== undefined ? { cache_time: input.cache_time } : {}),
    })
  },
})

export const buildKeyboardAction = defineAction({
  name: 'build_keyboard',
  service: 'telegram_bot_api',
  description:
    'Построение клавиатуры из массива: одна кнопка на элемент, $value$ в шаблонах заменяется элементом',
  access: 'public',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  replaceableField: 'keyboard',
  input: z.object({
    items: z.array(z.unknown()).min(1).describe('Элементы, по кнопке на каждый'),
    keyboard_type: z.enum(['inline', 'reply']).describe('inline или reply'),
    text_template: z.string().min(1).describe('Текст кнопки с $value$'),
    callback_template: z.string().optional().describe('callback_data с $value$ (для inline)'),
    buttons_per_row: z.number().int().min(1).max(8).optional().describe('Кнопок в ряду (1–8)'),
  }),
  output: z.object({
    keyboard: z.array(z.array(z.unknown())).describe('Ряды кнопок'),
    keyboard_type: z.string().describe('Тип клавиатуры'),
    rows_count: z.number().int().describe('Количество рядов'),
    buttons_count: z.number().int().describe('Количество кнопок'),
  }),
  example: {
    items: [1, 2, 3],
    keyboard_type: 'inline',
    text_template: 'Item $value$',
    callback_template: 'item_$value$',
  },
  async execute(input) {
    return buildKeyboard(input)
  },
})

/** Scenario booleans → Bot API permissions; an omitted boolean leaves its permissions out. */
function permissionsOf(input: {
  messages?: boolean | undefined
  attachments?: boolean | undefined
  other?: boolean | undefined
  management?: boolean | undefined
}): ChatPermissions {
  const groups: [boolean | undefined, (keyof ChatPermissions)[]][] = [
    [input.messages, ['can_send_messages']],
    [
      input.attachments,
      [
        'can_send_audios',
        'can_send_documents',
        'can_send_photos',
        'can_send_videos',
        'can_send_video_notes',
        'can_send_voice_notes',
      ],
    ],
    [input.other, ['can_send_polls', 'can_send_other_messages', 'can_add_web_page_previews']],
    [
      input.management,
      ['can_change_info', 'can_invite_users', 'can_pin_messages', 'can_manage_topics'],
    ],
  ]
  const permissions: Record<string, boolean> = {}
  for (const [value, keys] of groups) {
    if (value === undefined) continue
    for (const key of keys) permissions[key] = value
  }
  return permissions as ChatPermissions
}

export const restrictChatMember = defineAction({
  name: 'restrict_chat_member',
  service: 'telegram_bot_api',
  description: 'Ограничение прав участника супергруппы',
  access: 'public',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 15_000,
  input: z.object({
    bot_id: botIdParam,
    chat_id: chatIdParam.describe('ID чата'),
    target_user_id: z.number().int().describe('ID пользователя'),
    messages: z.boolean().optional().describe('Отправка сообщений'),
    attachments: z.boolean().optional().describe('Отправка медиа и файлов'),
    other: z.boolean().optional().describe('Опросы, стикеры, превью ссылок'),
    management: z.boolean().optional().describe('Изменение чата, приглашения, закрепление, темы'),
    until_date: z.number().int().min(0).optional().describe('До (unix time); 0 — навсегда'),
  }),
  output: z.object({}),
  example: { chat_id: '{chat_id}', target_user_id: '{user_id}', messages: false },
  async execute(input, context) {
    return callBotApi(context, input.bot_id, 'restrictChatMember', {
      chat_id: input.chat_id,
      user_id: input.target_user_id,
      permissions: permissionsOf(input),
      ...(input.until_date !== undefined ? { until_date: input.until_date } : {}),
    })
  },
})

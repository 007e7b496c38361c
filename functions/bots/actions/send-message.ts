import type { ParseMode } from 'grammy/types'
import { z } from 'zod'
import { defineAction, failure, success } from '../../actions/define.ts'
import { ATTACHMENT_TYPES } from '../event-schema.ts'
import { buildReplyMarkup } from '../keyboards.ts'
import { toMarkdownV2 } from '../telegram/markdown-v2.ts'
import { sendToChat } from '../telegram/send-to-chat.ts'
import { apiError, botClient } from './action-scope.ts'
import { botIdParam, chatIdParam, messageRef, messageRefParam } from './params.ts'

export const sendMessage = defineAction({
  name: 'send_message',
  service: 'telegram_bot_api',
  description:
    'Отправка сообщения (или редактирование при message_edit) в один или несколько чатов: HTML по умолчанию, MarkdownV2, inline- и reply-клавиатуры, вложения и медиагруппы',
  access: 'public',
  isMutating: true,
  isIdempotent: false,
  timeoutMs: 30_000,
  input: z.object({
    bot_id: botIdParam,
    chat_id: chatIdParam.optional().describe('Чат события (из контекста)'),
    message_id: z.number().int().optional().describe('Сообщение события (из контекста)'),
    target_chat_id: z
      .union([chatIdParam, z.array(chatIdParam)])
      .optional()
      .describe('Чат или список чатов; по умолчанию chat_id события'),
    text: z.string().optional().describe('Текст сообщения'),
    parse_mode: z
      .enum(['HTML', 'Markdown', 'MarkdownV2'])
      .optional()
      .describe('HTML по умолчанию; MarkdownV2 принимает обычный Markdown и экранирует сам'),
    message_edit: messageRefParam.describe(
      'true — редактировать сообщение события, число — это сообщение; без него отправляется новое',
    ),
    message_reply: messageRefParam.describe(
      'true — ответить на сообщение события, число — на это сообщение',
    ),
    inline: z.array(z.unknown()).optional().describe('Inline-клавиатура: ряды кнопок'),
    reply: z.array(z.unknown()).optional().describe('Reply-клавиатура: ряды строк; [] убирает её'),
    attachment: z
      .array(z.object({ file_id: z.string().min(1), type: z.enum(ATTACHMENT_TYPES) }))
      .optional()
      .describe('Вложения [{file_id, type}]'),
  }),
  output: z.object({
    last_message_id: z
      .number()
      .int()
      .describe('ID последнего отправленного сообщения (первый чат)'),
  }),
  example: { text: 'Hello, {first_name}!', inline: [[{ Menu: 'menu' }]] },
  async execute(input, context) {
    const scoped = await botClient(context, input.bot_id)
    if (!scoped.ok) return scoped.outcome
    const { client } = scoped.value
    const target = input.target_chat_id ?? input.chat_id
    if (target === undefined) return failure('VALIDATION_ERROR', 'target_chat_id is required')
    const chats = Array.isArray(target) ? target : [target]
    const text = input.text ?? ''
    const attachments = input.attachment ?? []
    if (text.trim() === '' && attachments.length === 0) {
      return failure('VALIDATION_ERROR', 'text or attachment is required')
    }
    const parseMode: ParseMode = input.parse_mode ?? 'HTML'
    const markup = buildReplyMarkup({ inline: input.inline, reply: input.reply })
    const base = {
      text: parseMode === 'MarkdownV2' ? toMarkdownV2(text) : text,
      parseMode,
      markup,
      attachments,
    }
    const editId = messageRef(input.message_edit, input.message_id)
    const replyId = messageRef(input.message_reply, input.message_id)
    let firstId: number | undefined
    let lastError: unknown
    for (const [index, chatId] of chats.entries()) {
      try {
        const id = await sendToChat(client, {
          ...base,
          chatId,
          // Editing and replying refer to one message, so they apply to the first chat only.
          ...(index === 0 && editId !== undefined ? { editId } : {}),
          ...(index === 0 && replyId !== undefined ? { replyId } : {}),
        })
        if (index === 0) firstId = id
        firstId ??= id
      } catch (error) {
        lastError = error
        context.services.log.warn('send_message.chat_failed', { chatId, error })
      }
    }
    if (firstId === undefined) return apiError(lastError)
    return success({ last_message_id: firstId })
  },
})

import type { BotCommand, Chat, Message, UserFromGetMe } from 'grammy/types'
import { UpdateQueue } from './fake-telegram-updates.ts'

/** What the fake Bot API remembers about one bot token. */
export type BotState = {
  token: string
  me: UserFromGetMe
  /** Messages this bot sent and has not deleted, by `chatId:messageId`: the ones it may edit. */
  messages: Map<string, Message>
  deleted: Set<string>
  lastMessageId: Map<string, number>
  commands: Map<string, BotCommand[]>
  webhook: Record<string, unknown> | null
  updates: UpdateQueue
}

export function createBotState(token: string, overrides: Partial<UserFromGetMe> = {}): BotState {
  const id = Number(token.split(':')[0]) || 42
  return {
    token,
    me: {
      id,
      is_bot: true,
      first_name: 'Test Bot',
      username: `test${id}_bot`,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      ...overrides,
    } as UserFromGetMe,
    messages: new Map(),
    deleted: new Set(),
    lastMessageId: new Map(),
    commands: new Map(),
    webhook: null,
    updates: new UpdateQueue(),
  }
}

export function messageKey(chatId: unknown, messageId: unknown): string {
  return `${String(chatId)}:${String(messageId)}`
}

/** A plausible chat for an id: positive ids are users, -100… supergroups, other negatives groups. */
export function chatFor(chatId: unknown): Chat {
  if (typeof chatId === 'string' && chatId.startsWith('@')) {
    return {
      id: -1_001_000_000_001,
      type: 'channel',
      title: chatId.slice(1),
      username: chatId.slice(1),
    }
  }
  const id = Number(chatId)
  if (id > 0) return { id, type: 'private', first_name: 'Test User' }
  if (id <= -1_000_000_000_000) return { id, type: 'supergroup', title: 'Test Supergroup' }
  return { id, type: 'group', title: 'Test Group' }
}

/** Message ids rise per chat and stay above any id the test's own updates used there. */
export function noteMessageId(state: BotState, chatId: unknown, messageId: number): void {
  const key = String(chatId)
  state.lastMessageId.set(key, Math.max(state.lastMessageId.get(key) ?? 1000, messageId))
}

/** Records a message as sent by the bot, so later edits and deletes of it behave as on Telegram. */
export function storeBotMessage(
  state: BotState,
  chatId: unknown,
  fields: Partial<Message> = {},
): Message {
  const chat = chatFor(chatId)
  const key = String(chat.id)
  const messageId = fields.message_id ?? (state.lastMessageId.get(key) ?? 1000) + 1
  noteMessageId(state, chat.id, messageId)
  const message = {
    message_id: messageId,
    from: state.me,
    chat,
    date: Math.floor(Date.now() / 1000),
    ...fields,
  } as Message
  state.messages.set(messageKey(chat.id, messageId), message)
  return message
}

import type { Chat, User } from 'grammy/types'

export type UserFields = {
  user_id: number | null
  username: string | null
  first_name: string | null
  last_name: string | null
  language_code: string | null
  is_bot: boolean | null
  is_premium: boolean | null
}

export type ChatFields = {
  chat_id: number | null
  chat_type: Chat['type'] | null
  is_group: boolean
  chat_title: string | null
  chat_username: string | null
}

/** The acting user's fields; all null when Telegram sent no user (e.g. a channel-signed message). */
export function userFields(user: User | undefined): UserFields {
  if (!user) {
    return {
      user_id: null,
      username: null,
      first_name: null,
      last_name: null,
      language_code: null,
      is_bot: null,
      is_premium: null,
    }
  }
  return {
    user_id: user.id,
    username: user.username ?? null,
    first_name: user.first_name,
    last_name: user.last_name ?? null,
    language_code: user.language_code ?? null,
    is_bot: user.is_bot,
    is_premium: user.is_premium ?? false,
  }
}

export function chatFields(chat: Chat | undefined): ChatFields {
  return {
    chat_id: chat?.id ?? null,
    chat_type: chat?.type ?? null,
    is_group: chat?.type === 'group' || chat?.type === 'supergroup',
    chat_title: (chat && 'title' in chat && chat.title) || null,
    chat_username: (chat && 'username' in chat && chat.username) || null,
  }
}

import type { BotCommand, BotCommandScope } from 'grammy/types'
import {
  type BotCommandEntry,
  type CommandScopeEntry,
  commandScopeKey,
  type TelegramBotConfig,
} from './config-schema.ts'

/** One `setMyCommands` / `deleteMyCommands` call: a scope, an optional language, its commands. */
export type CommandGroup = {
  scope: BotCommandScope
  language_code?: string
  commands: BotCommand[]
}

/** The Bot API scope object for a validated `scope` entry of `bots/telegram.yaml`. */
export function toBotCommandScope(entry: CommandScopeEntry): BotCommandScope {
  const chatId = entry.chat_id ?? 0
  switch (entry.scope) {
    case 'chat':
      return { type: 'chat', chat_id: chatId }
    case 'chat_administrators':
      return { type: 'chat_administrators', chat_id: chatId }
    case 'chat_member':
      return { type: 'chat_member', chat_id: chatId, user_id: entry.user_id ?? 0 }
    default:
      return { type: entry.scope }
  }
}

function groupOf(entry: CommandScopeEntry, commands: BotCommand[]): CommandGroup {
  return {
    scope: toBotCommandScope(entry),
    ...(entry.language_code ? { language_code: entry.language_code } : {}),
    commands,
  }
}

/** `commands` grouped into one setMyCommands call per scope and language, in first-seen order. */
export function groupCommandsByScope(commands: readonly BotCommandEntry[]): CommandGroup[] {
  const groups = new Map<string, CommandGroup>()
  for (const entry of commands) {
    const key = commandScopeKey(entry)
    const group = groups.get(key) ?? groupOf(entry, [])
    groups.set(key, group)
    group.commands.push({ command: entry.command, description: entry.description })
  }
  return [...groups.values()]
}

/** The scopes whose commands a sync deletes: every listed `command_clear` entry, deduplicated. */
export function scopesToClear(config: TelegramBotConfig): CommandGroup[] {
  const groups = new Map<string, CommandGroup>()
  for (const entry of config.command_clear) groups.set(commandScopeKey(entry), groupOf(entry, []))
  return [...groups.values()]
}

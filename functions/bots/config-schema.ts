import { z } from 'zod'
import { isValidTimeZone } from '../scenarios/schedule/zoned-time.ts'
import { type ConfigResult, parseWith } from './config-result.ts'

/** Schemas of a tenant's `bots/telegram.yaml` and `config.yaml` (Coreness layout). */

export const COMMAND_SCOPES = [
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
] as const

export type CommandScopeType = (typeof COMMAND_SCOPES)[number]

const SCOPES_WITH_CHAT: readonly CommandScopeType[] = ['chat', 'chat_administrators', 'chat_member']
/** Bot API limit on commands per scope and language. */
const MAX_COMMANDS = 100

/** A numeric id, or `@channelusername` as the Bot API accepts for chat scopes. */
const chatIdSchema = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^(@[A-Za-z0-9_]{4,}|-?\d+)$/, 'must be a numeric chat id or @username')
    .transform((value) => (value.startsWith('@') ? value : Number(value))),
])

const scopeFields = {
  scope: z.enum(COMMAND_SCOPES).default('default'),
  chat_id: chatIdSchema.optional(),
  user_id: z.number().int().positive().optional(),
  language_code: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code')
    .optional(),
}

type ScopeFields = { scope: CommandScopeType; chat_id?: unknown; user_id?: unknown }

function checkScope(value: ScopeFields, context: z.RefinementCtx): void {
  const needsChat = SCOPES_WITH_CHAT.includes(value.scope)
  if (needsChat && value.chat_id === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['chat_id'],
      message: `required for scope ${value.scope}`,
    })
  }
  if (!needsChat && value.chat_id !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['chat_id'],
      message: 'only used with scope chat, chat_administrators or chat_member',
    })
  }
  if (value.scope === 'chat_member' && value.user_id === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['user_id'],
      message: 'required for scope chat_member',
    })
  }
  if (value.scope !== 'chat_member' && value.user_id !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['user_id'],
      message: 'only used with scope chat_member',
    })
  }
}

export const botCommandEntrySchema = z
  .strictObject({
    // A leading slash is what people type; the Bot API wants the bare name.
    command: z
      .string()
      .trim()
      .transform((value) => value.replace(/^\//, ''))
      .pipe(
        z
          .string()
          .regex(/^[a-z0-9_]{1,32}$/, 'must be 1-32 lowercase letters, digits or underscores'),
      ),
    description: z.string().trim().min(1).max(256),
    ...scopeFields,
  })
  .superRefine(checkScope)

export const commandScopeEntrySchema = z.strictObject(scopeFields).superRefine(checkScope)

export type BotCommandEntry = z.output<typeof botCommandEntrySchema>
export type CommandScopeEntry = z.output<typeof commandScopeEntrySchema>

/** Identifies a scope and language pair, for grouping commands into setMyCommands calls. */
export function commandScopeKey(entry: CommandScopeEntry): string {
  return [entry.scope, entry.chat_id ?? '', entry.user_id ?? '', entry.language_code ?? ''].join(
    '|',
  )
}

function checkCommandLists(commands: readonly BotCommandEntry[], context: z.RefinementCtx): void {
  const seen = new Map<string, Set<string>>()
  commands.forEach((entry, index) => {
    const key = commandScopeKey(entry)
    const names = seen.get(key) ?? new Set<string>()
    seen.set(key, names)
    if (names.has(entry.command)) {
      context.addIssue({
        code: 'custom',
        path: ['commands', index, 'command'],
        message: `duplicate command "${entry.command}" in scope ${entry.scope}`,
      })
    }
    names.add(entry.command)
    if (names.size === MAX_COMMANDS + 1) {
      context.addIssue({
        code: 'custom',
        path: ['commands', index],
        message: `more than ${MAX_COMMANDS} commands in scope ${entry.scope}`,
      })
    }
  })
}

/** An empty YAML key (`commands:`) is null; treat it like an absent one. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value) => value ?? [])

export const telegramBotConfigSchema = z
  .strictObject({
    /** Absent or null keeps the token already stored; it can be set once and then removed. */
    bot_token: z
      .string()
      .trim()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456789:AAE…, as BotFather gives it')
      .nullish(),
    is_active: z
      .boolean()
      .nullish()
      .transform((value) => value ?? true),
    commands: list(botCommandEntrySchema),
    command_clear: list(commandScopeEntrySchema),
  })
  .superRefine((config, context) => checkCommandLists(config.commands, context))

export type TelegramBotConfig = z.output<typeof telegramBotConfigSchema>

export const tenantConfigSchema = z
  .strictObject({
    ai_token: z.string().trim().min(1).nullish(),
    /** Coreness ≤ 1.1.1 name of `ai_token`. */
    openrouter_token: z.string().trim().min(1).nullish(),
    /** Emails of people who may administer this tenant in the web UI. */
    admins: z
      .array(z.string().trim().toLowerCase().pipe(z.email('must be an email address')))
      .nullish(),
    /** IANA zone for schedules and event dates. */
    timezone: z
      .string()
      .trim()
      .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Moscow')
      .nullish(),
  })
  .transform((config) => ({
    ai_token: config.ai_token ?? config.openrouter_token ?? null,
    admins: [...new Set(config.admins ?? [])],
    timezone: config.timezone ?? null,
  }))

export type TenantConfig = z.output<typeof tenantConfigSchema>

/** Validates parsed `bots/telegram.yaml`; errors name the key path. */
export function parseTelegramBotConfig(input: unknown): ConfigResult<TelegramBotConfig> {
  return parseWith(telegramBotConfigSchema, input)
}

/** Validates parsed `config.yaml`; errors name the key path. */
export function parseTenantConfig(input: unknown): ConfigResult<TenantConfig> {
  return parseWith(tenantConfigSchema, input)
}

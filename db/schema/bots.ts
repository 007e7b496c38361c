import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { tenants } from './tenants.ts'

/** A command entry of `bots/telegram.yaml` after validation, as the Bot API scopes it. */
export type StoredBotCommand = {
  command: string
  description: string
  scope: string
  chat_id?: number | string
  user_id?: number
  language_code?: string
}

export type StoredCommandScope = Omit<StoredBotCommand, 'command' | 'description'>

export type StoredBotCommands = {
  commands: StoredBotCommand[]
  command_clear: StoredCommandScope[]
}

/** One Telegram bot per tenant. `id` is the internal bot_id scenarios and webhook URLs use. */
export const bots = pgTable('bots', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id')
    .notNull()
    .unique()
    .references(() => tenants.tenantId, { onDelete: 'cascade' }),
  telegramBotId: bigint('telegram_bot_id', { mode: 'number' }),
  username: text('username'),
  firstName: text('first_name'),
  /** The token sealed with the platform key; null until one is given. */
  tokenSealed: text('token_sealed'),
  isActive: boolean('is_active').notNull().default(true),
  /** Sealed `secret_token` Telegram sends back on every webhook delivery; fixed per bot. */
  webhookSecretSealed: text('webhook_secret_sealed').notNull(),
  /** The URL Telegram delivers to, as last set; null when no webhook is set. */
  webhookUrl: text('webhook_url'),
  commands: jsonb('commands')
    .$type<StoredBotCommands>()
    .notNull()
    .default({ commands: [], command_clear: [] }),
  createdAt: createdAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export type BotRow = typeof bots.$inferSelect

export const telegramUpdateStatuses = [
  'received',
  'processing',
  'processed',
  'ignored',
  'failed',
] as const
export type TelegramUpdateStatus = (typeof telegramUpdateStatuses)[number]

/**
 * Every update a bot received, recorded before it is processed: the durable half of `update_id`
 * deduplication, and what the queue processes when the webhook could not.
 */
export const telegramUpdates = pgTable(
  'telegram_updates',
  {
    botId: integer('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    updateId: bigint('update_id', { mode: 'number' }).notNull(),
    status: text('status', { enum: telegramUpdateStatuses }).notNull().default('received'),
    eventType: text('event_type'),
    payload: jsonb('payload').notNull(),
    error: text('error'),
    receivedAt: timestamptz('received_at').notNull(),
    finishedAt: timestamptz('finished_at'),
  },
  (table) => [
    primaryKey({ columns: [table.botId, table.updateId] }),
    index('telegram_updates_received_idx').on(table.receivedAt),
  ],
)

export type TelegramUpdateRow = typeof telegramUpdates.$inferSelect

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
import { organizations } from './organizations.ts'

/**
 * Tenant Storage: `(group, key) → value`. Values are JSON and keep their type (Coreness stored text
 * and guessed the type back, so the string "123" came back as a number).
 */
export const tenantStorage = pgTable(
  'tenant_storage',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    groupKey: text('group_key').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.groupKey, table.key] })],
)

/**
 * The users a tenant's bot has seen (upserted on every event) and their state; `state_expires_at`
 * null means the state never expires. An expired state reads as none.
 */
export const tenantUsers = pgTable(
  'tenant_users',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    username: text('username'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    languageCode: text('language_code'),
    isBot: boolean('is_bot'),
    isPremium: boolean('is_premium'),
    state: text('state'),
    stateExpiresAt: timestamptz('state_expires_at'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.userId] })],
)

/** User Storage: per (tenant, user) `key → value`, JSON like Tenant Storage. */
export const userStorage = pgTable(
  'user_storage',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => organizations.tenantId, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.userId, table.key] }),
    index('user_storage_key_idx').on(table.tenantId, table.key),
  ],
)

import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { organizations } from './organizations.ts'
import { users } from './users.ts'

/**
 * A copilot conversation. Its id is chosen by the client and the row appears with the first
 * message; it belongs to one user. `contextFromSeq`: a reset keeps the history but the planner
 * only sees messages after that sequence number.
 */
export const dialogs = pgTable(
  'dialogs',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title'),
    lastStatus: text('last_status'),
    lastPipelineId: uuid('last_pipeline_id'),
    lastMessagePreview: text('last_message_preview'),
    lastSeq: integer('last_seq').notNull().default(0),
    contextFromSeq: integer('context_from_seq').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [index('dialogs_user_updated_idx').on(table.userId, table.updatedAt)],
)

export const dialogRoles = ['user', 'assistant'] as const
export type DialogRole = (typeof dialogRoles)[number]

/** Every user and assistant message, numbered within the dialog; the assistant's keeps its payload. */
export const dialogMessages = pgTable(
  'dialog_messages',
  {
    id: uuid('id').primaryKey(),
    dialogId: uuid('dialog_id')
      .notNull()
      .references(() => dialogs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: text('role', { enum: dialogRoles }).notNull(),
    content: text('content').notNull(),
    assistantPayload: jsonb('assistant_payload').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('dialog_messages_dialog_seq_key').on(table.dialogId, table.seq)],
)

export const pipelineStatuses = ['ready'] as const
export type PipelineStatus = (typeof pipelineStatuses)[number]

/**
 * A planned graph (the contract's nodes and edges, as generated) and the input values found in
 * the dialog, which runs use as defaults.
 */
export const pipelines = pgTable(
  'pipelines',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    dialogId: uuid('dialog_id').references(() => dialogs.id, { onDelete: 'set null' }),
    status: text('status', { enum: pipelineStatuses }).notNull(),
    nodes: jsonb('nodes').$type<unknown[]>().notNull(),
    edges: jsonb('edges').$type<unknown[]>().notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [index('pipelines_organization_idx').on(table.organizationId)],
)

export type DialogRow = typeof dialogs.$inferSelect
export type DialogMessageRow = typeof dialogMessages.$inferSelect
export type PipelineRow = typeof pipelines.$inferSelect

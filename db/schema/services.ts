import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { organizations } from './organizations.ts'

export const capabilityMethods = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
] as const
export type CapabilityMethod = (typeof capabilityMethods)[number]

/**
 * A connected HTTP service of an organization. Header values are credentials: they are stored only
 * sealed (AES-GCM, one JSON object), and their names separately so responses can list them.
 */
export const capabilities = pgTable(
  'capabilities',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull(),
    baseUrl: text('base_url').notNull(),
    headerNames: jsonb('header_names').$type<string[]>().notNull(),
    sealedHeaders: text('sealed_headers'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  // Names are unique per organization: the action registry calls them `<capability>.<action>`.
  (table) => [
    uniqueIndex('capabilities_organization_name_key').on(table.organizationId, table.name),
  ],
)

/** One callable endpoint of a capability; `position` keeps registration order for the planner. */
export const capabilityActions = pgTable(
  'capability_actions',
  {
    id: uuid('id').primaryKey(),
    capabilityId: uuid('capability_id')
      .notNull()
      .references(() => capabilities.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    method: text('method', { enum: capabilityMethods }).notNull(),
    path: text('path').notNull(),
    inputSchema: jsonb('input_schema').$type<Record<string, unknown>>().notNull(),
    outputSchema: jsonb('output_schema').$type<Record<string, unknown>>().notNull(),
    inputType: jsonb('input_type').$type<Record<string, string> | string | null>(),
    outputType: text('output_type'),
    externalInputs: jsonb('external_inputs').$type<string[]>().notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('capability_actions_capability_name_key').on(table.capabilityId, table.name),
    index('capability_actions_organization_idx').on(table.organizationId),
  ],
)

export type CapabilityRow = typeof capabilities.$inferSelect
export type CapabilityActionRow = typeof capabilityActions.$inferSelect

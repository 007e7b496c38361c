import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { organizations } from './organizations.ts'

export const tenantSources = ['github', 'local'] as const
export type TenantSource = (typeof tenantSources)[number]

/** `config.yaml` as stored: secrets are sealed with the platform key, never kept in clear. */
export type StoredTenantConfig = {
  ai_token_sealed?: string
  admins?: string[]
}

/**
 * A tenant of the config repository (or of the local TENANT_CONFIG_DIR) and the state of its sync.
 * The organization is the account; this row is what the repository says about it.
 */
export const tenants = pgTable('tenants', {
  tenantId: integer('tenant_id')
    .primaryKey()
    .references(() => organizations.tenantId, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .unique()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  source: text('source', { enum: tenantSources }).notNull(),
  /** False until a first sync succeeds, and again once the tenant's folder is removed. */
  isActive: boolean('is_active').notNull().default(false),
  config: jsonb('config').$type<StoredTenantConfig>().notNull().default({}),
  timezone: text('timezone'),
  lastSyncedAt: timestamptz('last_synced_at'),
  lastCommit: text('last_commit'),
  lastFailedAt: timestamptz('last_failed_at'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export type TenantRow = typeof tenants.$inferSelect

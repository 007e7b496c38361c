import { sql } from 'drizzle-orm'
import { boolean, check, integer, pgSequence, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'

/**
 * Organizations created by sign-up draw tenant ids from here: 1..99 are system tenants and
 * 100..999,999 belong to the tenant config repository, so a repository push can never land in an
 * organization that signed up.
 */
export const signupTenantIds = pgSequence('organization_signup_tenant_id_seq', {
  startWith: 1_000_000,
  minValue: 1_000_000,
})

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().unique(),
    name: text('name').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [check('organizations_tenant_id_positive', sql`${table.tenantId} > 0`)],
)

export type OrganizationRow = typeof organizations.$inferSelect

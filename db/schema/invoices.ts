import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns.ts'
import { tenants } from './tenants.ts'

/** Telegram Stars invoices; `id` is the payload Telegram echoes back in pre-checkout and payment. */
export const invoices = pgTable(
  'invoices',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull().default('XTR'),
    link: text('link'),
    isCancelled: boolean('is_cancelled').notNull().default(false),
    telegramPaymentChargeId: text('telegram_payment_charge_id'),
    paidAt: timestamptz('paid_at'),
    createdAt: createdAt(),
  },
  (table) => [index('invoices_tenant_user_idx').on(table.tenantId, table.userId)],
)

export type InvoiceRow = typeof invoices.$inferSelect

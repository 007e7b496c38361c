import { and, desc, eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/database.ts'
import { type InvoiceRow, invoices } from '../../../db/schema/index.ts'

/** An invoice as the invoice actions return it (Coreness's fields). */
export function presentInvoice(row: InvoiceRow) {
  return {
    invoice_id: row.id,
    tenant_id: row.tenantId,
    user_id: row.userId,
    title: row.title,
    description: row.description,
    amount: row.amount,
    link: row.link,
    is_cancelled: row.isCancelled,
    telegram_payment_charge_id: row.telegramPaymentChargeId,
    paid_at: row.paidAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  }
}

export async function findInvoice(
  db: Queryable,
  tenantId: number,
  invoiceId: number,
): Promise<InvoiceRow | null> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId)))
  return row ?? null
}

export async function userInvoices(
  db: Queryable,
  tenantId: number,
  userId: number,
  includeCancelled: boolean,
): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, tenantId),
        eq(invoices.userId, userId),
        ...(includeCancelled ? [] : [eq(invoices.isCancelled, false)]),
      ),
    )
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
}

/** The invoice id from a payload (`invoice_payload` is the id as a string); null if it is not one. */
export function invoiceIdOf(payload: string | number): number | null {
  const text = String(payload).trim()
  return /^\d{1,9}$/.test(text) ? Number(text) : null
}

import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { invoices } from '../../../db/schema/index.ts'
import { defineAction, failure, success } from '../../actions/define.ts'
import { apiError, botClient, callBotApi, tenantOf } from './action-scope.ts'
import { findInvoice, invoiceIdOf } from './invoice-store.ts'
import { botIdParam } from './params.ts'

/** Pre-checkout answers and payment records for Stars invoices (coreness §6.7). */

const common = { service: 'invoice_service', access: 'public' as const }
const tenantParam = z.number().int().min(1).optional().describe('ID тенанта (из контекста)')
const payloadParam = z.union([z.string().min(1), z.number().int()])

export const confirmPayment = defineAction({
  ...common,
  name: 'confirm_payment',
  description:
    'Подтверждение pre_checkout_query (в течение 10 с); с invoice_payload сначала проверяет статус счёта',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 8_000,
  extraResults: ['failed'],
  input: z.object({
    tenant_id: tenantParam,
    bot_id: botIdParam,
    pre_checkout_query_id: z.string().min(1).describe('ID pre_checkout_query'),
    invoice_payload: payloadParam
      .optional()
      .describe('Payload счёта: проверить, что он не отменён и не оплачен'),
    error_message: z.string().optional().describe('Текст отказа, если счёт недоступен'),
  }),
  output: z.object({}),
  example: {
    pre_checkout_query_id: '{pre_checkout_query_id}',
    invoice_payload: '{invoice_payload}',
  },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const scoped = await botClient(context, input.bot_id)
    if (!scoped.ok) return scoped.outcome
    let refusal: { code: string; message: string } | null = null
    if (input.invoice_payload !== undefined) {
      const id = invoiceIdOf(input.invoice_payload)
      const invoice = id === null ? null : await findInvoice(context.services.db, tenant.value, id)
      if (!invoice) refusal = { code: 'NOT_FOUND', message: 'Invoice not found' }
      else if (invoice.isCancelled)
        refusal = { code: 'INVOICE_CANCELLED', message: 'Invoice is cancelled' }
      else if (invoice.paidAt)
        refusal = { code: 'INVOICE_ALREADY_PAID', message: 'Invoice is already paid' }
    }
    try {
      await scoped.value.client.call('answerPreCheckoutQuery', {
        pre_checkout_query_id: input.pre_checkout_query_id,
        ok: refusal === null,
        ...(refusal ? { error_message: input.error_message ?? refusal.message } : {}),
      })
    } catch (error) {
      return apiError(error)
    }
    return refusal ? failure(refusal.code, refusal.message, 'failed') : success()
  },
})

export const rejectPayment = defineAction({
  ...common,
  name: 'reject_payment',
  description: 'Отклонение pre_checkout_query с текстом для пользователя',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 8_000,
  input: z.object({
    bot_id: botIdParam,
    pre_checkout_query_id: z.string().min(1).describe('ID pre_checkout_query'),
    error_message: z.string().optional().describe('Причина отказа'),
  }),
  output: z.object({}),
  async execute(input, context) {
    return callBotApi(context, input.bot_id, 'answerPreCheckoutQuery', {
      pre_checkout_query_id: input.pre_checkout_query_id,
      ok: false,
      error_message: input.error_message ?? 'Payment was rejected',
    })
  },
})

export const markInvoiceAsPaid = defineAction({
  ...common,
  name: 'mark_invoice_as_paid',
  description: 'Отметка счёта оплаченным (по событию payment_successful)',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({
    tenant_id: tenantParam,
    invoice_payload: payloadParam.describe('Payload счёта (его ID)'),
    telegram_payment_charge_id: z.string().min(1).describe('ID платежа Telegram'),
    paid_at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Время оплаты; по умолчанию сейчас'),
  }),
  output: z.object({}),
  example: {
    invoice_payload: '{invoice_payload}',
    telegram_payment_charge_id: '{telegram_payment_charge_id}',
  },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const id = invoiceIdOf(input.invoice_payload)
    const invoice = id === null ? null : await findInvoice(context.services.db, tenant.value, id)
    if (!invoice) return failure('NOT_FOUND', 'Invoice not found')
    if (invoice.paidAt) return success()
    await context.services.db
      .update(invoices)
      .set({
        telegramPaymentChargeId: input.telegram_payment_charge_id,
        paidAt: input.paid_at ? new Date(input.paid_at) : context.services.clock.now(),
      })
      .where(eq(invoices.id, invoice.id))
    return success()
  },
})

import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { invoices } from '../../../db/schema/index.ts'
import { defineAction, failure, success } from '../../actions/define.ts'
import { apiError, botClient, tenantOf } from './action-scope.ts'
import { findInvoice, presentInvoice, userInvoices } from './invoice-store.ts'
import { botIdParam } from './params.ts'
import { confirmPayment, markInvoiceAsPaid, rejectPayment } from './payment-actions.ts'

const tenantParam = z.number().int().min(1).optional().describe('ID тенанта (из контекста)')
const userParam = z.number().int().optional().describe('Пользователь события (из контекста)')

const InvoiceSchema = z.object({
  invoice_id: z.number().int(),
  tenant_id: z.number().int(),
  user_id: z.number().int(),
  title: z.string(),
  description: z.string(),
  amount: z.number().int(),
  link: z.string().nullable(),
  is_cancelled: z.boolean(),
  telegram_payment_charge_id: z.string().nullable(),
  paid_at: z.string().nullable(),
  created_at: z.string(),
})

const common = { service: 'invoice_service', access: 'public' as const }

export const createInvoice = defineAction({
  ...common,
  name: 'create_invoice',
  description:
    'Создание счёта в Telegram Stars (XTR): отправка в чат или ссылка; ID счёта становится payload',
  isMutating: true,
  isIdempotent: false,
  timeoutMs: 15_000,
  input: z.object({
    tenant_id: tenantParam,
    bot_id: botIdParam,
    user_id: userParam,
    chat_id: z
      .number()
      .int()
      .optional()
      .describe('Чат для отправки (из контекста; не нужен с as_link)'),
    target_user_id: z
      .number()
      .int()
      .optional()
      .describe('Плательщик; по умолчанию пользователь события'),
    title: z.string().min(1).max(32).describe('Название (до 32 символов)'),
    description: z.string().min(1).max(255).describe('Описание (до 255 символов)'),
    amount: z.number().int().min(1).describe('Сумма в звёздах'),
    currency: z.string().optional().describe('Валюта; по умолчанию XTR'),
    as_link: z.boolean().optional().describe('Вернуть ссылку на оплату вместо отправки'),
  }),
  output: z.object({
    invoice_id: z.number().int().describe('ID счёта'),
    invoice_message_id: z.number().int().optional().describe('ID сообщения со счётом'),
    invoice_link: z.string().optional().describe('Ссылка на оплату (as_link)'),
  }),
  example: { title: 'Premium', description: '30 days of premium', amount: 100 },
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const scoped = await botClient(context, input.bot_id)
    if (!scoped.ok) return scoped.outcome
    const userId = input.target_user_id ?? input.user_id
    if (userId === undefined) return failure('VALIDATION_ERROR', 'target_user_id is required')
    if (!input.as_link && input.chat_id === undefined) {
      return failure('VALIDATION_ERROR', 'chat_id is required unless as_link is true')
    }
    const { db } = context.services
    const currency = input.currency ?? 'XTR'
    const [row] = await db
      .insert(invoices)
      .values({
        tenantId: tenant.value,
        userId,
        title: input.title,
        description: input.description,
        amount: input.amount,
        currency,
        createdAt: context.services.clock.now(),
      })
      .returning()
    if (!row) return failure('INTERNAL_ERROR', 'Invoice was not created')
    const invoice = {
      title: input.title,
      description: input.description,
      payload: String(row.id),
      currency,
      prices: [{ label: input.title, amount: input.amount }],
    }
    try {
      if (input.as_link) {
        const link = await scoped.value.client.call('createInvoiceLink', invoice)
        await db.update(invoices).set({ link }).where(eq(invoices.id, row.id))
        return success({ invoice_id: row.id, invoice_link: link })
      }
      const message = await scoped.value.client.call('sendInvoice', {
        chat_id: input.chat_id ?? userId,
        ...invoice,
      })
      return success({ invoice_id: row.id, invoice_message_id: message.message_id })
    } catch (error) {
      // An invoice Telegram never showed must not linger as payable.
      await db.delete(invoices).where(eq(invoices.id, row.id))
      return apiError(error)
    }
  },
})

export const getInvoice = defineAction({
  ...common,
  name: 'get_invoice',
  description: 'Получение счёта по ID',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({
    tenant_id: tenantParam,
    invoice_id: z.number().int().min(1).describe('ID счёта'),
  }),
  output: z.object({ invoice: InvoiceSchema.describe('Счёт') }),
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const invoice = await findInvoice(context.services.db, tenant.value, input.invoice_id)
    if (!invoice) return failure('NOT_FOUND', 'Invoice not found')
    return success({ invoice: presentInvoice(invoice) })
  },
})

export const getUserInvoices = defineAction({
  ...common,
  name: 'get_user_invoices',
  description: 'Счета пользователя, новые первыми',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({
    tenant_id: tenantParam,
    user_id: userParam,
    target_user_id: z.number().int().optional().describe('Пользователь; по умолчанию из события'),
    include_cancelled: z.boolean().optional().describe('Включать отменённые (по умолчанию нет)'),
  }),
  output: z.object({ invoices: z.array(InvoiceSchema).describe('Счета') }),
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const userId = input.target_user_id ?? input.user_id
    if (userId === undefined) return failure('VALIDATION_ERROR', 'target_user_id is required')
    const rows = await userInvoices(
      context.services.db,
      tenant.value,
      userId,
      input.include_cancelled ?? false,
    )
    return success({ invoices: rows.map(presentInvoice) })
  },
})

export const cancelInvoice = defineAction({
  ...common,
  name: 'cancel_invoice',
  description: 'Отмена счёта (только на платформе; confirm_payment затем откажет в оплате)',
  isMutating: true,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({
    tenant_id: tenantParam,
    invoice_id: z.number().int().min(1).describe('ID счёта'),
  }),
  output: z.object({}),
  async execute(input, context) {
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const invoice = await findInvoice(context.services.db, tenant.value, input.invoice_id)
    if (!invoice) return failure('NOT_FOUND', 'Invoice not found')
    await context.services.db
      .update(invoices)
      .set({ isCancelled: true })
      .where(eq(invoices.id, invoice.id))
    return success()
  },
})

export const invoiceActions = [
  createInvoice,
  confirmPayment,
  rejectPayment,
  markInvoiceAsPaid,
  getInvoice,
  getUserInvoices,
  cancelInvoice,
]

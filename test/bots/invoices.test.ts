import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type BotsSetup, type Caller, createSyncedSetup } from '../tenants/bots-setup.ts'

const USER = 1133574222

type Listed = { title: string; telegram_payment_charge_id: string | null; paid_at: string | null }
const invoicesOf = (outcome: { response_data?: Record<string, unknown> }) =>
  (outcome.response_data?.invoices ?? []) as Listed[]

describe('Telegram Stars invoices', () => {
  let setup: BotsSetup
  let botId: number
  let caller: Caller
  const invoke = (name: string, params: Record<string, unknown>, who: Caller = caller) =>
    setup.harness.services.actions.invoke(
      name,
      { bot_id: botId, user_id: USER, chat_id: USER, ...params },
      { services: setup.harness.services, caller: who },
    )

  beforeAll(async () => {
    ;({ setup, botId, caller } = await createSyncedSetup())
  })
  afterAll(() => setup.close())
  beforeEach(() => setup.telegram.reset())

  it('creates an invoice whose id is the payload, sent or as a link', async () => {
    const sent = await invoke('create_invoice', {
      title: 'Premium',
      description: '30 days',
      amount: 250,
    })
    expect(sent).toMatchObject({
      result: 'success',
      response_data: { invoice_id: expect.any(Number), invoice_message_id: expect.any(Number) },
    })
    const invoiceId = sent.response_data?.invoice_id
    expect(setup.telegram.callsOf('sendInvoice')[0]?.payload).toMatchObject({
      chat_id: USER,
      payload: String(invoiceId),
      currency: 'XTR',
      prices: [{ label: 'Premium', amount: 250 }],
    })
    const link = await invoke('create_invoice', {
      title: 'Gift',
      description: 'A gift',
      amount: 5,
      as_link: true,
    })
    expect(link.response_data?.invoice_link).toMatch(/^https:\/\/t\.me\/\$/)
    const fetched = await invoke('get_invoice', { invoice_id: link.response_data?.invoice_id })
    expect(fetched.response_data?.invoice).toMatchObject({
      tenant_id: 101,
      user_id: USER,
      title: 'Gift',
      amount: 5,
      link: link.response_data?.invoice_link,
      is_cancelled: false,
      paid_at: null,
    })
  })

  it('deletes the invoice when Telegram refuses to send it', async () => {
    setup.telegram.fail('sendInvoice', { description: 'Bad Request: chat not found' })
    const failed = await invoke('create_invoice', { title: 'X', description: 'Y', amount: 1 })
    expect(failed.error?.code).toBe('API_ERROR')
    const listed = await invoke('get_user_invoices', { include_cancelled: true })
    expect(invoicesOf(listed).map((i) => i.title)).not.toContain('X')
  })

  it('confirms a payable invoice, refuses a cancelled or paid one, and marks payment', async () => {
    const created = await invoke('create_invoice', {
      title: 'Pro',
      description: 'Pro plan',
      amount: 10,
    })
    const payload = String(created.response_data?.invoice_id)
    expect(
      (await invoke('confirm_payment', { pre_checkout_query_id: 'q1', invoice_payload: payload }))
        .result,
    ).toBe('success')
    expect(
      (
        await invoke('mark_invoice_as_paid', {
          invoice_payload: payload,
          telegram_payment_charge_id: 'ch_1',
        })
      ).result,
    ).toBe('success')
    const paid = await invoke('confirm_payment', {
      pre_checkout_query_id: 'q2',
      invoice_payload: payload,
    })
    expect(paid).toMatchObject({ result: 'failed', error: { code: 'INVOICE_ALREADY_PAID' } })

    const other = await invoke('create_invoice', {
      title: 'Old',
      description: 'Old plan',
      amount: 3,
    })
    const otherId = other.response_data?.invoice_id
    expect((await invoke('cancel_invoice', { invoice_id: otherId })).result).toBe('success')
    const cancelled = await invoke('confirm_payment', {
      pre_checkout_query_id: 'q3',
      invoice_payload: String(otherId),
      error_message: 'This offer has ended',
    })
    expect(cancelled).toMatchObject({ result: 'failed', error: { code: 'INVOICE_CANCELLED' } })
    expect(setup.telegram.callsOf('answerPreCheckoutQuery').map((c) => c.payload)).toEqual([
      { pre_checkout_query_id: 'q1', ok: true },
      { pre_checkout_query_id: 'q2', ok: false, error_message: 'Invoice is already paid' },
      { pre_checkout_query_id: 'q3', ok: false, error_message: 'This offer has ended' },
    ])
    await invoke('reject_payment', { pre_checkout_query_id: 'q4' })
    expect(setup.telegram.callsOf('answerPreCheckoutQuery').at(-1)?.payload).toMatchObject({
      ok: false,
    })

    const visible = await invoke('get_user_invoices', {})
    const titles = invoicesOf(visible).map((i) => i.title)
    expect(titles).toContain('Pro')
    expect(titles).not.toContain('Old')
    const pro = invoicesOf(visible).find((i) => i.title === 'Pro')
    expect(pro).toMatchObject({ telegram_payment_charge_id: 'ch_1', paid_at: expect.any(String) })
  })

  it('keeps invoices within their tenant', async () => {
    const created = await invoke('create_invoice', {
      title: 'Mine',
      description: 'Mine',
      amount: 1,
    })
    const stranger: Caller = { kind: 'scenario', tenantId: 102, organizationId: 'x' }
    const peek = await setup.harness.services.actions.invoke(
      'get_invoice',
      { invoice_id: created.response_data?.invoice_id },
      { services: setup.harness.services, caller: stranger },
    )
    expect(peek.error?.code).toBe('NOT_FOUND')
    const steal = await setup.harness.services.actions.invoke(
      'get_invoice',
      { tenant_id: 101, invoice_id: created.response_data?.invoice_id },
      { services: setup.harness.services, caller: stranger },
    )
    expect(steal.error?.code).toBe('PERMISSION_DENIED')
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RecordedCall } from '../../functions/actions/define.ts'
import { DEFAULT_PACING, pacer } from '../../functions/bots/telegram/pacing.ts'
import { type BotsSetup, createBotsSetup, DEFAULT_TENANT } from '../tenants/bots-setup.ts'

const CHAT = 1133574222

describe('send_message through the registry against the fake Bot API', () => {
  let setup: BotsSetup
  let botId: number
  let caller: { kind: 'scenario'; tenantId: number; organizationId: string }
  const send = (
    params: Record<string, unknown>,
    extra: { simulation?: { record(c: RecordedCall): void } } = {},
  ) =>
    setup.harness.services.actions.invoke(
      'send_message',
      { bot_id: botId, chat_id: CHAT, message_id: 10, ...params },
      { services: setup.harness.services, caller, ...extra },
    )

  beforeAll(async () => {
    // Flood pacing has its own tests; here it would only make every test wait.
    pacer.configure({ chatBurst: 1000, groupPerMinute: 1000, botPerSecond: 1000 })
    setup = await createBotsSetup()
    setup.writeTenant(101, DEFAULT_TENANT)
    setup.writeTenant(102, { 'config.yaml': 'timezone: UTC\n' })
    await setup.push({
      added: ['tenant/tenant_101/bots/telegram.yaml', 'tenant/tenant_102/config.yaml'],
    })
    await setup.harness.drain()
    botId = await setup.botIdOf(101)
    const [row] = await setup.harness.services.db.query.tenants.findMany({
      where: (t, { eq }) => eq(t.tenantId, 101),
    })
    caller = { kind: 'scenario', tenantId: 101, organizationId: row?.organizationId ?? '' }
  })
  afterAll(async () => {
    pacer.configure(DEFAULT_PACING)
    await setup.close()
  })
  beforeEach(() => setup.telegram.reset())

  it('sends HTML by default with an inline keyboard of callback and URL buttons', async () => {
    const outcome = await send({
      text: '<b>Hello</b>, Ann!',
      inline: [[{ '📋 Menu': 'menu' }, { '🌐 Site': 'https://example.com' }], ['Главное меню']],
    })
    expect(outcome).toMatchObject({
      result: 'success',
      response_data: { last_message_id: expect.any(Number) },
    })
    const [call] = setup.telegram.callsOf('sendMessage')
    expect(call?.payload).toEqual({
      chat_id: CHAT,
      text: '<b>Hello</b>, Ann!',
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [
            { text: '📋 Menu', callback_data: 'menu' },
            { text: '🌐 Site', url: 'https://example.com' },
          ],
          [{ text: 'Главное меню', callback_data: 'glavnoe_meniu' }],
        ],
      },
    })
    expect(outcome.response_data?.last_message_id).toBe(
      (call?.response as { result?: { message_id: number } } | undefined)?.result?.message_id,
    )
    expect(setup.telegram.callsOf('editMessageText')).toHaveLength(0)
  })

  it('edits only when message_edit asks, and falls back to a new message when it cannot', async () => {
    const menu = setup.telegram.botMessage(CHAT, { text: 'Pick one' })
    const edited = await send({ text: 'Picked', message_edit: menu.message_id })
    expect(edited.response_data?.last_message_id).toBe(menu.message_id)
    expect(setup.telegram.callsOf('editMessageText')[0]?.payload).toMatchObject({
      chat_id: CHAT,
      message_id: menu.message_id,
      text: 'Picked',
    })
    expect(setup.telegram.callsOf('sendMessage')).toHaveLength(0)
    const same = await send({ text: 'Picked', message_edit: String(menu.message_id) })
    expect(same.result).toBe('success')
    const fallback = await send({ text: 'Fresh', message_edit: true })
    expect(fallback.result).toBe('success')
    expect(setup.telegram.callsOf('sendMessage').map((c) => c.payload.text)).toEqual(['Fresh'])
  })

  it('replies, sends reply keyboards and removes them, and sends to several chats', async () => {
    await send({ text: 'Answer', message_reply: true, reply: [['Yes', 'No']] })
    await send({ text: 'Bye', reply: [] })
    const many = await send({ text: 'News', target_chat_id: [CHAT, '-1001234567890', 0] })
    expect(many.result).toBe('success')
    const payloads = setup.telegram.callsOf('sendMessage').map((c) => c.payload)
    expect(payloads[0]).toMatchObject({
      reply_parameters: { message_id: 10, allow_sending_without_reply: true },
      reply_markup: { keyboard: [[{ text: 'Yes' }, { text: 'No' }]], resize_keyboard: true },
    })
    expect(payloads[1]).toMatchObject({ reply_markup: { remove_keyboard: true } })
    expect(payloads.slice(2).map((p) => p.chat_id)).toEqual([CHAT, -1001234567890, 0])
    setup.telegram.fail('sendMessage', { description: 'Bad Request: chat not found', times: 2 })
    const none = await send({ text: 'x', target_chat_id: [5, 6] })
    expect(none).toMatchObject({ result: 'error', error: { code: 'API_ERROR' } })
  })

  it('converts plain Markdown for MarkdownV2', async () => {
    await send({
      text: '**Total:** 1.5 stars (50% off!) `a_b` [site](https://x.io/a_(b))',
      parse_mode: 'MarkdownV2',
    })
    expect(setup.telegram.callsOf('sendMessage')[0]?.payload).toMatchObject({
      parse_mode: 'MarkdownV2',
      text: '*Total:* 1\\.5 stars \\(50% off\\!\\) `a_b` [site](https://x.io/a_(b\\))',
    })
  })

  it('sends photos and videos as an album with the text as caption, documents with a keyboard', async () => {
    const album = await send({
      text: 'Photos',
      attachment: [
        { type: 'photo', file_id: 'AgACphoto1' },
        { type: 'video', file_id: 'BAACvideo1' },
      ],
    })
    expect(album.result).toBe('success')
    expect(setup.telegram.callsOf('sendMediaGroup')[0]?.payload.media).toEqual([
      { type: 'photo', media: 'AgACphoto1', caption: 'Photos', parse_mode: 'HTML' },
      { type: 'video', media: 'BAACvideo1' },
    ])
    await send({
      text: 'Invoice',
      inline: [['OK']],
      attachment: [{ type: 'document', file_id: 'BQACdoc' }],
    })
    expect(setup.telegram.callsOf('sendDocument')[0]?.payload).toMatchObject({
      document: 'BQACdoc',
      caption: 'Invoice',
      reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] },
    })
    await send({ text: 'Sticker!', attachment: [{ type: 'sticker', file_id: 'CAACsticker' }] })
    expect(setup.telegram.callsOf('sendSticker')).toHaveLength(1)
    expect(setup.telegram.callsOf('sendMessage').at(-1)?.payload.text).toBe('Sticker!')
  })

  it('still delivers the text when an attachment is refused', async () => {
    setup.telegram.fail('sendPhoto', { description: 'Bad Request: wrong file identifier' })
    const outcome = await send({
      text: 'Here it is',
      attachment: [{ type: 'photo', file_id: 'bad' }],
    })
    expect(outcome.result).toBe('success')
    expect(setup.telegram.callsOf('sendMessage')[0]?.payload.text).toBe('Here it is')
  })

  it('waits out a 429 with retry_after and then sends', async () => {
    setup.telegram.fail('sendMessage', { retryAfter: 0, times: 2 })
    const outcome = await send({ text: 'Eventually' })
    expect(outcome.result).toBe('success')
    expect(setup.telegram.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 429, 200])
  })

  it('records instead of sending under simulation', async () => {
    const recorded: RecordedCall[] = []
    const outcome = await send(
      { text: 'Dry run' },
      { simulation: { record: (c) => recorded.push(c) } },
    )
    expect(outcome).toMatchObject({
      result: 'success',
      response_data: { last_message_id: expect.any(Number) },
    })
    expect(recorded).toEqual([
      {
        service: 'telegram',
        method: 'sendMessage',
        payload: { chat_id: CHAT, text: 'Dry run', parse_mode: 'HTML' },
      },
    ])
    expect(setup.telegram.calls).toHaveLength(0)
  })

  it('refuses another tenant’s bot and a missing chat', async () => {
    const stranger = { kind: 'scenario' as const, tenantId: 102, organizationId: 'other' }
    const denied = await setup.harness.services.actions.invoke(
      'send_message',
      { bot_id: botId, chat_id: CHAT, text: 'hi' },
      { services: setup.harness.services, caller: stranger },
    )
    expect(denied.error?.code).toBe('PERMISSION_DENIED')
    const noChat = await setup.harness.services.actions.invoke(
      'send_message',
      { bot_id: botId, text: 'hi' },
      { services: setup.harness.services, caller },
    )
    expect(noChat.error?.code).toBe('VALIDATION_ERROR')
    expect(setup.telegram.calls).toHaveLength(0)
  })
})

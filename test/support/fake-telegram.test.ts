import { readFileSync } from 'node:fs'
import { Api, Bot, GrammyError, InputFile } from 'grammy'
import type { Message, Update, User } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FAKE_BOT_TOKEN, type FakeTelegram, startFakeTelegram } from './fake-telegram.ts'

let fake: FakeTelegram
let api: Api

beforeEach(async () => {
  fake = await startFakeTelegram({ botInfo: { username: 'shop_bot' }, maxLongPollMs: 500 })
  api = new Api(FAKE_BOT_TOKEN, { apiRoot: fake.url })
})

afterEach(() => fake.close())

const menu = { inline_keyboard: [[{ text: 'Menu', callback_data: 'menu' }]] }

describe('messages', () => {
  test('sendMessage is recorded and answered with an incrementing message', async () => {
    const first = await api.sendMessage(1133574222, 'Hello', { reply_markup: menu })
    const second = await api.sendMessage(1133574222, 'Again')
    expect(first).toMatchObject({
      chat: { id: 1133574222, type: 'private' },
      from: { is_bot: true, username: 'shop_bot' },
      text: 'Hello',
      reply_markup: menu,
    })
    expect(second.message_id).toBe(first.message_id + 1)
    expect(fake.callsOf('sendMessage').map((call) => call.payload)).toStrictEqual([
      { chat_id: 1133574222, text: 'Hello', reply_markup: menu },
      { chat_id: 1133574222, text: 'Again' },
    ])
    expect(fake.calls[0]).toMatchObject({
      token: FAKE_BOT_TOKEN,
      method: 'sendMessage',
      status: 200,
    })
  })

  test('Telegram-like refusals: empty text, oversized callback data', async () => {
    await expect(api.sendMessage(1, '  ')).rejects.toThrow('Bad Request: message text is empty')
    const tooLong = { inline_keyboard: [[{ text: 'x', callback_data: 'd'.repeat(65) }]] }
    await expect(api.sendMessage(1, 'x', { reply_markup: tooLong })).rejects.toThrow(
      'BUTTON_DATA_INVALID',
    )
  })

  test('only messages the bot sent can be edited, and only to something new', async () => {
    await expect(api.editMessageText(1133574222, 41, 'user text')).rejects.toThrow(
      'message to edit not found',
    )
    const sent = await api.sendMessage(1133574222, 'Menu', { reply_markup: menu })
    const edited = await api.editMessageText(1133574222, sent.message_id, 'Menu v2')
    expect(edited).toMatchObject({ text: 'Menu v2', message_id: sent.message_id })
    expect(edited).not.toHaveProperty('reply_markup')
    await expect(api.editMessageText(1133574222, sent.message_id, 'Menu v2')).rejects.toThrow(
      'message is not modified',
    )
  })

  test('a message registered as the bot’s own can be edited (for callback fixtures)', async () => {
    const menuMessage = fake.botMessage(1133574222, { text: 'Pick one', reply_markup: menu })
    await api.editMessageText(1133574222, menuMessage.message_id, 'Picked')
    await api.deleteMessage(1133574222, menuMessage.message_id)
    await expect(api.deleteMessage(1133574222, menuMessage.message_id)).rejects.toThrow(
      'message to delete not found',
    )
  })

  test('uploads arrive as multipart and are recorded with their files', async () => {
    const photo = await api.sendPhoto(
      -1001234567890,
      new InputFile(Buffer.from('fake-jpeg'), 'box.jpg'),
      {
        caption: 'Damaged box',
      },
    )
    expect(photo.photo?.at(-1)?.file_id).toMatch(/^AgACAgFakeUpload/)
    const [call] = fake.callsOf('sendPhoto')
    expect(call?.payload).toMatchObject({ chat_id: -1001234567890, caption: 'Damaged box' })
    expect(String(call?.payload.photo)).toMatch(/^attach:\/\//)
    expect(call?.files).toStrictEqual([
      {
        field: expect.any(String),
        filename: 'box.jpg',
        contentType: 'application/octet-stream',
        size: 9,
      },
    ])
  })

  test('a media group answers one message per item; documents keep file ids as given', async () => {
    const messages: Message[] = await api.sendMediaGroup(1, [
      { type: 'photo', media: 'AgACAgIAAxkBAAIBZ2W_large', caption: 'first' },
      { type: 'video', media: 'BAACAgIAAxkBAAIBc2W_video' },
    ])
    expect(messages.map((message) => message.media_group_id)).toStrictEqual([
      messages[0]?.media_group_id,
      messages[0]?.media_group_id,
    ])
    expect(messages[1]?.video?.file_id).toBe('BAACAgIAAxkBAAIBc2W_video')
    const document = await api.sendDocument(1, 'BQACAgIAAxkBAAIBd2W_doc')
    expect(document.document?.file_id).toBe('BQACAgIAAxkBAAIBd2W_doc')
  })

  test('Stars invoices, pre-checkout answers and restrictions', async () => {
    const invoice = await api.sendInvoice(1, 'Premium', '30 days', '1042', 'XTR', [
      { label: 'Premium', amount: 250 },
    ])
    expect(invoice.invoice).toMatchObject({ currency: 'XTR', total_amount: 250 })
    expect(await api.answerPreCheckoutQuery('1929384756102938475', true)).toBe(true)
    await expect(
      api.restrictChatMember(1133574222, 5550001, { can_send_messages: false }),
    ).rejects.toThrow('method is available only for supergroups')
    expect(
      await api.restrictChatMember(-1001234567890, 5550001, { can_send_messages: false }),
    ).toBe(true)
  })
})

describe('programmed failures', () => {
  test('429 with retry_after, then success', async () => {
    fake.fail('sendMessage', { retryAfter: 3 })
    const error = await api.sendMessage(1, 'hi').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(GrammyError)
    expect(error).toMatchObject({
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    })
    await expect(api.sendMessage(1, 'hi')).resolves.toMatchObject({ text: 'hi' })
    expect(fake.callsOf('sendMessage').map((call) => call.status)).toStrictEqual([429, 200])
  })

  test('a client that honours retry_after gets through', async () => {
    fake.fail('sendMessage', { retryAfter: 0, times: 2 })
    api.config.use(async (previous, method, payload, signal) => {
      for (;;) {
        const result = await previous(method, payload, signal)
        if (result.ok || result.error_code !== 429) return result
        await new Promise((resolve) =>
          setTimeout(resolve, (result.parameters?.retry_after ?? 0) * 1000),
        )
      }
    })
    await expect(api.sendMessage(1, 'retried')).resolves.toMatchObject({ text: 'retried' })
    expect(fake.callsOf('sendMessage')).toHaveLength(3)
  })

  test('400 with a description, on any method', async () => {
    fake.fail('*', { description: 'Bad Request: chat not found' })
    await expect(api.getChat(404)).rejects.toThrow('Bad Request: chat not found')
    await expect(api.getChat(404)).resolves.toMatchObject({ id: 404 })
  })

  test('a revoked token is Unauthorized; an unknown method is Not Found', async () => {
    fake.revokeToken(FAKE_BOT_TOKEN)
    await expect(api.getMe()).rejects.toMatchObject({
      error_code: 401,
      description: 'Unauthorized',
    })
    const response = await fetch(`${fake.url}/bot42:OTHER/sendTelepathy`, { method: 'POST' })
    expect(response.status).toBe(404)
  })

  test('a custom answer replaces the built-in one', async () => {
    fake.respond('getChatMember', (payload) => ({
      ok: true,
      result: {
        status: 'administrator',
        user: { id: payload.user_id, is_bot: false, first_name: 'Ann' },
      },
    }))
    await expect(api.getChatMember(-100, 5)).resolves.toMatchObject({ status: 'administrator' })
  })
})

const ann: User = { id: 1, is_bot: false, first_name: 'A' }

function textUpdate(messageId: number, text: string) {
  return {
    message: {
      message_id: messageId,
      date: 1,
      from: ann,
      chat: { id: 1, type: 'private' as const, first_name: 'A' },
      text,
    },
  }
}

describe('updates and webhooks', () => {
  test('getUpdates serves pushed updates and forgets the confirmed ones', async () => {
    const first = fake.pushUpdate(textUpdate(1, 'one'))
    fake.pushUpdate(textUpdate(2, 'two'))
    const batch = await api.getUpdates({ timeout: 0 })
    expect(batch.map((update) => update.message?.text)).toStrictEqual(['one', 'two'])
    const rest = await api.getUpdates({ offset: first.update_id + 1, timeout: 0 })
    expect(rest.map((update) => update.message?.text)).toStrictEqual(['two'])
    expect(fake.bot().updates.pending).toHaveLength(1)
  })

  test('a long poll returns as soon as an update is pushed', async () => {
    const started = Date.now()
    const poll = api.getUpdates({ timeout: 30 })
    setTimeout(
      () =>
        fake.pushUpdate({
          callback_query: {
            id: '1',
            from: ann,
            chat_instance: '1',
            data: 'x',
          },
        }),
      50,
    )
    const updates = await poll
    expect(updates[0]?.callback_query?.data).toBe('x')
    expect(Date.now() - started).toBeLessThan(450)
  })

  test('an empty long poll ends after the short cap', async () => {
    await expect(api.getUpdates({ timeout: 30 })).resolves.toStrictEqual([])
  })

  test('chat_member updates arrive only when asked for, as on Telegram', async () => {
    const joined = JSON.parse(
      readFileSync(new URL('../bots/fixtures/chat-member-joined.json', import.meta.url), 'utf8'),
    ) as Update
    fake.pushUpdate(joined)
    expect(await api.getUpdates({ timeout: 0 })).toStrictEqual([])
    fake.pushUpdate(joined)
    const updates = await api.getUpdates({
      timeout: 0,
      allowed_updates: ['message', 'chat_member'],
    })
    expect(updates).toStrictEqual([joined])
  })

  test('getUpdates conflicts with a webhook; the webhook shows in getWebhookInfo', async () => {
    await api.setWebhook('https://relay.example.com/webhooks/telegram/7', {
      secret_token: 's3cret',
    })
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 })
    expect(await api.getWebhookInfo()).toMatchObject({
      url: 'https://relay.example.com/webhooks/telegram/7',
      pending_update_count: 0,
    })
    await expect(api.setWebhook('http://insecure.example.com')).rejects.toThrow('HTTPS URL')
    await api.deleteWebhook()
    await expect(api.getUpdates({ timeout: 0 })).resolves.toStrictEqual([])
  })

  test('commands are kept per scope', async () => {
    await api.setMyCommands([{ command: 'start', description: 'Main menu' }], {
      scope: { type: 'all_private_chats' },
    })
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' } })).toHaveLength(1)
    expect(await api.getMyCommands()).toStrictEqual([])
    await api.deleteMyCommands({ scope: { type: 'all_private_chats' } })
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' } })).toStrictEqual([])
  })
})

test('a grammY bot handles a fixture update and its reply is awaited with waitFor', async () => {
  const bot = new Bot(FAKE_BOT_TOKEN, { botInfo: await api.getMe(), client: { apiRoot: fake.url } })
  bot.command('start', (ctx) => ctx.reply(`welcome, ${ctx.from?.first_name}`))
  const start = JSON.parse(
    readFileSync(new URL('../bots/fixtures/message-start.json', import.meta.url), 'utf8'),
  ) as Update
  await bot.handleUpdate(start)
  const call = await fake.waitFor((recorded) => recorded.method === 'sendMessage', 1000)
  expect(call.payload).toMatchObject({ chat_id: 1133574222, text: 'welcome, Анна' })
  await expect(fake.waitFor('sendInvoice', 50)).rejects.toThrow('no matching call within 50 ms')
})

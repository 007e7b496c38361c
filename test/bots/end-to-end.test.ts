import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { telegramUpdates } from '../../db/schema/index.ts'
import { runScheduledTick } from '../../functions/system/scheduled.ts'
import { dbBackends } from '../support/backends.ts'
import { FAKE_BOT_TOKEN } from '../support/fake-telegram.ts'
import {
  type BotsSetup,
  createBotsSetup,
  DEFAULT_TENANT,
  PUBLIC_BASE_URL,
  START_SCENARIO,
  startMessage,
} from '../tenants/bots-setup.ts'

const USER = 1133574222
const SYSTEM = { kind: 'scenario' as const, tenantId: 1, organizationId: 'system' }
const KEYBOARD = {
  inline_keyboard: [
    [
      { text: '📋 Menu', callback_data: 'menu' },
      { text: '🌐 Site', url: 'https://example.com' },
    ],
  ],
}

describe.each(dbBackends)('push → sync → webhook → scenario replies, on %s', (backend) => {
  let setup: BotsSetup
  let botId: number
  const sentTexts = () => setup.telegram.callsOf('sendMessage').map((call) => call.payload.text)

  beforeAll(async () => {
    setup = await createBotsSetup({ backend })
  })
  afterAll(() => setup.close())

  it('a signed push sets the commands and the webhook', async () => {
    setup.writeTenant(101, DEFAULT_TENANT)
    const pushed = await setup.push({
      added: Object.keys(DEFAULT_TENANT).map((path) => `tenant/tenant_101/${path}`),
    })
    expect(pushed.status).toBe(202)
    await setup.harness.drain()
    botId = await setup.botIdOf(101)
    expect(setup.telegram.callsOf('setMyCommands')).toHaveLength(2)
    const webhook = await setup.telegram.waitFor('setWebhook')
    expect(webhook.payload.url).toBe(`${PUBLIC_BASE_URL}/webhooks/telegram/${botId}`)
    expect(webhook.token).toBe(FAKE_BOT_TOKEN)
  })

  it('/start sent with the secret gets the rendered text and keyboard', async () => {
    const response = await setup.postUpdate(botId, { ...startMessage(USER), update_id: 1 })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'processed' })
    const [sent] = setup.telegram.callsOf('sendMessage')
    expect(sent?.payload).toEqual({
      chat_id: USER,
      text: 'Hello, Ann!',
      parse_mode: 'HTML',
      reply_markup: KEYBOARD,
    })
  })

  it('a button press answers the callback and edits the menu message', async () => {
    const menu = setup.telegram.botMessage(USER, { text: 'Hello, Ann!', reply_markup: KEYBOARD })
    const response = await setup.postUpdate(botId, {
      update_id: 2,
      callback_query: {
        id: '4382bfdwdsb323b2d9',
        chat_instance: '-1',
        from: { id: USER, is_bot: false, first_name: 'Ann' },
        message: menu,
        data: 'menu',
      },
    })
    expect(await response.json()).toEqual({ status: 'processed' })
    expect(setup.telegram.callsOf('answerCallbackQuery')[0]?.payload).toEqual({
      callback_query_id: '4382bfdwdsb323b2d9',
      text: 'Menu opened',
    })
    expect(setup.telegram.callsOf('editMessageText')[0]?.payload).toMatchObject({
      chat_id: USER,
      message_id: menu.message_id,
      text: 'Menu for Ann',
    })
  })

  it('a repeated update is ignored', async () => {
    const before = sentTexts().length
    const repeat = await setup.postUpdate(botId, { ...startMessage(USER), update_id: 1 })
    expect(await repeat.json()).toEqual({ status: 'duplicate' })
    expect(sentTexts()).toHaveLength(before)
  })

  it('an invalid push keeps the old scenarios running and shows the error', async () => {
    setup.writeTenant(101, {
      'scenarios/start.yaml': START_SCENARIO.replace(
        'Hello, {first_name}!',
        'Hi {first_name|nope}',
      ).replace(
        '- event_type: message',
        '- event_type: message\n      condition: "$event_text =="',
      ),
    })
    await setup.push({ modified: ['tenant/tenant_101/scenarios/start.yaml'] })
    await setup.harness.drain()
    const status = await setup.harness.services.actions.invoke(
      'get_tenant_status',
      { tenant_id: 101 },
      { services: setup.harness.services, caller: SYSTEM },
    )
    expect(status.response_data?.last_error).toMatch(
      /^tenant_101\/scenarios\/start\.yaml:\d+: scenario "start": /,
    )
    await setup.postUpdate(botId, { ...startMessage(USER), update_id: 3 })
    expect(sentTexts().at(-1)).toBe('Hello, Ann!')
  })

  it('an update a crash left unprocessed is picked up by the minute tick', async () => {
    await setup.postUpdate(botId, { ...startMessage(USER + 1), update_id: 6 })
    const record = and(eq(telegramUpdates.botId, botId), eq(telegramUpdates.updateId, 6))
    // As if the process died right after recording it.
    await setup.harness.services.db
      .update(telegramUpdates)
      .set({ status: 'received', receivedAt: new Date(Date.now() - 5 * 60_000) })
      .where(record)
    const before = sentTexts().length
    await runScheduledTick(setup.harness.services)
    await setup.harness.drain()
    expect(sentTexts()).toHaveLength(before + 1)
    const [row] = await setup.harness.services.db.select().from(telegramUpdates).where(record)
    expect(row?.status).toBe('processed')
  })

  it('a bad signature or secret is refused and changes nothing', async () => {
    setup.writeTenant(101, {
      'scenarios/start.yaml': START_SCENARIO.replace('Hello, {first_name}!', 'Changed'),
    })
    const forged = await setup.push(
      { modified: ['tenant/tenant_101/scenarios/start.yaml'] },
      { secret: 'wrong' },
    )
    expect(forged.status).toBe(401)
    await setup.harness.drain()
    const before = sentTexts().length
    const wrong = await setup.postUpdate(botId, { ...startMessage(USER), update_id: 4 }, 'bad')
    expect(wrong.status).toBe(401)
    expect(sentTexts()).toHaveLength(before)
    await setup.postUpdate(botId, { ...startMessage(USER), update_id: 5 })
    expect(sentTexts().at(-1)).toBe('Hello, Ann!')
  })
})

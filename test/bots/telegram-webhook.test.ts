import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { telegramUpdates } from '../../db/schema/index.ts'
import { dbBackends } from '../support/backends.ts'
import {
  type BotsSetup,
  createBotsSetup,
  DEFAULT_TENANT,
  startMessage,
} from '../tenants/bots-setup.ts'

const system = { kind: 'scenario' as const, tenantId: 1, organizationId: 'system' }

describe.each(dbBackends)('Telegram webhook on %s', (backend) => {
  let setup: BotsSetup
  let botId: number
  const record = async (updateId: number) => {
    const [row] = await setup.harness.services.db
      .select()
      .from(telegramUpdates)
      .where(and(eq(telegramUpdates.botId, botId), eq(telegramUpdates.updateId, updateId)))
    return row
  }

  beforeAll(async () => {
    setup = await createBotsSetup({ backend })
    setup.writeTenant(101, DEFAULT_TENANT)
    await setup.push({ added: ['tenant/tenant_101/bots/telegram.yaml'] })
    await setup.harness.drain()
    botId = await setup.botIdOf(101)
  })
  afterAll(() => setup.close())

  it('records an update sent with the secret and drops a repeated update_id', async () => {
    const first = await setup.postUpdate(botId, { ...startMessage(), update_id: 9001 })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ status: 'processed' })
    expect(await record(9001)).toMatchObject({ status: 'processed', eventType: 'message' })
    const again = await setup.postUpdate(botId, { ...startMessage(), update_id: 9001 })
    expect(await again.json()).toEqual({ status: 'duplicate' })
  })

  it('answers 401 for a wrong or missing secret and for unknown bots, recording nothing', async () => {
    const wrong = await setup.postUpdate(botId, { ...startMessage(), update_id: 9002 }, 'nope')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ detail: 'Invalid X-Telegram-Bot-Api-Secret-Token' })
    const missing = await setup.harness.app.request(`/webhooks/telegram/${botId}`, {
      method: 'POST',
      body: JSON.stringify({ update_id: 9003 }),
    })
    expect(missing.status).toBe(401)
    const otherBot = await setup.postUpdate(
      botId + 100,
      { ...startMessage(), update_id: 9004 },
      setup.webhookSecret(botId),
    )
    expect(otherBot.status).toBe(401)
    expect(await record(9002)).toBeUndefined()
    expect(await record(9004)).toBeUndefined()
  })

  it('rejects a body that is not an update, and ignores updates no scenario can use', async () => {
    const bad = await setup.harness.app.request(`/webhooks/telegram/${botId}`, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': setup.webhookSecret(botId) },
      body: '{"hello": 1}',
    })
    expect(bad.status).toBe(400)
    const edited = await setup.postUpdate(botId, {
      update_id: 9005,
      edited_message: startMessage().message,
    } as never)
    expect(await edited.json()).toEqual({ status: 'ignored' })
    expect(await record(9005)).toMatchObject({ status: 'ignored' })
  })

  it('answers 5xx when the update cannot be recorded, so Telegram redelivers it and it runs once', async () => {
    const db = setup.harness.services.db
    const sentBefore = setup.telegram.callsOf('sendMessage').length
    // A real failure of the database write, not a mock: the table is briefly unavailable.
    await db.execute(sql`alter table telegram_updates rename to telegram_updates_away`)
    let failed: Response
    try {
      failed = await setup.postUpdate(botId, { ...startMessage(), update_id: 9010 })
    } finally {
      await db.execute(sql`alter table telegram_updates_away rename to telegram_updates`)
    }
    expect(failed.status).toBeGreaterThanOrEqual(500)
    expect(setup.telegram.callsOf('sendMessage')).toHaveLength(sentBefore)

    const redelivered = await setup.postUpdate(botId, { ...startMessage(), update_id: 9010 })
    expect(redelivered.status).toBe(200)
    expect(await redelivered.json()).toEqual({ status: 'processed' })
    expect(setup.telegram.callsOf('sendMessage')).toHaveLength(sentBefore + 1)
    const again = await setup.postUpdate(botId, { ...startMessage(), update_id: 9010 })
    expect(await again.json()).toEqual({ status: 'duplicate' })
    expect(setup.telegram.callsOf('sendMessage')).toHaveLength(sentBefore + 1)
  })

  it('a stopped bot takes no updates', async () => {
    const secret = setup.webhookSecret(botId)
    const stopped = await setup.harness.services.actions.invoke(
      'stop_bot',
      { bot_id: botId },
      { services: setup.harness.services, caller: system },
    )
    expect(stopped.result).toBe('success')
    const response = await setup.postUpdate(botId, { ...startMessage(), update_id: 9006 }, secret)
    expect(await response.json()).toEqual({ status: 'inactive' })
    await setup.harness.services.actions.invoke(
      'start_bot',
      { bot_id: botId },
      { services: setup.harness.services, caller: system },
    )
  })
})

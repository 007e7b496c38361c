import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { telegramUpdates } from '../../db/schema/index.ts'
import { startBotsRuntime } from '../../functions/node/bots-runtime.ts'
import {
  type BotsSetup,
  createBotsSetup,
  DEFAULT_TENANT,
  startMessage,
} from '../tenants/bots-setup.ts'

const SYSTEM = { kind: 'scenario' as const, tenantId: 1, organizationId: 'system' }

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('npm start with BOT_UPDATES=polling and TENANT_CONFIG_DIR', () => {
  let dir: string
  let setup: BotsSetup
  let runtime: { stop(): Promise<void> }
  const status = () =>
    setup.harness.services.actions.invoke(
      'get_tenant_status',
      { tenant_id: 101 },
      { services: setup.harness.services, caller: SYSTEM },
    )

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-config-dir-'))
    for (const [path, text] of Object.entries(DEFAULT_TENANT)) {
      const full = join(dir, 'tenant_101', path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, text)
    }
    setup = await createBotsSetup({
      env: { BOT_UPDATES: 'polling', TENANT_CONFIG_DIR: dir, TENANT_REPO: '' },
    })
    setup.telegram.bot().webhook = { url: 'https://old.example/hook' }
    runtime = await startBotsRuntime(setup.harness.services)
  })
  afterAll(async () => {
    await runtime.stop()
    await setup.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('syncs the folder at start, drops the webhook and long-polls instead', async () => {
    expect(setup.telegram.callsOf('setMyCommands')).toHaveLength(2)
    expect(setup.telegram.callsOf('deleteWebhook')).toHaveLength(1)
    expect(setup.telegram.callsOf('setWebhook')).toHaveLength(0)
    await setup.telegram.waitFor('getUpdates')
    expect((await status()).response_data).toMatchObject({
      bot_is_polling: true,
      bot_is_webhook_active: false,
      bot_is_working: true,
    })
  })

  it('feeds polled updates into the same path as the webhook', async () => {
    const update = setup.telegram.pushUpdate(startMessage())
    const row = await until(async () => {
      const [found] = await setup.harness.services.db
        .select()
        .from(telegramUpdates)
        .where(eq(telegramUpdates.updateId, update.update_id))
      return found?.status === 'processed' ? found : undefined
    })
    expect(row.eventType).toBe('message')
    const reply = await setup.telegram.waitFor('sendMessage')
    expect(reply.payload).toMatchObject({ chat_id: 1133574222, text: 'Hello, Ann!' })
    // The next getUpdates confirms it by offset, so Telegram never sends it again.
    await setup.telegram.waitFor(
      (call) => call.method === 'getUpdates' && call.payload.offset === update.update_id + 1,
    )
  })

  it('stops polling when the bot is stopped', async () => {
    const botId = await setup.botIdOf(101)
    await setup.harness.services.actions.invoke(
      'stop_bot',
      { bot_id: botId },
      { services: setup.harness.services, caller: SYSTEM },
    )
    expect((await status()).response_data).toMatchObject({ bot_is_polling: false })
  })
})

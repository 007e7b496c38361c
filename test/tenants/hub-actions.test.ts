import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { telegramUpdates, tenants } from '../../db/schema/index.ts'
import { localFileTree } from '../../functions/node/tenant-files.ts'
import { dbBackends } from '../support/backends.ts'
import { FAKE_BOT_TOKEN } from '../support/fake-telegram.ts'
import { type BotsSetup, type Caller, createSyncedSetup, startMessage } from './bots-setup.ts'

const SYSTEM: Caller = { kind: 'scenario', tenantId: 1, organizationId: 'system' }
const OTHER_TOKEN = '987654321:AAOtherTokenForTests_abcdefghijkl'

describe.each(dbBackends)('tenant_hub and bot_hub actions on %s', (backend) => {
  let setup: BotsSetup
  let botId: number
  let tenantCaller: Caller
  let localDir: string
  const invoke = (name: string, params: Record<string, unknown> = {}, caller: Caller = SYSTEM) =>
    setup.harness.services.actions.invoke(name, params, {
      services: setup.harness.services,
      caller,
    })

  beforeAll(async () => {
    ;({ setup, botId, caller: tenantCaller } = await createSyncedSetup({ backend }))
    localDir = mkdtempSync(join(tmpdir(), 'relay-local-'))
    const file = join(localDir, 'tenant_1', 'config.yaml')
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, 'timezone: UTC\n')
    setup.harness.services.local = { tenantFiles: localFileTree(localDir) }
  })
  afterAll(async () => {
    await setup.close()
    rmSync(localDir, { recursive: true, force: true })
  })
  beforeEach(() => setup.telegram.reset())

  it('are refused to scenarios of ordinary tenants', async () => {
    for (const [name, params] of [
      ['get_tenant_status', { tenant_id: 101 }],
      ['sync_tenant', { tenant_id: 101 }],
      ['get_bot_info', { bot_id: botId }],
      ['stop_all_bots', {}],
      ['process_event', { data: { update_id: 1, system: { bot_id: botId } } }],
    ] as const) {
      const outcome = await invoke(name, params, tenantCaller)
      expect(outcome.error?.code, name).toBe('PERMISSION_DENIED')
    }
  })

  it('syncs system tenants from the local folder only, and lists tenants by kind', async () => {
    expect((await invoke('sync_tenant', { tenant_id: 1 })).result).toBe('success')
    expect(await invoke('sync_tenant', { tenant_id: 4242 })).toMatchObject({
      result: 'not_found',
    })
    expect(await invoke('get_tenants_list')).toMatchObject({
      result: 'success',
      response_data: {
        tenant_ids: [1, 101],
        public_tenant_ids: [101],
        system_tenant_ids: [1],
        tenant_count: 2,
      },
    })
  })

  it('syncs only the blocks that changed files touch', async () => {
    setup.writeTenant(101, { 'storage/more.yaml': 'extra:\n  on: true\n' })
    const outcome = await invoke('sync_tenants_from_files', {
      files: ['tenant/tenant_101/storage/more.yaml', { filename: 'README.md' }],
    })
    expect(outcome).toEqual({
      result: 'success',
      response_data: { synced_tenants: 1, total_tenants: 1 },
    })
    expect(setup.telegram.calls).toHaveLength(0)
    expect((await invoke('sync_tenants_from_files', { files: [] })).error?.message).toBe(
      'File list is empty',
    )
    expect((await invoke('sync_tenant_bot', { tenant_id: 101 })).result).toBe('success')
    expect(setup.telegram.callsOf('setWebhook')).toHaveLength(1)
  })

  it('updates the AI token only when given, sealed at rest', async () => {
    const read = async () =>
      (await setup.harness.services.db.select().from(tenants).where(eq(tenants.tenantId, 101)))[0]
        ?.config
    const before = await read()
    expect((await invoke('update_tenant_config', { tenant_id: 101 })).result).toBe('success')
    expect(await read()).toEqual(before)
    await invoke('update_tenant_config', { tenant_id: 101, ai_token: 'sk-new-token' })
    const updated = await read()
    expect(updated?.ai_token_sealed).not.toBe(before?.ai_token_sealed)
    expect(JSON.stringify(updated)).not.toContain('sk-new-token')
    await invoke('update_tenant_config', { tenant_id: 101, ai_token: null })
    expect((await read())?.ai_token_sealed).toBeUndefined()
  })

  it('reports bot info and status, and asks Telegram about a token', async () => {
    expect(await invoke('get_bot_info', { bot_id: botId })).toMatchObject({
      result: 'success',
      response_data: {
        bot_id: botId,
        tenant_id: 101,
        bot_token: FAKE_BOT_TOKEN,
        username: 'shop_bot',
        telegram_bot_id: 123456789,
        is_active: true,
        bot_command: [
          expect.objectContaining({ command: 'start' }),
          expect.objectContaining({ command: 'help' }),
        ],
      },
    })
    expect(await invoke('get_bot_status', { bot_id: botId })).toMatchObject({
      response_data: { is_polling: true, is_active: true },
    })
    expect(await invoke('get_telegram_bot_info', { bot_token: OTHER_TOKEN })).toMatchObject({
      response_data: { telegram_bot_id: 987654321, is_bot: true, username: 'test987654321_bot' },
    })
  })

  it('stops, starts and re-tokens bots through Telegram', async () => {
    await invoke('stop_bot', { bot_id: botId })
    expect(setup.telegram.callsOf('deleteWebhook')).toHaveLength(1)
    expect(await invoke('get_bot_status', { bot_id: botId })).toMatchObject({
      response_data: { is_polling: false, is_active: false },
    })
    await invoke('start_bot', { bot_id: botId })
    expect(setup.telegram.callsOf('setWebhook')).toHaveLength(1)
    expect((await invoke('set_bot_token', { tenant_id: 101, bot_token: OTHER_TOKEN })).result).toBe(
      'success',
    )
    expect(setup.telegram.callsOf('setWebhook').at(-1)?.token).toBe(OTHER_TOKEN)
    expect(await invoke('get_bot_info', { bot_id: botId })).toMatchObject({
      response_data: { bot_token: OTHER_TOKEN, telegram_bot_id: 987654321 },
    })
    await invoke('set_bot_token', { tenant_id: 101, bot_token: FAKE_BOT_TOKEN })
    expect(
      (await invoke('set_bot_token', { tenant_id: 4242, bot_token: OTHER_TOKEN })).error?.code,
    ).toBe('NOT_FOUND')
  })

  it('sets commands per scope and clears scopes no longer used', async () => {
    const outcome = await invoke('sync_bot_commands', {
      bot_id: botId,
      command_list: [{ command: '/shop', description: 'Shop', scope: 'all_group_chats' }],
    })
    expect(outcome.result).toBe('success')
    expect(setup.telegram.callsOf('deleteMyCommands').map((c) => c.payload.scope)).toEqual([
      { type: 'all_group_chats' },
      { type: 'all_private_chats' },
      { type: 'default' },
    ])
    expect(setup.telegram.callsOf('setMyCommands').map((c) => c.payload)).toEqual([
      { commands: [{ command: 'shop', description: 'Shop' }], scope: { type: 'all_group_chats' } },
    ])
  })

  it('creates a bot for a synced tenant with sync_bot_config, then stops every bot', async () => {
    const created = await invoke('sync_bot_config', {
      tenant_id: 1,
      bot_token: OTHER_TOKEN,
      is_active: true,
    })
    expect(created).toMatchObject({ result: 'success', response_data: { action: 'created' } })
    const again = await invoke('sync_bot', { tenant_id: 1, bot_token: OTHER_TOKEN })
    expect(again.response_data).toEqual({
      bot_id: created.response_data?.bot_id,
      action: 'updated',
    })
    expect((await invoke('stop_all_bots')).result).toBe('success')
    expect(setup.telegram.callsOf('deleteWebhook').length).toBeGreaterThanOrEqual(2)
    expect((await invoke('get_tenant_status', { tenant_id: 101 })).response_data).toMatchObject({
      bot_is_active: false,
      bot_is_working: false,
    })
    await invoke('start_bot', { bot_id: botId })
  })

  it('replaces scenarios from a list, refusing an invalid one whole', async () => {
    const scenario = {
      scenario_name: 'ping',
      trigger: [{ event_type: 'message', event_text: 'ping' }],
      step: [{ action: 'send_message', params: { text: 'pong' } }],
    }
    const invalid = await invoke('sync_scenarios', {
      tenant_id: 101,
      scenarios: [
        scenario,
        { broken: { step: [{ action: 'send_message', params: { text: '{x|nope}' } }] } },
      ],
    })
    expect(invalid).toMatchObject({ result: 'error', error: { code: 'VALIDATION_ERROR' } })
    expect(invalid.error?.details?.[0]).toMatchObject({ field: 'broken' })
    expect((await invoke('sync_scenarios', { tenant_id: 101, scenarios: [scenario] })).result).toBe(
      'success',
    )
    await invoke('process_scenario_event', {
      event_type: 'message',
      bot_id: botId,
      event_text: 'ping',
      chat_id: 42,
    })
    expect(setup.telegram.callsOf('sendMessage').map((c) => c.payload)).toEqual([
      { chat_id: 42, text: 'pong', parse_mode: 'HTML' },
    ])
    expect((await invoke('sync_tenant_scenarios', { tenant_id: 101 })).result).toBe('success')
  })

  it('creates a tenant’s organization and row with sync_tenant_data', async () => {
    setup.writeTenant(150, { 'config.yaml': 'timezone: UTC\n' })
    expect((await invoke('sync_tenant_data', { tenant_id: 150 })).result).toBe('success')
    const status = await invoke('get_tenant_status', { tenant_id: 150 })
    expect(status).toMatchObject({ result: 'success', response_data: { bot_is_active: false } })
    expect(status.response_data?.last_updated_at).toBeUndefined()
    expect((await invoke('sync_tenant_data', { tenant_id: 151 })).error?.code).toBe('NOT_FOUND')
  })

  it('processes raw and normalized events for system callers', async () => {
    const raw = { ...startMessage(), update_id: 777_001, system: { bot_id: botId } }
    expect((await invoke('process_event', { data: raw })).result).toBe('success')
    const [row] = await setup.harness.services.db
      .select()
      .from(telegramUpdates)
      .where(eq(telegramUpdates.updateId, 777_001))
    expect(row).toMatchObject({ status: 'processed', eventType: 'message' })
    const normalized = await invoke('process_scenario_event', {
      event_type: 'message',
      bot_id: botId,
      event_text: '/start',
      chat_id: 5,
    })
    expect(normalized.result).toBe('success')
  })
})

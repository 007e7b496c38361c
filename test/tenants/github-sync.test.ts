import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { queueJobs, tenants } from '../../db/schema/index.ts'
import { dbBackends } from '../support/backends.ts'
import { FAKE_BOT_TOKEN } from '../support/fake-telegram.ts'
import { call, signUp } from '../support/harness.ts'
import {
  type BotsSetup,
  createBotsSetup,
  DEFAULT_TENANT,
  PUBLIC_BASE_URL,
  TELEGRAM_YAML,
} from './bots-setup.ts'

const system = { kind: 'scenario' as const, tenantId: 1, organizationId: 'system' }

describe.each(dbBackends)('GitHub push → tenant sync on %s', (backend) => {
  let setup: BotsSetup
  let admin: Awaited<ReturnType<typeof signUp>>
  const status = async (tenantId: number) =>
    setup.harness.services.actions.invoke(
      'get_tenant_status',
      { tenant_id: tenantId },
      { services: setup.harness.services, caller: system },
    )

  beforeAll(async () => {
    setup = await createBotsSetup({ backend })
    admin = await signUp(setup.harness.app, 'admin@example.com')
    setup.writeTenant(101, DEFAULT_TENANT)
  })
  afterAll(() => setup.close())
  beforeEach(() => setup.telegram.reset())

  it('a signed push queues one sync per tenant; the job sets commands and the webhook', async () => {
    const pushed = await setup.push({
      added: Object.keys(DEFAULT_TENANT).map((path) => `tenant/tenant_101/${path}`),
    })
    expect(pushed.status).toBe(202)
    expect(await pushed.json()).toMatchObject({ status: 'accepted', tenants: [101] })
    await setup.harness.drain()

    const botId = await setup.botIdOf(101)
    expect(setup.telegram.callsOf('getMe')).toHaveLength(1)
    const cleared = setup.telegram.callsOf('deleteMyCommands').map((c) => c.payload.scope)
    expect(cleared).toEqual([{ type: 'all_group_chats' }])
    const commands = setup.telegram.callsOf('setMyCommands').map((c) => c.payload)
    expect(commands).toEqual([
      {
        commands: [{ command: 'start', description: 'Main menu' }],
        scope: { type: 'all_private_chats' },
      },
      { commands: [{ command: 'help', description: 'Help' }], scope: { type: 'default' } },
    ])
    const [webhook] = setup.telegram.callsOf('setWebhook')
    expect(webhook?.token).toBe(FAKE_BOT_TOKEN)
    expect(webhook?.payload).toMatchObject({
      url: `${PUBLIC_BASE_URL}/webhooks/telegram/${botId}`,
      allowed_updates: [
        'message',
        'callback_query',
        'pre_checkout_query',
        'chat_member',
        'my_chat_member',
      ],
    })
    expect(String(webhook?.payload.secret_token)).toMatch(/^[A-Za-z0-9_-]{40,}$/)

    const result = await status(101)
    expect(result).toMatchObject({
      result: 'success',
      response_data: { bot_is_active: true, bot_is_webhook_active: true, bot_is_working: true },
    })
    expect(result.response_data?.last_updated_at).toEqual(expect.any(String))
  })

  it('creates the organization, makes config.yaml admins its admins, and seals secrets', async () => {
    const listed = await call(setup.harness.app, 'GET', '/api/v1/tenants', { token: admin.token })
    expect(listed.status).toBe(200)
    expect(listed.body.items).toHaveLength(1)
    expect(listed.body.items[0]).toMatchObject({
      tenant_id: 101,
      source: 'github',
      is_active: true,
      timezone: 'Europe/Moscow',
      last_commit: setup.github.headSha(),
      bot: { username: 'shop_bot', is_active: true },
      bot_is_working: true,
    })
    const me = await call(setup.harness.app, 'GET', '/api/v1/auth/me', { token: admin.token })
    expect(me.body.organizations).toContainEqual(
      expect.objectContaining({ tenant_id: 101, role: 'admin' }),
    )
    const [row] = await setup.harness.services.db
      .select()
      .from(tenants)
      .where(eq(tenants.tenantId, 101))
    expect(JSON.stringify(row?.config)).not.toContain('sk-secret-ai-token')
    expect(row?.config.ai_token_sealed).toMatch(/^v1\./)
    const other = await signUp(setup.harness.app)
    const hidden = await call(setup.harness.app, 'GET', '/api/v1/tenants/101/status', {
      token: other.token,
    })
    expect(hidden.status).toBe(404)
  })

  it('an invalid push keeps the previous configuration and reports file and line', async () => {
    setup.writeTenant(101, {
      'bots/telegram.yaml': TELEGRAM_YAML.replace('scope: all_private_chats', 'scope: everywhere'),
    })
    const pushed = await setup.push({ modified: ['tenant/tenant_101/bots/telegram.yaml'] })
    expect(pushed.status).toBe(202)
    await setup.harness.drain()
    expect(setup.telegram.callsOf('setMyCommands')).toHaveLength(0)
    expect(setup.telegram.callsOf('setWebhook')).toHaveLength(0)
    const result = await status(101)
    expect(result.response_data).toMatchObject({
      bot_is_working: true,
      last_failed_at: expect.any(String),
    })
    expect(result.response_data?.last_error).toMatch(
      /^tenant_101\/bots\/telegram\.yaml:6: commands\[0\]\.scope: /,
    )
    setup.writeTenant(101, { 'bots/telegram.yaml': 'bot_token: "1:a"\ncommands: [\n' })
    await setup.push({ modified: ['tenant/tenant_101/bots/telegram.yaml'] })
    await setup.harness.drain()
    expect((await status(101)).response_data?.last_error).toMatch(
      /^tenant_101\/bots\/telegram\.yaml:\d+: /,
    )
    setup.writeTenant(101, { 'bots/telegram.yaml': TELEGRAM_YAML })
  })

  it('a scenario file with broken YAML fails the sync with its line', async () => {
    setup.writeTenant(101, { 'scenarios/broken.yml': 'oops:\n  step: [\n' })
    await setup.push({ added: ['tenant/tenant_101/scenarios/broken.yml'] })
    await setup.harness.drain()
    expect((await status(101)).response_data?.last_error).toMatch(
      /^tenant_101\/scenarios\/broken\.yml:\d+: /,
    )
    setup.removeTenant(101)
    setup.writeTenant(101, DEFAULT_TENANT)
  })

  it('admins queue a full sync over REST; others cannot see the tenant', async () => {
    const queued = await call(setup.harness.app, 'POST', '/api/v1/tenants/101/sync', {
      token: admin.token,
    })
    expect(queued.status).toBe(202)
    expect(queued.body).toMatchObject({ status: 'queued', tenant_id: 101 })
    await setup.harness.drain()
    expect(setup.telegram.callsOf('setWebhook')).toHaveLength(1)
    const stranger = await signUp(setup.harness.app)
    const refused = await call(setup.harness.app, 'POST', '/api/v1/tenants/101/sync', {
      token: stranger.token,
    })
    expect(refused.status).toBe(404)
    expect((await call(setup.harness.app, 'POST', '/api/v1/tenants/101/sync')).status).toBe(401)
  })

  it('refuses bad signatures and unknown events, and ignores other branches and system tenants', async () => {
    const jobs = async () => (await setup.harness.services.db.select().from(queueJobs)).length
    const before = await jobs()
    const forged = await setup.push(
      { modified: ['tenant/tenant_101/config.yaml'] },
      { secret: 'not-the-secret' },
    )
    expect(forged.status).toBe(401)
    expect(await forged.json()).toEqual({ detail: 'Invalid or missing X-Hub-Signature-256' })
    const unsigned = await setup.harness.app.request('/webhooks/github', {
      method: 'POST',
      headers: { 'x-github-event': 'push' },
      body: '{}',
    })
    expect(unsigned.status).toBe(401)
    const branch = await setup.push(
      { modified: ['tenant/tenant_101/config.yaml'] },
      { ref: 'refs/heads/feature' },
    )
    expect(branch.status).toBe(200)
    expect(await branch.json()).toMatchObject({ status: 'ignored' })
    const systemPush = await setup.push({ modified: ['tenant/tenant_5/bots/telegram.yaml'] })
    expect(await systemPush.json()).toMatchObject({ status: 'ignored' })
    expect(await jobs()).toBe(before)
  })

  it('records an unreachable GitHub and retries until it answers', async () => {
    setup.writeTenant(101, { 'storage/settings.yaml': 'settings:\n  language: ru\n' })
    setup.github.failNext(502, 1)
    await setup.push({ modified: ['tenant/tenant_101/storage/settings.yaml'] })
    await setup.harness.drain()
    const failed = await status(101)
    expect(failed.response_data?.last_error).toMatch(/^attempt 1: GitHub answered 502/)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await setup.harness.drain()
    const result = await status(101)
    expect(Date.parse(String(result.response_data?.last_updated_at))).toBeGreaterThan(
      Date.parse(String(result.response_data?.last_failed_at)),
    )
  })

  it('a repeated push of the same commit queues nothing new', async () => {
    setup.writeTenant(101, { 'storage/more.yaml': 'extra:\n  key: value\n' })
    const first = await setup.push({ added: ['tenant/tenant_101/storage/more.yaml'] })
    const again = await setup.push({ added: ['tenant/tenant_101/storage/more.yaml'] })
    expect([first.status, again.status]).toEqual([202, 202])
    const commit = setup.github.headSha()
    const rows = await setup.harness.services.db
      .select()
      .from(queueJobs)
      .where(eq(queueJobs.deduplicationId, `tenant-sync:101:${commit}`))
    expect(rows).toHaveLength(1)
    await setup.harness.drain()
  })

  it('a removed tenant folder stops its bot and deactivates the tenant, deleting nothing', async () => {
    setup.removeTenant(101)
    await setup.push({ removed: ['tenant/tenant_101/bots/telegram.yaml'] })
    await setup.harness.drain()
    expect(setup.telegram.callsOf('deleteWebhook')).toHaveLength(1)
    const listed = await call(setup.harness.app, 'GET', '/api/v1/tenants', { token: admin.token })
    expect(listed.body.items[0]).toMatchObject({
      tenant_id: 101,
      is_active: false,
      bot_is_working: false,
      bot: { is_active: false },
    })
    setup.writeTenant(101, DEFAULT_TENANT)
    await setup.push({ added: ['tenant/tenant_101/bots/telegram.yaml'] })
    await setup.harness.drain()
    expect((await status(101)).response_data).toMatchObject({ bot_is_working: true })
  })
})

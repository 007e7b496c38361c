import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Update } from 'grammy/types'
import { findBotOfTenant } from '../../functions/bots/bot-store.ts'
import type { Clock } from '../../functions/platform/clock.ts'
import type { DbBackend } from '../support/backends.ts'
import { type FakeGithub, startFakeGithub } from '../support/fake-github.ts'
import { FAKE_BOT_TOKEN, type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.ts'
import type { UpdateInput } from '../support/fake-telegram-updates.ts'
import { buildPushDelivery, type PushCommitInput } from '../support/github-push.ts'
import { createHarness, type Harness } from '../support/harness.ts'

/**
 * The platform wired to a fake GitHub (serving a folder as `acme/tenants`) and a fake Telegram Bot
 * API, both real loopback servers, with helpers to edit the repository, push and post updates.
 */

export const GITHUB_TOKEN = 'ghp_relayTestToken0001'
export const WEBHOOK_SECRET = 'github-webhook-secret-for-tests'
export const PUBLIC_BASE_URL = 'https://relay.test'
export const REPO = 'acme/tenants'

export const TELEGRAM_YAML = `bot_token: "${FAKE_BOT_TOKEN}"
is_active: true
commands:
  - command: start
    description: Main menu
    scope: all_private_chats
  - command: help
    description: Help
command_clear:
  - scope: all_group_chats
`

export const START_SCENARIO = `start:
  description: Main menu
  trigger:
    - event_type: message
      event_text: /start
  step:
    - action: send_message
      params:
        text: "Hello, {first_name}!"
        inline:
          - [{"📋 Menu": "menu"}, {"🌐 Site": "https://example.com"}]
menu:
  trigger:
    - event_type: callback
      callback_data: menu
  step:
    - action: answer_callback_query
      params:
        callback_query_id: "{callback_id}"
        text: Menu opened
    - action: send_message
      params:
        text: "Menu for {first_name}"
        message_edit: true
`

export const DEFAULT_TENANT: Record<string, string> = {
  'bots/telegram.yaml': TELEGRAM_YAML,
  'config.yaml':
    'admins: [admin@example.com]\ntimezone: Europe/Moscow\nai_token: sk-secret-ai-token\n',
  'storage/settings.yaml': 'settings:\n  language: en\n  limits: {daily: 10}\n',
  'scenarios/start.yaml': START_SCENARIO,
}

export type BotsSetup = {
  harness: Harness
  telegram: FakeTelegram
  github: FakeGithub
  /** The repository folder (`tenant/tenant_<ID>/…` inside). */
  repo: string
  writeTenant(tenantId: number, files: Record<string, string>): void
  removeTenant(tenantId: number): void
  /** A signed push of these changes, posted to /webhooks/github. */
  push(commit: PushCommitInput, options?: { secret?: string; ref?: string }): Promise<Response>
  /** Posts an update to the bot's webhook with its secret (or `secret`). */
  postUpdate(botId: number, update: UpdateInput, secret?: string): Promise<Response>
  /** The secret_token setWebhook gave Telegram for this bot. */
  webhookSecret(botId: number): string
  botIdOf(tenantId: number): Promise<number>
  close(): Promise<void>
}

let nextUpdateId = 500_000

export type SetupOptions = { backend?: DbBackend; env?: Record<string, string>; clock?: Clock }

export async function createBotsSetup(options: SetupOptions = {}): Promise<BotsSetup> {
  const root = mkdtempSync(join(tmpdir(), 'relay-tenants-'))
  const repo = join(root, 'repo')
  mkdirSync(repo, { recursive: true })
  const github = await startFakeGithub({ folder: repo, token: GITHUB_TOKEN })
  const telegram = await startFakeTelegram({
    botInfo: { username: 'shop_bot' },
    maxLongPollMs: 200,
  })
  const harness = await createHarness({
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    env: {
      TELEGRAM_API_ROOT: telegram.url,
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN,
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TENANT_REPO: REPO,
      PUBLIC_BASE_URL,
      ...options.env,
    },
  })
  const writeTenant = (tenantId: number, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      const full = join(repo, 'tenant', `tenant_${tenantId}`, path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, text)
    }
  }
  const webhookSecret = (botId: number) => {
    const url = `${PUBLIC_BASE_URL}/webhooks/telegram/${botId}`
    const call = telegram
      .callsOf('setWebhook')
      .filter((c) => c.payload.url === url)
      .at(-1)
    if (!call) throw new Error(`no setWebhook for bot ${botId}`)
    return String(call.payload.secret_token)
  }
  return {
    harness,
    telegram,
    github,
    repo,
    writeTenant,
    removeTenant(tenantId) {
      rmSync(join(repo, 'tenant', `tenant_${tenantId}`), { recursive: true, force: true })
    },
    async push(commit, pushOptions = {}) {
      const delivery = buildPushDelivery(
        {
          repository: REPO,
          commits: [commit],
          after: github.headSha(),
          ...(pushOptions.ref ? { ref: pushOptions.ref } : {}),
        },
        pushOptions.secret ?? WEBHOOK_SECRET,
      )
      return harness.app.request('/webhooks/github', {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      })
    },
    async postUpdate(botId, input, secret) {
      const update = { update_id: nextUpdateId++, ...input } as Update
      return harness.app.request(`/webhooks/telegram/${botId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': secret ?? webhookSecret(botId),
        },
        body: JSON.stringify(update),
      })
    },
    webhookSecret,
    async botIdOf(tenantId) {
      const bot = await findBotOfTenant(harness.services.db, tenantId)
      if (!bot) throw new Error(`tenant ${tenantId} has no bot`)
      return bot.botId
    },
    async close() {
      await harness.close()
      await telegram.close()
      await github.close()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/** A private `/start` from a user, as Telegram sends it. */
export function startMessage(chatId = 1133574222, text = '/start'): UpdateInput {
  return {
    message: {
      message_id: 10,
      date: 1_768_462_245,
      chat: { id: chatId, type: 'private', first_name: 'Ann' },
      from: { id: chatId, is_bot: false, first_name: 'Ann', language_code: 'en' },
      text,
      ...(text.startsWith('/')
        ? {
            entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }],
          }
        : {}),
    },
  } as UpdateInput
}

export type Caller = { kind: 'scenario'; tenantId: number; organizationId: string }

/** A setup whose tenant 101 (the default files) is already synced, with a scenario caller for it. */
export async function createSyncedSetup(
  options: SetupOptions = {},
): Promise<{ setup: BotsSetup; botId: number; caller: Caller }> {
  const setup = await createBotsSetup(options)
  setup.writeTenant(101, DEFAULT_TENANT)
  await setup.push({ added: ['tenant/tenant_101/bots/telegram.yaml'] })
  await setup.harness.drain()
  const bot = await findBotOfTenant(setup.harness.services.db, 101)
  if (!bot) throw new Error('tenant 101 did not sync')
  setup.telegram.reset()
  return {
    setup,
    botId: bot.botId,
    caller: { kind: 'scenario', tenantId: 101, organizationId: bot.organizationId },
  }
}

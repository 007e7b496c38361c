import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Bot, webhookCallback } from 'grammy'
import { Hono } from 'hono'
import { createApp } from '../../functions/app.ts'
import { pacer } from '../../functions/bots/telegram/pacing.ts'
import { startBotsRuntime } from '../../functions/node/bots-runtime.ts'
import { startRuntime } from '../../functions/node/embedded-runtime.ts'
import { parseEnv } from '../../functions/platform/env.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { VERSION } from '../../functions/platform/version.ts'
import { topics } from '../../workflows/index.ts'
import { FAKE_BOT_TOKEN, startFakeTelegram } from '../support/fake-telegram.ts'

/**
 * The platform with one tenant whose `/start` scenario replies with an inline keyboard, and in the
 * same process a bare grammY bot doing the same reply at `/__grammy`; both talk to one fake Bot API.
 * Prints one JSON line with what the bench needs once ready.
 */
const GRAMMY_TOKEN = '555000111:AABareGrammyBenchToken_0123456789'
const GRAMMY_SECRET = 'bare-grammy-secret'
const KEYBOARD = [
  [
    { text: '📋 Menu', callback_data: 'menu' },
    { text: '🌐 Site', url: 'https://example.com' },
  ],
]

const telegram = await startFakeTelegram({ botInfo: { username: 'bench_bot' } })
const configDir = join(process.env.DATA_DIR ?? '.data', 'tenants')
const write = (path: string, text: string) => {
  mkdirSync(join(configDir, 'tenant_101', path, '..'), { recursive: true })
  writeFileSync(join(configDir, 'tenant_101', path), text)
}
write('bots/telegram.yaml', `bot_token: "${FAKE_BOT_TOKEN}"\n`)
write(
  'scenarios/start.yaml',
  `start:
  trigger:
    - event_type: message
      event_text: /start
  step:
    - action: send_message
      params:
        text: "Hello, <b>{first_name}</b>!"
        inline:
          - [{"📋 Menu": "menu"}, {"🌐 Site": "https://example.com"}]
`,
)

// Per-bot pacing (30 messages/s) would be all the bench measured; it is lifted to see the platform.
pacer.configure({ botPerSecond: 1e9, chatBurst: 1e9, groupPerMinute: 1e9 })

const env = parseEnv({
  ...process.env,
  TELEGRAM_API_ROOT: telegram.url,
  TENANT_CONFIG_DIR: configDir,
  PUBLIC_BASE_URL: 'https://bench.relay.test',
})
const runtime = await startRuntime(env, silentLogger)
await startBotsRuntime(runtime.services)
const app = createApp({
  services: () => ({ services: runtime.services }),
  topics,
  docsAssetsUrl: '/docs/assets',
  version: VERSION,
})

const bot = new Bot(GRAMMY_TOKEN, {
  botInfo: {
    id: 555000111,
    is_bot: true,
    first_name: 'Bare',
    username: 'bare_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  },
  client: { apiRoot: telegram.url },
})
bot.command('start', (ctx) =>
  ctx.reply(`Hello, <b>${ctx.from?.first_name ?? 'friend'}</b>!`, {
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard: KEYBOARD },
  }),
)
const bare = new Hono().post(
  '/__grammy',
  webhookCallback(bot, 'hono', { secretToken: GRAMMY_SECRET }),
)

const webhook = telegram.callsOf('setWebhook').at(-1)
const url = new URL(String(webhook?.payload.url))
serve(
  {
    fetch: (request) =>
      new URL(request.url).pathname === '/__grammy' ? bare.fetch(request) : app.fetch(request),
    port: env.PORT,
    hostname: env.HOST,
  },
  () =>
    console.log(
      JSON.stringify({
        path: url.pathname,
        secret: webhook?.payload.secret_token,
        grammySecret: GRAMMY_SECRET,
      }),
    ),
)
process.on('SIGTERM', () => void runtime.stop().then(() => process.exit(0)))

import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../../functions/app.ts'
import { startRuntime } from '../../functions/node/embedded-runtime.ts'
import { parseEnv } from '../../functions/platform/env.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { VERSION } from '../../functions/platform/version.ts'
import { topics } from '../../workflows/index.ts'

/**
 * The platform on embedded defaults, plus a bare Hono route in the same process (`/__bare`), so the
 * bench can show what our middleware, auth and database cost on top of the framework.
 */
const env = parseEnv(process.env)
const runtime = await startRuntime(env, silentLogger)
const app = createApp({
  services: () => ({ services: runtime.services }),
  topics,
  docsAssetsUrl: '/docs/assets',
  version: VERSION,
})
const bare = new Hono().get('/__bare', (c) => c.json({ status: 'ok' }))

serve(
  {
    fetch: (request) =>
      new URL(request.url).pathname === '/__bare' ? bare.fetch(request) : app.fetch(request),
    port: env.PORT,
    hostname: env.HOST,
  },
  () => console.log('ready'),
)
process.on('SIGTERM', () => void runtime.stop().then(() => process.exit(0)))

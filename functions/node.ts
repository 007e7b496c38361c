import { serve } from '@hono/node-server'
import { topics } from '../workflows/index.ts'
import { createApp } from './app.ts'
import { startBotsRuntime } from './node/bots-runtime.ts'
import { DOCS_ASSETS_PATH, mountDocsAssets } from './node/docs-assets.ts'
import { startRuntime } from './node/embedded-runtime.ts'
import { ConfigError, parseEnv } from './platform/env.ts'
import { VERSION } from './platform/version.ts'
import { runScheduledTick } from './system/scheduled.ts'

let env: ReturnType<typeof parseEnv>
try {
  env = parseEnv(process.env)
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

const runtime = await startRuntime(env)
const services = runtime.services
const botsRuntime = await startBotsRuntime(services)
const app = createApp({
  services: () => ({ services }),
  topics,
  docsAssetsUrl: DOCS_ASSETS_PATH,
  version: VERSION,
})
mountDocsAssets(app)

// Workers get a cron trigger each minute; here an in-process ticker does the same work.
const ticker = setInterval(() => {
  runScheduledTick(services).catch((error) => services.log.error('scheduled.failed', { error }))
}, 60_000)

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = `http://${env.HOST}:${info.port}`
  console.log(`Relay ${VERSION} is running.`)
  console.log(`  API:  ${base}/api/v1`)
  console.log(`  Docs: ${base}/docs`)
  console.log(
    `  Data: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `${env.DATA_DIR}/pglite`}`,
  )
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  services.log.info('shutdown', { signal })
  clearInterval(ticker)
  server.close()
  await botsRuntime.stop()
  await runtime.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

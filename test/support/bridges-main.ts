import { sql } from 'drizzle-orm'
import ws from 'ws'
import { createNeonDatabase } from '../../db/client-neon.ts'
import { migrateNeon } from '../../db/migrate.ts'
import { startUpstashRedisBridge } from './upstash-redis-bridge.ts'
import { startWsTcpBridge } from './ws-tcp-bridge.ts'

/**
 * Run as a child process by vitest.workers.config.ts: workerd cannot open TCP to PostgreSQL or speak
 * RESP, so this Node process offers the Neon WebSocket and Upstash REST protocols in front of the real
 * servers, creates and migrates a throwaway database, prints one JSON line, and cleans up on SIGTERM.
 */
const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL
const webSocketConstructor = ws as unknown as typeof WebSocket

const bridge = await startWsTcpBridge()
const wsProxy = `127.0.0.1:${bridge.port}/v1`
const redis = redisUrl ? await startUpstashRedisBridge({ redisUrl }) : null
let database: string | null = null
let workerDatabaseUrl: string | null = null

async function admin(statement: string) {
  if (!databaseUrl) return
  const handle = createNeonDatabase({
    connectionString: databaseUrl,
    webSocketConstructor,
    wsProxy,
  })
  try {
    await handle.db.execute(sql.raw(statement))
  } finally {
    await handle.close()
  }
}

if (databaseUrl) {
  database = `relay_w_${Date.now().toString(36)}_${process.pid}`
  await admin(`create database "${database}"`)
  const url = new URL(databaseUrl)
  url.pathname = `/${database}`
  workerDatabaseUrl = url.toString()
  await migrateNeon({ connectionString: workerDatabaseUrl, webSocketConstructor, wsProxy })
}

console.log(
  JSON.stringify({
    wsProxy,
    databaseUrl: workerDatabaseUrl,
    redis: redis ? { url: redis.url, token: redis.token } : null,
  }),
)

async function shutdown() {
  if (database) await admin(`drop database if exists "${database}" with (force)`).catch(() => {})
  await redis?.close()
  await bridge.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown())
process.on('SIGINT', () => void shutdown())
process.stdin.on('end', () => void shutdown())
process.stdin.resume()

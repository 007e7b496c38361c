import { sql } from 'drizzle-orm'
import ws from 'ws'
import { createNeonDatabase } from '../../db/client-neon.ts'
import { createPgliteDatabase } from '../../db/client-pglite.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { migrateNeon } from '../../db/migrate.ts'
import { startWsTcpBridge, type WsTcpBridge } from './ws-tcp-bridge.ts'

export type DbBackend = 'pglite' | 'postgres'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL

/** The database backends available in this run: PGlite always, real PostgreSQL when CI provides it. */
export const dbBackends: DbBackend[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

const warned = new Set<string>()
/** Says loudly, once per file, that a real-service suite did not run. */
export function warnSkipped(what: string, variable: string): void {
  if (warned.has(what)) return
  warned.add(what)
  console.warn(
    `\n!!! SKIPPED: ${what} — ${variable} is not set, so the real service was not exercised.\n`,
  )
}

if (!TEST_DATABASE_URL) warnSkipped('suites on real PostgreSQL', 'TEST_DATABASE_URL')

const webSocket = ws as unknown as typeof WebSocket

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the real server reached through
 * the Neon driver and a local ws→TCP bridge (dropped again on close).
 */
export async function createTestDatabase(backend: DbBackend): Promise<DatabaseHandle> {
  if (backend === 'pglite') return createPgliteDatabase()
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set')
  const bridge: WsTcpBridge = await startWsTcpBridge()
  const wsProxy = `127.0.0.1:${bridge.port}/v1`
  const name = `relay_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  await adminQuery(TEST_DATABASE_URL, wsProxy, `create database "${name}"`)
  const options = {
    connectionString: withDatabase(TEST_DATABASE_URL, name),
    webSocketConstructor: webSocket,
    wsProxy,
  }
  await migrateNeon(options)
  const handle = createNeonDatabase(options)
  return {
    db: handle.db,
    async close() {
      await handle.close()
      await adminQuery(TEST_DATABASE_URL, wsProxy, `drop database if exists "${name}" with (force)`)
      await bridge.close()
    },
  }
}

async function adminQuery(url: string, wsProxy: string, statement: string): Promise<void> {
  const admin = createNeonDatabase({
    connectionString: url,
    webSocketConstructor: webSocket,
    wsProxy,
  })
  try {
    await admin.db.execute(sql.raw(statement))
  } finally {
    await admin.close()
  }
}

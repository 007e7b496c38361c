import { neonConfig, Pool } from '@neondatabase/serverless'
import { drizzle } from 'drizzle-orm/neon-serverless'
import type { Database, DatabaseHandle } from './database.ts'
import * as schema from './schema/index.ts'

export type NeonOptions = {
  connectionString: string
  /** Node has no global WebSocket before v22's flag-free one; the Node entry passes `ws`. */
  webSocketConstructor?: typeof WebSocket
  /** For a plain PostgreSQL behind a ws→TCP bridge (local and CI): `host:port/v1`. */
  wsProxy?: string
}

/**
 * A drizzle database over Neon's WebSocket Pool. On Workers create one per request: sockets cannot be
 * shared across requests.
 */
export function createNeonDatabase(options: NeonOptions): DatabaseHandle {
  if (options.webSocketConstructor) neonConfig.webSocketConstructor = options.webSocketConstructor
  const proxy = options.wsProxy
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`
    neonConfig.useSecureWebSocket = false
    neonConfig.pipelineTLS = false
    neonConfig.pipelineConnect = false
  }
  const pool = new Pool({ connectionString: options.connectionString })
  // An idle client that loses its socket emits 'error'; without a listener that would crash the process.
  pool.on('error', () => {})
  const db = drizzle({ client: pool, schema }) as unknown as Database
  return { db, close: () => pool.end() }
}

import type { NeonDatabase } from 'drizzle-orm/neon-serverless'
import { migrate } from 'drizzle-orm/neon-serverless/migrator'
import ws from 'ws'
import { createNeonDatabase, type NeonOptions } from './client-neon.ts'
import { migrationsFolder } from './migrations-folder.ts'

/** Applies committed migrations to a PostgreSQL (Neon in production) reached through the Neon driver. */
export async function migrateNeon(options: NeonOptions): Promise<void> {
  const handle = createNeonDatabase({
    webSocketConstructor: ws as unknown as typeof WebSocket,
    ...options,
  })
  try {
    await migrate(handle.db as unknown as NeonDatabase, { migrationsFolder })
  } finally {
    await handle.close()
  }
}

// `npm run db:migrate`: DATABASE_URL (and DATABASE_WS_PROXY for a local server behind a bridge).
if (import.meta.url === `file://${process.argv[1]}`) {
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) {
    console.error('DATABASE_URL is required, e.g. postgres://user:pass@ep-xxx.neon.tech/db')
    process.exit(1)
  }
  await migrateNeon({ connectionString, wsProxy: process.env.DATABASE_WS_PROXY })
  console.log('Migrations applied.')
}

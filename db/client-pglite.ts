import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { Database, DatabaseHandle } from './database.ts'
import { migrationsFolder } from './migrations-folder.ts'
import * as schema from './schema/index.ts'

/**
 * Embedded PostgreSQL (WASM) for `npm start` and tests. Node only: never imported by the Worker.
 * `dataDir` undefined keeps the database in memory.
 */
export async function createPgliteDatabase(dataDir?: string): Promise<DatabaseHandle> {
  const client = dataDir ? new PGlite(dataDir) : new PGlite()
  const db = drizzle({ client, schema })
  await migrate(db, { migrationsFolder })
  return { db: db as unknown as Database, close: () => client.close() }
}

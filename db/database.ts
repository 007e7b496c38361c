import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type * as schema from './schema/index.ts'

export type Schema = typeof schema

/** The driver-neutral database handle: Neon (serverless Pool) in production, PGlite embedded. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>

export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>

/** A handle that can run queries: the database itself or an open transaction. */
export type Queryable = Database | Transaction

export type DatabaseHandle = {
  db: Database
  /** Releases the connection pool (Workers: call it through waitUntil at the end of a request). */
  close(): Promise<void>
}

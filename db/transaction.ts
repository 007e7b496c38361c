import type { Database, Transaction } from './database.ts'

/**
 * The only way to open a transaction. Both drivers (neon-serverless Pool and PGlite) support
 * interactive transactions; the neon HTTP driver does not, which is why it is not used.
 */
export function withTransaction<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(work)
}

import { type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * A jsonb column read back exactly. Drizzle's jsonb mapping JSON-parses any string the driver hands
 * it, so a stored string "123" would come back as the number 123 (the very type guessing Coreness
 * had); reading the column as text and parsing once keeps every value's type.
 */
export function exactJson(column: AnyPgColumn): SQL.Aliased<unknown> | SQL<unknown> {
  return sql`${column}::text`.mapWith((text: string) => JSON.parse(text) as unknown)
}

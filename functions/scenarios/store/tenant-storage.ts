import { and, asc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/database.ts'
import { tenantStorage } from '../../../db/schema/index.ts'
import { exactJson } from './exact-json.ts'

/** Coreness `storage_max_records` and `storage_groups_max_limit`. */
export const STORAGE_MAX_RECORDS = 100
export const STORAGE_GROUPS_MAX = 200

export type StorageRow = { groupKey: string; key: string; value: unknown }

/** Exact values or ILIKE patterns (SQL wildcards `%` and `_`); a pattern is used only without the exact value. */
export type StorageSelector = {
  groupKey?: string
  groupKeyPattern?: string
  key?: string
  keyPattern?: string
}

function where(tenantId: number, selector: StorageSelector): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(tenantStorage.tenantId, tenantId)]
  if (selector.groupKey !== undefined) parts.push(eq(tenantStorage.groupKey, selector.groupKey))
  else if (selector.groupKeyPattern !== undefined) {
    parts.push(ilike(tenantStorage.groupKey, selector.groupKeyPattern))
  }
  if (selector.key !== undefined) parts.push(eq(tenantStorage.key, selector.key))
  else if (selector.keyPattern !== undefined)
    parts.push(ilike(tenantStorage.key, selector.keyPattern))
  return and(...parts)
}

export async function readStorage(
  db: Queryable,
  tenantId: number,
  selector: StorageSelector,
  limit = STORAGE_MAX_RECORDS,
): Promise<StorageRow[]> {
  return db
    .select({
      groupKey: tenantStorage.groupKey,
      key: tenantStorage.key,
      value: exactJson(tenantStorage.value),
    })
    .from(tenantStorage)
    .where(where(tenantId, selector))
    .orderBy(asc(tenantStorage.groupKey), asc(tenantStorage.key))
    .limit(limit)
}

/** Upserts values; the rows are `(group, key, value)`, values never null. */
export async function writeStorage(db: Queryable, tenantId: number, rows: StorageRow[]) {
  if (rows.length === 0) return
  await db
    .insert(tenantStorage)
    .values(rows.map((row) => ({ tenantId, ...row })))
    .onConflictDoUpdate({
      target: [tenantStorage.tenantId, tenantStorage.groupKey, tenantStorage.key],
      set: { value: sql`excluded.value` },
    })
}

/** Deletes what the selector names; returns how many values went. */
export async function deleteStorage(
  db: Queryable,
  tenantId: number,
  selector: StorageSelector,
): Promise<number> {
  const deleted = await db
    .delete(tenantStorage)
    .where(where(tenantId, selector))
    .returning({ key: tenantStorage.key })
  return deleted.length
}

/** Distinct group keys in order, at most `limit`, and whether there were more. */
export async function listStorageGroups(
  db: Queryable,
  tenantId: number,
  limit = STORAGE_GROUPS_MAX,
) {
  const rows = await db
    .selectDistinct({ groupKey: tenantStorage.groupKey })
    .from(tenantStorage)
    .where(eq(tenantStorage.tenantId, tenantId))
    .orderBy(asc(tenantStorage.groupKey))
    .limit(limit + 1)
  return {
    groupKeys: rows.slice(0, limit).map((row) => row.groupKey),
    truncated: rows.length > limit,
  }
}

/**
 * The storage seed of a sync (coreness §2.5): every group present is replaced whole; groups the seed
 * does not mention are left alone. Run it inside the sync transaction.
 */
export async function replaceStorageGroups(
  tx: Queryable,
  tenantId: number,
  groups: Record<string, Record<string, unknown>>,
): Promise<void> {
  const groupKeys = Object.keys(groups)
  if (groupKeys.length === 0) return
  await tx
    .delete(tenantStorage)
    .where(and(eq(tenantStorage.tenantId, tenantId), inArray(tenantStorage.groupKey, groupKeys)))
  const rows = Object.entries(groups).flatMap(([groupKey, values]) =>
    Object.entries(values)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => ({ tenantId, groupKey, key, value })),
  )
  // Batches keep each statement well under PostgreSQL's parameter limit.
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(tenantStorage).values(rows.slice(start, start + 500))
  }
}

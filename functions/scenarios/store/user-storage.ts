import { and, asc, eq, ilike, type SQL, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/database.ts'
import { userStorage } from '../../../db/schema/index.ts'
import { exactJson } from './exact-json.ts'
import { STORAGE_MAX_RECORDS } from './tenant-storage.ts'

export type UserStorageSelector = { key?: string; keyPattern?: string }

function where(tenantId: number, userId: number, selector: UserStorageSelector): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    eq(userStorage.tenantId, tenantId),
    eq(userStorage.userId, userId),
  ]
  if (selector.key !== undefined) parts.push(eq(userStorage.key, selector.key))
  else if (selector.keyPattern !== undefined)
    parts.push(ilike(userStorage.key, selector.keyPattern))
  return and(...parts)
}

export async function readUserStorage(
  db: Queryable,
  tenantId: number,
  userId: number,
  selector: UserStorageSelector,
): Promise<{ key: string; value: unknown }[]> {
  return db
    .select({ key: userStorage.key, value: exactJson(userStorage.value) })
    .from(userStorage)
    .where(where(tenantId, userId, selector))
    .orderBy(asc(userStorage.key))
    .limit(STORAGE_MAX_RECORDS)
}

export async function writeUserStorage(
  db: Queryable,
  tenantId: number,
  userId: number,
  values: Record<string, unknown>,
): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ tenantId, userId, key, value }))
  if (rows.length === 0) return
  await db
    .insert(userStorage)
    .values(rows)
    .onConflictDoUpdate({
      target: [userStorage.tenantId, userStorage.userId, userStorage.key],
      set: { value: sql`excluded.value` },
    })
}

export async function deleteUserStorage(
  db: Queryable,
  tenantId: number,
  userId: number,
  selector: UserStorageSelector,
): Promise<number> {
  const deleted = await db
    .delete(userStorage)
    .where(where(tenantId, userId, selector))
    .returning({ key: userStorage.key })
  return deleted.length
}

/** Users whose value under `key` is exactly `value` (JSON equality: the string "1" is not the number 1). */
export async function usersByStorageValue(
  db: Queryable,
  tenantId: number,
  key: string,
  value: unknown,
): Promise<number[]> {
  const rows = await db
    .select({ userId: userStorage.userId })
    .from(userStorage)
    .where(
      and(
        eq(userStorage.tenantId, tenantId),
        eq(userStorage.key, key),
        sql`${userStorage.value} = ${JSON.stringify(value)}::jsonb`,
      ),
    )
    .orderBy(asc(userStorage.userId))
  return rows.map((row) => row.userId)
}

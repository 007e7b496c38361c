import { and, asc, eq, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/database.ts'
import { tenantUsers } from '../../../db/schema/index.ts'

/** What an event says about its user (the normalized event's fields). */
export type TenantUserProfile = {
  user_id: number
  username?: string | null
  first_name?: string | null
  last_name?: string | null
  language_code?: string | null
  is_bot?: boolean | null
  is_premium?: boolean | null
}

/** The state as scenarios see it: `user_state_expired_at` is ISO UTC, null when it never expires. */
export type UserState = { user_state: string | null; user_state_expired_at: string | null }

const NO_STATE: UserState = { user_state: null, user_state_expired_at: null }

type StateColumns = { state: string | null; stateExpiresAt: Date | null }

/** An expired state reads as none (Coreness cleared it lazily; reading past it is the same). */
function stateOf(row: StateColumns | undefined, now: Date): UserState {
  if (!row?.state) return NO_STATE
  if (row.stateExpiresAt && row.stateExpiresAt.getTime() <= now.getTime()) return NO_STATE
  return { user_state: row.state, user_state_expired_at: row.stateExpiresAt?.toISOString() ?? null }
}

/**
 * Records the user an event came from (profile fields refreshed, state kept) and returns their
 * current state, in one statement.
 */
export async function upsertTenantUser(
  db: Queryable,
  tenantId: number,
  user: TenantUserProfile,
  now: Date,
): Promise<UserState> {
  const profile = {
    username: user.username ?? null,
    firstName: user.first_name ?? null,
    lastName: user.last_name ?? null,
    languageCode: user.language_code ?? null,
    isBot: user.is_bot ?? null,
    isPremium: user.is_premium ?? null,
  }
  const [row] = await db
    .insert(tenantUsers)
    .values({ tenantId, userId: user.user_id, ...profile, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [tenantUsers.tenantId, tenantUsers.userId],
      set: { ...profile, updatedAt: now },
    })
    .returning({ state: tenantUsers.state, stateExpiresAt: tenantUsers.stateExpiresAt })
  return stateOf(row, now)
}

export async function readUserState(
  db: Queryable,
  tenantId: number,
  userId: number,
  now: Date,
): Promise<UserState> {
  const [row] = await db
    .select({ state: tenantUsers.state, stateExpiresAt: tenantUsers.stateExpiresAt })
    .from(tenantUsers)
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, userId)))
  return stateOf(row, now)
}

/** Sets (or with null clears) a user's state; a user not seen before is recorded. */
export async function writeUserState(
  db: Queryable,
  tenantId: number,
  userId: number,
  state: string | null,
  expiresAt: Date | null,
  now: Date,
): Promise<UserState> {
  const values = { state, stateExpiresAt: state === null ? null : expiresAt, updatedAt: now }
  await db
    .insert(tenantUsers)
    .values({ tenantId, userId, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [tenantUsers.tenantId, tenantUsers.userId], set: values })
  return stateOf(values, now)
}

export async function listTenantUserIds(db: Queryable, tenantId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: tenantUsers.userId })
    .from(tenantUsers)
    .where(eq(tenantUsers.tenantId, tenantId))
    .orderBy(asc(tenantUsers.userId))
  return rows.map((row) => row.userId)
}

/** How many users a tenant has seen; for status pages. */
export async function countTenantUsers(db: Queryable, tenantId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(tenantUsers)
    .where(eq(tenantUsers.tenantId, tenantId))
  return row?.count ?? 0
}

import { and, desc, eq } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import { apiKeys } from '../../db/schema/index.ts'
import type { Actor } from '../auth/actor.ts'
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-key-format.ts'
import { notFound } from '../platform/errors.ts'
import type { Services } from '../platform/services.ts'
import { loadUserWithMemberships } from './service.ts'

const LAST_USED_PRECISION_MS = 60_000

export type ApiKeySummary = {
  id: string
  organizationId: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
}

const summaryColumns = {
  id: apiKeys.id,
  organizationId: apiKeys.organizationId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
}

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(
  services: Pick<Services, 'db' | 'ids' | 'clock'>,
  input: { organizationId: string; userId: string; name: string },
): Promise<ApiKeySummary & { key: string }> {
  const key = generateApiKey()
  const [row] = await services.db
    .insert(apiKeys)
    .values({
      id: services.ids.uuid(),
      organizationId: input.organizationId,
      createdByUserId: input.userId,
      name: input.name,
      prefix: displayPrefix(key),
      keyHash: await hashApiKey(key),
      createdAt: services.clock.now(),
    })
    .returning(summaryColumns)
  if (!row) throw new Error('API key insert returned nothing')
  return { ...row, key }
}

export function listApiKeys(db: Database, organizationId: string): Promise<ApiKeySummary[]> {
  return db
    .select(summaryColumns)
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId))
    .orderBy(desc(apiKeys.createdAt))
}

export async function deleteApiKey(
  db: Database,
  organizationId: string,
  keyId: string,
): Promise<void> {
  const deleted = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)))
    .returning({ id: apiKeys.id })
  if (deleted.length === 0) throw notFound('API key not found')
}

/**
 * The actor behind an API key: its creator, limited to the key's organization and to the role the
 * creator holds there now (a creator who left makes the key useless).
 */
export async function actorForApiKey(
  services: Pick<Services, 'db' | 'clock'>,
  key: string,
): Promise<Actor | null> {
  const [row] = await services.db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      userId: apiKeys.createdByUserId,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, await hashApiKey(key)))
  if (!row) return null
  const user = await loadUserWithMemberships(services.db, row.userId)
  const membership = user?.memberships.find((m) => m.organizationId === row.organizationId)
  if (!user || !membership) return null
  const now = services.clock.now()
  // last_used_at is informational: refreshing it at most once a minute keeps a write off most requests.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await services.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id))
  }
  return {
    userId: user.id,
    email: user.email,
    userCreatedAt: user.createdAt,
    via: 'api_key',
    apiKeyId: row.id,
    memberships: [membership],
  }
}

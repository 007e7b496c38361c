import { and, eq } from 'drizzle-orm'
import type { Queryable } from '../../db/database.ts'
import {
  type CapabilityActionRow,
  type CapabilityRow,
  capabilities,
  capabilityActions,
} from '../../db/schema/index.ts'
import type { Secrets } from '../platform/secrets.ts'

/** A capability action with what calling it needs; headers stay sealed until the call. */
export type CallableAction = { action: CapabilityActionRow; capability: CapabilityRow }

async function findOne(
  db: Queryable,
  where: ReturnType<typeof and>,
): Promise<CallableAction | null> {
  const [row] = await db
    .select({ action: capabilityActions, capability: capabilities })
    .from(capabilityActions)
    .innerJoin(capabilities, eq(capabilities.id, capabilityActions.capabilityId))
    .where(where)
    .limit(1)
  return row ?? null
}

/** By id, only within the organization: another organization's action does not exist here. */
export function findActionById(
  db: Queryable,
  organizationId: string,
  actionId: string,
): Promise<CallableAction | null> {
  return findOne(
    db,
    and(eq(capabilityActions.id, actionId), eq(capabilityActions.organizationId, organizationId)),
  )
}

/** By `<capability>.<action>`, the name the action registry knows it by. */
export function findActionByName(
  db: Queryable,
  organizationId: string,
  capabilityName: string,
  actionName: string,
): Promise<CallableAction | null> {
  return findOne(
    db,
    and(
      eq(capabilities.organizationId, organizationId),
      eq(capabilities.name, capabilityName),
      eq(capabilityActions.name, actionName),
    ),
  )
}

export async function unsealHeaders(
  secrets: Secrets,
  capability: CapabilityRow,
): Promise<Record<string, string>> {
  if (!capability.sealedHeaders) return {}
  return JSON.parse(await secrets.decrypt(capability.sealedHeaders)) as Record<string, string>
}

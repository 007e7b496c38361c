import type { MembershipRole } from '../../db/schema/index.ts'
import { forbidden, notFound } from '../platform/errors.ts'

export type ActorMembership = {
  organizationId: string
  tenantId: number
  organizationName: string
  role: MembershipRole
}

/** The authenticated principal: a person by JWT, or a machine by API key acting for its creator in one organization. */
export type Actor = {
  userId: string
  email: string
  userCreatedAt: Date
  via: 'jwt' | 'api_key'
  apiKeyId?: string
  memberships: ActorMembership[]
}

const RANK: Record<MembershipRole, number> = { member: 1, admin: 2, owner: 3 }

/**
 * The actor's membership in an organization, or 404 when there is none: another organization's
 * objects are indistinguishable from missing ones. Too low a role is a 403.
 */
export function requireMembership(
  actor: Actor,
  organizationId: string,
  atLeast: MembershipRole = 'member',
): ActorMembership {
  const membership = actor.memberships.find((m) => m.organizationId === organizationId)
  if (!membership) throw notFound('Organization not found')
  if (RANK[membership.role] < RANK[atLeast]) throw forbidden()
  return membership
}

/** The organization a request acts in when it does not name one: an API key's, or the user's first. */
export function primaryMembership(actor: Actor): ActorMembership {
  const first = actor.memberships[0]
  if (!first) throw forbidden('You are not a member of any organization')
  return first
}

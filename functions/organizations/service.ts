import { asc, eq, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../db/database.ts'
import {
  type MembershipRole,
  memberships,
  type OrganizationRow,
  organizations,
  signupTenantIds,
} from '../../db/schema/index.ts'
import type { ActorMembership } from '../auth/actor.ts'
import type { Services } from '../platform/services.ts'

type Deps = Pick<Services, 'ids' | 'clock'>

/** A sign-up organization takes the next tenant id from 1,000,000 up (see the sequence's comment). */
export async function createSignupOrganization(
  tx: Queryable,
  deps: Deps,
  input: { name: string; ownerUserId: string },
): Promise<OrganizationRow> {
  const [organization] = await tx
    .insert(organizations)
    .values({
      id: deps.ids.uuid(),
      tenantId: sql`nextval(${signupTenantIds.seqName})`,
      name: input.name,
      createdAt: deps.clock.now(),
    })
    .returning()
  if (!organization) throw new Error('Organization insert returned nothing')
  await addMember(tx, deps, {
    organizationId: organization.id,
    userId: input.ownerUserId,
    role: 'owner',
  })
  return organization
}

export async function addMember(
  tx: Queryable,
  deps: Deps,
  input: { organizationId: string; userId: string; role: MembershipRole },
): Promise<void> {
  await tx
    .insert(memberships)
    .values({ ...input, createdAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: [memberships.organizationId, memberships.userId],
      set: { role: input.role },
    })
}

/** The user's memberships, oldest first, so "the user's first organization" is stable. */
export async function listMemberships(db: Database, userId: string): Promise<ActorMembership[]> {
  const rows = await db
    .select({
      organizationId: organizations.id,
      tenantId: organizations.tenantId,
      organizationName: organizations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.tenantId))
  return rows
}

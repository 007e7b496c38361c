import { asc, eq, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../db/database.ts'
import {
  type MembershipRole,
  memberships,
  type OrganizationRow,
  organizations,
  signupTenantIds,
  users,
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

export type UserWithMemberships = {
  id: string
  email: string
  createdAt: Date
  memberships: ActorMembership[]
}

/** The user and all their memberships in one round trip: this runs on every authenticated request. */
export async function loadUserWithMemberships(
  db: Database,
  userId: string,
): Promise<UserWithMemberships | null> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      createdAt: users.createdAt,
      organizationId: organizations.id,
      tenantId: organizations.tenantId,
      organizationName: organizations.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(users.id, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.tenantId))
  const first = rows[0]
  if (!first) return null
  const joined = rows.flatMap((row) =>
    row.organizationId !== null &&
    row.tenantId !== null &&
    row.organizationName !== null &&
    row.role !== null
      ? [
          {
            organizationId: row.organizationId,
            tenantId: row.tenantId,
            organizationName: row.organizationName,
            role: row.role,
          },
        ]
      : [],
  )
  return { id: first.id, email: first.email, createdAt: first.createdAt, memberships: joined }
}

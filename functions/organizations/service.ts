import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm'
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

/**
 * The organization of a config-repository or system tenant (ids below 1,000,000), created the first
 * time the tenant is synced; sign-up organizations never take such ids.
 */
export async function ensureTenantOrganization(
  tx: Queryable,
  deps: Deps,
  input: { tenantId: number; name: string },
): Promise<OrganizationRow> {
  await tx
    .insert(organizations)
    .values({
      id: deps.ids.uuid(),
      tenantId: input.tenantId,
      name: input.name,
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing({ target: organizations.tenantId })
  const [organization] = await tx
    .select()
    .from(organizations)
    .where(eq(organizations.tenantId, input.tenantId))
  if (!organization) throw new Error('Organization upsert returned nothing')
  return organization
}

/**
 * Makes exactly the registered users among `emails` admins of the organization: those listed become
 * admins (an owner stays owner), admins no longer listed lose their membership. Returns the emails
 * that matched no user.
 */
export async function syncOrganizationAdmins(
  tx: Queryable,
  deps: Deps,
  input: { organizationId: string; emails: string[] },
): Promise<string[]> {
  const wanted = [...new Set(input.emails.map((email) => email.toLowerCase()))]
  const found =
    wanted.length === 0
      ? []
      : await tx
          .select({ id: users.id, email: sql<string>`lower(${users.email})` })
          .from(users)
          .where(inArray(sql`lower(${users.email})`, wanted))
  const ids = found.map((user) => user.id)
  const staleAdmins = and(
    eq(memberships.organizationId, input.organizationId),
    eq(memberships.role, 'admin'),
    ...(ids.length > 0 ? [notInArray(memberships.userId, ids)] : []),
  )
  await tx.delete(memberships).where(staleAdmins)
  if (ids.length > 0) {
    await tx
      .insert(memberships)
      .values(
        ids.map((userId) => ({
          organizationId: input.organizationId,
          userId,
          role: 'admin' as const,
          createdAt: deps.clock.now(),
        })),
      )
      .onConflictDoUpdate({
        target: [memberships.organizationId, memberships.userId],
        set: { role: 'admin' },
        setWhere: eq(memberships.role, 'member'),
      })
  }
  const matched = new Set(found.map((user) => user.email))
  return wanted.filter((email) => !matched.has(email))
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

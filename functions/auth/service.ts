import { eq, sql } from 'drizzle-orm'
import { users } from '../../db/schema/index.ts'
import { withTransaction } from '../../db/transaction.ts'
import { actorForApiKey } from '../organizations/api-keys.ts'
import { createSignupOrganization, loadUserWithMemberships } from '../organizations/service.ts'
import { conflict, HttpError } from '../platform/errors.ts'
import type { Services } from '../platform/services.ts'
import type { Actor } from './actor.ts'
import { isApiKey } from './api-key-format.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { issueAccessToken, verifyAccessToken } from './tokens.ts'

const normaliseEmail = (email: string) => email.trim().toLowerCase()

async function tokenFor(services: Services, userId: string) {
  return issueAccessToken(
    userId,
    services.jwtSecret,
    services.clock.now(),
    services.env.JWT_TTL_SECONDS,
  )
}

/** Creates the user, their organization (as owner) and a token, all or nothing. */
export async function register(
  services: Services,
  input: { email: string; password: string; organizationName?: string },
) {
  const email = normaliseEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  const { user, organization } = await withTransaction(services.db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ id: services.ids.uuid(), email, passwordHash, createdAt: services.clock.now() })
      .onConflictDoNothing()
      .returning()
    if (!user) throw conflict('Email already registered')
    const name = input.organizationName?.trim() || `${email.split('@')[0]}'s organization`
    const organization = await createSignupOrganization(tx, services, {
      name,
      ownerUserId: user.id,
    })
    return { user, organization }
  })
  return { user, organization, accessToken: await tokenFor(services, user.id) }
}

export async function login(services: Services, input: { email: string; password: string }) {
  const [user] = await services.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(input.email)))
  // Hash even for an unknown email so response time does not reveal which emails exist.
  const valid = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await hashPassword(input.password).then(() => false)
  if (!user || !valid) {
    throw new HttpError(401, 'Incorrect email or password', { 'WWW-Authenticate': 'Bearer' })
  }
  return { accessToken: await tokenFor(services, user.id) }
}

/** The actor for a bearer credential (JWT or API key), or null when it is not valid. */
export async function authenticate(services: Services, credential: string): Promise<Actor | null> {
  if (isApiKey(credential)) return actorForApiKey(services, credential)
  const userId = await verifyAccessToken(credential, services.jwtSecret)
  if (!userId) return null
  const user = await loadUserWithMemberships(services.db, userId)
  if (!user) return null
  return {
    userId,
    email: user.email,
    userCreatedAt: user.createdAt,
    via: 'jwt',
    memberships: user.memberships,
  }
}

import { z } from '@hono/zod-openapi'
import { membershipRoles } from '../../db/schema/index.ts'
import { IsoDateTime } from '../platform/openapi.ts'

export const UserSchema = z
  .object({ id: z.uuid(), email: z.email(), created_at: IsoDateTime })
  .openapi('User')

export const OrganizationSchema = z
  .object({
    id: z.uuid(),
    tenant_id: z.number().int().openapi({ example: 1_000_000 }),
    name: z.string(),
    role: z.enum(membershipRoles),
  })
  .openapi('Organization')

const password = z.string().min(8, 'must be at least 8 characters').max(128)

export const RegisterRequestSchema = z
  .object({
    email: z.email(),
    password,
    organization_name: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('RegisterRequest')

export const LoginJsonSchema = z
  .object({ email: z.email(), password: z.string().min(1) })
  .openapi('LoginRequest')

/** OAuth2 password flow form, as FastAPI's OAuth2PasswordRequestForm reads it. */
export const LoginFormSchema = z
  .object({
    username: z.string().min(1),
    password: z.string().min(1),
    grant_type: z.literal('password').optional(),
    scope: z.string().optional(),
  })
  .openapi('LoginForm')

export const TokenSchema = z
  .object({ access_token: z.string(), token_type: z.literal('bearer') })
  .openapi('Token')

export const RegisterResponseSchema = z
  .object({
    user: UserSchema,
    organization: OrganizationSchema,
    access_token: z.string(),
    token_type: z.literal('bearer'),
  })
  .openapi('RegisterResponse')

export const MeResponseSchema = z
  .object({
    user: UserSchema,
    organizations: z.array(OrganizationSchema),
    auth: z.object({ method: z.enum(['jwt', 'api_key']), api_key_id: z.uuid().nullable() }),
  })
  .openapi('Me')

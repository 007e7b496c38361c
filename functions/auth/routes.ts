import { createRoute } from '@hono/zod-openapi'
import { validationError } from '../platform/errors.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import { requireActor } from './middleware.ts'
import {
  LoginFormSchema,
  LoginJsonSchema,
  MeResponseSchema,
  RegisterRequestSchema,
  RegisterResponseSchema,
  TokenSchema,
} from './schema.ts'
import { login, register } from './service.ts'

const tags = ['Auth']

const registerRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/register',
  tags,
  operationId: 'register',
  summary: 'Create an account and its organization',
  security: [],
  request: {
    body: { required: true, content: { 'application/json': { schema: RegisterRequestSchema } } },
  },
  responses: { 201: json(RegisterResponseSchema, 'Account created'), ...errorResponses(409) },
})

const loginRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  tags,
  operationId: 'login',
  summary: 'Exchange email and password for an access token',
  description:
    'Accepts JSON `{email, password}` or an OAuth2 password form (`username`, `password`).',
  security: [],
  request: {
    body: {
      // Not `required: true`: with two media types the library would then run both validators.
      required: false,
      content: {
        'application/json': { schema: LoginJsonSchema },
        'application/x-www-form-urlencoded': { schema: LoginFormSchema },
        'multipart/form-data': { schema: LoginFormSchema },
      },
    },
  },
  responses: { 200: json(TokenSchema, 'Access token'), ...errorResponses(401) },
})

const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/auth/me',
  tags,
  operationId: 'me',
  summary: 'The caller, their organizations and roles',
  security: bearerSecurity,
  middleware: [requireActor] as const,
  responses: { 200: json(MeResponseSchema, 'The caller'), ...errorResponses(401) },
})

export const authRoutes = createRouter()
  .openapi(registerRoute, async (c) => {
    const body = c.req.valid('json')
    const result = await register(c.var.services, {
      email: body.email,
      password: body.password,
      organizationName: body.organization_name,
    })
    return c.json(
      {
        user: {
          id: result.user.id,
          email: result.user.email,
          created_at: result.user.createdAt.toISOString(),
        },
        organization: {
          id: result.organization.id,
          tenant_id: result.organization.tenantId,
          name: result.organization.name,
          role: 'owner' as const,
        },
        access_token: result.accessToken,
        token_type: 'bearer' as const,
      },
      201,
    )
  })
  .openapi(loginRoute, async (c) => {
    const contentType = c.req.header('Content-Type') ?? ''
    if (!contentType)
      throw validationError([{ loc: ['body'], msg: 'Field required', type: 'missing' }])
    const body = contentType.includes('json') ? c.req.valid('json') : c.req.valid('form')
    const email = 'username' in body ? body.username : body.email
    const { accessToken } = await login(c.var.services, { email, password: body.password })
    return c.json({ access_token: accessToken, token_type: 'bearer' as const }, 200)
  })
  .openapi(meRoute, async (c) => {
    const actor = c.var.actor
    return c.json(
      {
        user: {
          id: actor.userId,
          email: actor.email,
          created_at: actor.userCreatedAt.toISOString(),
        },
        organizations: actor.memberships.map((m) => ({
          id: m.organizationId,
          tenant_id: m.tenantId,
          name: m.organizationName,
          role: m.role,
        })),
        auth: { method: actor.via, api_key_id: actor.apiKeyId ?? null },
      },
      200,
    )
  })

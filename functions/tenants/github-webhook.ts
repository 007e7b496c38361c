import { createRoute, z } from '@hono/zod-openapi'
import { badRequest, HttpError } from '../platform/errors.ts'
import { createRouter, errorResponses, json } from '../platform/openapi.ts'
import type { Services } from '../platform/services.ts'
import { verifyGithubSignature } from './github-signature.ts'
import { changedTenants } from './sync-service.ts'

const AcceptedSchema = z
  .object({
    status: z.enum(['accepted', 'ignored', 'pong']),
    detail: z.string().optional(),
    commit: z.string().optional(),
    tenants: z.array(z.number().int()).optional(),
  })
  .openapi('GithubWebhookResult')

const route = createRoute({
  method: 'post',
  path: '/webhooks/github',
  tags: ['Webhooks'],
  operationId: 'githubWebhook',
  summary: 'GitHub push: sync the tenants whose files changed',
  description:
    'Verifies `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with GITHUB_WEBHOOK_SECRET) before reading anything. `ping` answers 200; `push` to TENANT_REPO_REF enqueues one tenant-sync job per changed tenant and answers 202.',
  security: [],
  responses: {
    200: json(AcceptedSchema, 'Ping answered, or a push that changes nothing here'),
    202: json(AcceptedSchema, 'Tenant syncs queued'),
    ...errorResponses(400, 401),
  },
})

type Commit = { added?: unknown; modified?: unknown; removed?: unknown }
type PushPayload = {
  ref?: unknown
  after?: unknown
  repository?: { full_name?: unknown }
  commits?: Commit[]
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

function parsePush(rawBody: string): PushPayload {
  try {
    const parsed = JSON.parse(rawBody) as unknown
    if (typeof parsed === 'object' && parsed !== null) return parsed as PushPayload
  } catch {
    // Reported below.
  }
  throw badRequest('Body is not a JSON object')
}

async function enqueuePush(services: Services, push: PushPayload) {
  const { env } = services
  const repository = push.repository?.full_name
  if (env.TENANT_REPO && repository !== env.TENANT_REPO) {
    throw badRequest(`Push is for ${String(repository)}, but TENANT_REPO is ${env.TENANT_REPO}`)
  }
  const commit = typeof push.after === 'string' ? push.after : ''
  if (push.ref !== `refs/heads/${env.TENANT_REPO_REF}` || /^0+$/.test(commit)) {
    return {
      status: 'ignored' as const,
      detail: `Only pushes to ${env.TENANT_REPO_REF} are synced`,
    }
  }
  const paths = new Set(
    (push.commits ?? []).flatMap((c) => [
      ...strings(c.added),
      ...strings(c.modified),
      ...strings(c.removed),
    ]),
  )
  const changes = changedTenants([...paths], (path, reason) =>
    services.log.warn('github.path_ignored', { path, reason }),
  )
  for (const [tenantId, blocks] of changes) {
    await services.queue.publish(
      'tenant-sync',
      { tenant_id: tenantId, commit, blocks },
      { deduplicationId: `tenant-sync:${tenantId}:${commit}` },
    )
  }
  const tenants = [...changes.keys()]
  if (tenants.length === 0) {
    return { status: 'ignored' as const, detail: 'No tenant files changed', commit }
  }
  return { status: 'accepted' as const, commit, tenants }
}

export const githubWebhookRoutes = createRouter().openapi(route, async (c) => {
  const services = c.var.services
  const secret = services.env.GITHUB_WEBHOOK_SECRET
  const rawBody = await c.req.text()
  if (!secret) throw new HttpError(401, 'GITHUB_WEBHOOK_SECRET is not set; deliveries are refused')
  if (!(await verifyGithubSignature(secret, rawBody, c.req.header('X-Hub-Signature-256')))) {
    throw new HttpError(401, 'Invalid or missing X-Hub-Signature-256')
  }
  const event = c.req.header('X-GitHub-Event') ?? ''
  if (event === 'ping') return c.json({ status: 'pong' as const }, 200)
  if (event !== 'push') throw badRequest(`Event "${event}" is not handled; only push and ping are`)
  const result = await enqueuePush(services, parsePush(rawBody))
  return result.status === 'accepted' ? c.json(result, 202) : c.json(result, 200)
})

import type { Context } from 'hono'
import { requestId } from 'hono/request-id'
import type { TopicRouter } from '../workflows/topic.ts'
import { actionRoutes } from './actions/routes.ts'
import { authRoutes } from './auth/routes.ts'
import { telegramWebhookRoutes } from './bots/webhook-route.ts'
import { organizationRoutes } from './organizations/routes.ts'
import { executionRoutes } from './pipelines/execution-routes.ts'
import { pipelineRoutes } from './pipelines/routes.ts'
import type { App, AppEnv } from './platform/context.ts'
import { renderError } from './platform/errors.ts'
import { createRouter } from './platform/openapi.ts'
import type { Services } from './platform/services.ts'
import { simulateRoutes } from './scenarios/simulate/routes.ts'
import { capabilityRoutes } from './services/routes.ts'
import { docsPage } from './system/docs-page.ts'
import { queueDeliveryHandler } from './system/queue-delivery.ts'
import { systemRoutes } from './system/routes.ts'
import { githubWebhookRoutes } from './tenants/github-webhook.ts'
import { tenantRoutes } from './tenants/routes.ts'

export type ServicesScope = { services: Services; release?: () => Promise<void> }

export type AppDeps = {
  /** Node: the same long-lived services every time. Workers: fresh clients per request. */
  services: (c: Context<AppEnv>) => ServicesScope | Promise<ServicesScope>
  topics: TopicRouter
  /** Where the docs page loads Swagger UI from. */
  docsAssetsUrl: string
  version: string
}

export const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'Relay API',
    description:
      'Multi-tenant automation platform: Telegram bot scenarios, copilot pipelines of HTTP services, and AI agents.',
  },
}

/** One OpenAPIHono app: middleware, every feature's routes, the generated spec and the docs. */
export function createApp(deps: AppDeps): App {
  const app = createRouter()

  app.use(requestId({ headerName: 'X-Request-Id' }))
  app.use(async (c, next) => {
    const scope = await deps.services(c)
    c.set('services', scope.services)
    try {
      await next()
    } finally {
      if (scope.release) {
        const release = scope.release().catch(() => {})
        try {
          c.executionCtx.waitUntil(release)
        } catch {
          await release
        }
      }
    }
  })

  app.route('/', systemRoutes)
  app.route('/', authRoutes)
  app.route('/', organizationRoutes)
  app.route('/', actionRoutes)
  app.route('/', capabilityRoutes)
  app.route('/', pipelineRoutes)
  app.route('/', executionRoutes)
  app.route('/', tenantRoutes)
  app.route('/', simulateRoutes)
  app.route('/', githubWebhookRoutes)
  app.route('/', telegramWebhookRoutes)

  app.post('/queue/:topic', queueDeliveryHandler(deps.topics))

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A JWT from /api/v1/auth/login, or an API key (rk_…).',
  })
  const document = () => openApiDocument(app, deps.version)
  app.get('/openapi.json', (c) => c.json(document()))
  app.get('/docs', (c) => c.html(docsPage(deps.docsAssetsUrl, '/openapi.json')))

  app.notFound((c) => c.json({ detail: 'Not Found' }, 404))
  app.onError((error, c) => renderError(error, c, c.var.services?.log ?? consoleLogger))
  return app
}

const consoleLogger = {
  debug() {},
  info() {},
  warn() {},
  error: (event: string, fields?: Record<string, unknown>) => console.error(event, fields),
}

export function openApiDocument(app: App, version: string) {
  return app.getOpenAPIDocument({ ...OPENAPI_INFO, info: { ...OPENAPI_INFO.info, version } })
}

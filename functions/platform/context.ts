import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Actor } from '../auth/actor.ts'
import type { Services } from './services.ts'

export type AppEnv = {
  Variables: {
    services: Services
    requestId: string
    actor: Actor
  }
}

export type App = OpenAPIHono<AppEnv>

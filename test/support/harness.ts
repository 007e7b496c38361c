import type { DatabaseHandle } from '../../db/database.ts'
import { createApp } from '../../functions/app.ts'
import { assembleServices } from '../../functions/platform/assemble-services.ts'
import type { Cache } from '../../functions/platform/cache/cache.ts'
import { MemoryCache } from '../../functions/platform/cache/memory-cache.ts'
import {
  type Clock,
  type IdSource,
  randomIds,
  systemClock,
} from '../../functions/platform/clock.ts'
import type { App } from '../../functions/platform/context.ts'
import { type Env, parseEnv } from '../../functions/platform/env.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { LocalQueue } from '../../functions/platform/queue/local-queue.ts'
import { LocalQueueWorker } from '../../functions/platform/queue/local-queue-worker.ts'
import type { Queue } from '../../functions/platform/queue/queue.ts'
import type { Services } from '../../functions/platform/services.ts'
import { VERSION } from '../../functions/platform/version.ts'
import { topics as productionTopics } from '../../workflows/index.ts'
import type { TopicRouter } from '../../workflows/topic.ts'
import { createTestDatabase, type DbBackend } from './backends.ts'

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-at-least-32-characters'
export const TEST_ENCRYPTION_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'

export type HarnessOptions = {
  backend?: DbBackend
  env?: Record<string, string>
  clock?: Clock
  ids?: IdSource
  cache?: Cache
  /** Replace the queue (e.g. QStash against a fake); the local outbox otherwise. */
  queue?: Queue
  verifyDelivery?: Services['verifyDelivery']
  topics?: TopicRouter
  /** Fast retries so tests do not wait out production backoff. */
  backoffMs?: number
}

export type Harness = {
  app: App
  services: Services
  env: Env
  database: DatabaseHandle
  worker: LocalQueueWorker
  topics: TopicRouter
  /** Runs queued jobs until nothing is due. */
  drain(): Promise<number>
  close(): Promise<void>
}

/** The whole app over a fresh database, with in-process adapters; outside systems are the test's to fake. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const env = parseEnv({
    JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...options.env,
  })
  const database = await createTestDatabase(options.backend ?? 'pglite')
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? randomIds
  const topics = options.topics ?? productionTopics
  let worker: LocalQueueWorker | undefined
  const queue =
    options.queue ??
    new LocalQueue({ db: database.db, clock, ids, onPublish: () => worker?.notify() })
  const services = await assembleServices({
    env,
    db: database.db,
    cache: options.cache ?? new MemoryCache(clock),
    queue,
    log: silentLogger,
    clock,
    ids,
    jwtSecret: TEST_JWT_SECRET,
    encryptionKey: TEST_ENCRYPTION_KEY,
    ...(options.verifyDelivery ? { verifyDelivery: options.verifyDelivery } : {}),
  })
  worker = new LocalQueueWorker({
    db: database.db,
    clock,
    log: silentLogger,
    dispatch: (topic, payload, meta) => topics.dispatch(services, topic, payload, meta),
    backoffMs: options.backoffMs ?? 10,
    maxBackoffMs: 100,
    pollMs: 50,
  })
  const app = createApp({
    services: () => ({ services }),
    topics,
    docsAssetsUrl: '/docs/assets',
    version: VERSION,
  })
  const activeWorker = worker
  return {
    app,
    services,
    env,
    database,
    worker: activeWorker,
    topics,
    drain: () => activeWorker.drain(),
    async close() {
      await activeWorker.stop()
      await database.close()
    },
  }
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies ad hoc and validate them with the contract's schemas
export type ResponseBody = any

type RequestOptions = {
  json?: unknown
  form?: Record<string, string>
  token?: string
  headers?: Record<string, string>
}

/** A request to the app as a client would send it. */
export async function call(app: App, method: string, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  const response = await app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  })
  const text = await response.text()
  let data: unknown = text
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    // Not JSON (the docs page): keep the text.
  }
  return { status: response.status, headers: response.headers, body: data as ResponseBody }
}

/** Registers a user and returns their token and organization. */
export async function signUp(
  app: App,
  email = `user${Math.random().toString(36).slice(2, 8)}@example.com`,
) {
  const response = await call(app, 'POST', '/api/v1/auth/register', {
    json: { email, password: 'correct horse battery' },
  })
  if (response.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(response.body)}`)
  const body = response.body
  return {
    email,
    token: body.access_token,
    organizationId: body.organization.id,
    tenantId: body.organization.tenant_id,
    userId: body.user.id,
  }
}

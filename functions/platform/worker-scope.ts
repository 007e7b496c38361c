import { createNeonDatabase } from '../../db/client-neon.ts'
import type { ServicesScope } from '../app.ts'
import { assembleServices, cacheFromEnv, qstashFromEnv } from './assemble-services.ts'
import { randomIds, systemClock } from './clock.ts'
import { ConfigError, type Env, parseEnv } from './env.ts'
import { HttpError } from './errors.ts'
import { createLogger } from './logger.ts'
import { LocalQueue } from './queue/local-queue.ts'

export type WorkerBindings = Record<string, unknown>

let parsed: { bindings: WorkerBindings; env: Env } | null = null

/** Bindings are fixed for an isolate's life, so they are validated once and the result reused. */
function envOf(bindings: WorkerBindings): Env {
  if (parsed?.bindings !== bindings) parsed = { bindings, env: parseEnv(bindings) }
  return parsed.env
}

const REQUIRED_ON_WORKERS = ['DATABASE_URL', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const

/**
 * Fresh I/O clients for one request or one cron run (Workers forbid sharing sockets across requests).
 * Without QStash the queue is the database outbox, drained by the cron trigger each minute.
 */
export async function createWorkerScope(
  bindings: WorkerBindings,
): Promise<ServicesScope & { release(): Promise<void> }> {
  let env: Env
  try {
    env = envOf(bindings)
    const missing = REQUIRED_ON_WORKERS.filter((name) => !env[name])
    if (missing.length > 0)
      throw new ConfigError(missing.map((name) => `${name}: required on Workers`))
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      throw new HttpError(500, 'Server is misconfigured')
    }
    throw error
  }
  const log = createLogger(env.LOG_LEVEL)
  const database = createNeonDatabase({
    connectionString: env.DATABASE_URL ?? '',
    ...(env.DATABASE_WS_PROXY ? { wsProxy: env.DATABASE_WS_PROXY } : {}),
  })
  const qstash = qstashFromEnv(env)
  const services = await assembleServices({
    env,
    db: database.db,
    cache: cacheFromEnv(env, systemClock),
    queue: qstash?.queue ?? new LocalQueue({ db: database.db, clock: systemClock, ids: randomIds }),
    log,
    jwtSecret: env.JWT_SECRET ?? '',
    encryptionKey: env.ENCRYPTION_KEY ?? '',
    ...(qstash ? { verifyDelivery: qstash.verifyDelivery } : {}),
  })
  return { services, release: () => database.close() }
}

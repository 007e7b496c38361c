import type { Database } from '../../db/database.ts'
import { createActionRegistry } from '../actions/catalog.ts'
import type { Cache } from './cache/cache.ts'
import { MemoryCache } from './cache/memory-cache.ts'
import { UpstashCache } from './cache/upstash-cache.ts'
import { type Clock, type IdSource, randomIds, systemClock } from './clock.ts'
import type { Env } from './env.ts'
import type { Logger } from './logger.ts'
import { createQStashVerifier, QStashQueue } from './queue/qstash-queue.ts'
import type { Queue } from './queue/queue.ts'
import { createSecrets, type Secrets } from './secrets.ts'
import type { Services } from './services.ts'
import { VERSION } from './version.ts'

const secretsByKey = new Map<string, Promise<Secrets>>()

/** Importing a CryptoKey is plain computation, so one per key is shared across requests. */
function secretsFor(key: string): Promise<Secrets> {
  let secrets = secretsByKey.get(key)
  if (!secrets) {
    secrets = createSecrets(key)
    secretsByKey.set(key, secrets)
  }
  return secrets
}

/** Upstash when configured, else an in-process cache (per process on Node, per isolate on Workers). */
export function cacheFromEnv(env: Env, clock: Clock): Cache {
  return env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
    ? new UpstashCache({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
    : new MemoryCache(clock)
}

/** QStash when configured (env validation guarantees its companions are set); otherwise the caller's local queue. */
export function qstashFromEnv(
  env: Env,
): { queue: Queue; verifyDelivery: Services['verifyDelivery'] } | null {
  if (
    !env.QSTASH_TOKEN ||
    !env.PUBLIC_BASE_URL ||
    !env.QSTASH_CURRENT_SIGNING_KEY ||
    !env.QSTASH_NEXT_SIGNING_KEY
  ) {
    return null
  }
  return {
    queue: new QStashQueue({
      baseUrl: env.QSTASH_URL,
      token: env.QSTASH_TOKEN,
      publicBaseUrl: env.PUBLIC_BASE_URL,
    }),
    verifyDelivery: createQStashVerifier({
      current: env.QSTASH_CURRENT_SIGNING_KEY,
      next: env.QSTASH_NEXT_SIGNING_KEY,
    }),
  }
}

export type ServiceParts = {
  env: Env
  db: Database
  cache: Cache
  queue: Queue
  log: Logger
  jwtSecret: string
  encryptionKey: string
  clock?: Clock
  ids?: IdSource
  verifyDelivery?: Services['verifyDelivery']
}

export async function assembleServices(parts: ServiceParts): Promise<Services> {
  return {
    env: parts.env,
    version: VERSION,
    db: parts.db,
    cache: parts.cache,
    queue: parts.queue,
    secrets: await secretsFor(parts.encryptionKey),
    jwtSecret: parts.jwtSecret,
    clock: parts.clock ?? systemClock,
    ids: parts.ids ?? randomIds,
    log: parts.log,
    actions: createActionRegistry(parts.log),
    ...(parts.verifyDelivery ? { verifyDelivery: parts.verifyDelivery } : {}),
  }
}

import type { Database } from '../../db/database.ts'
import type { ActionRegistry } from '../actions/registry.ts'
import type { Cache } from './cache/cache.ts'
import type { Clock, IdSource } from './clock.ts'
import type { Env } from './env.ts'
import type { Logger } from './logger.ts'
import type { Queue } from './queue/queue.ts'
import type { Secrets } from './secrets.ts'

/**
 * Everything a request or job needs, built by the entry (Node: once; Workers: per request, because
 * sockets cannot outlive the request that opened them) and passed down explicitly.
 */
export type Services = {
  env: Env
  version: string
  db: Database
  cache: Cache
  queue: Queue
  secrets: Secrets
  jwtSecret: string
  clock: Clock
  ids: IdSource
  log: Logger
  actions: ActionRegistry
  /** Verifies a QStash delivery; undefined where the queue is local (deliveries then stay in-process). */
  verifyDelivery?: (signature: string, rawBody: string, url: string) => Promise<boolean>
}

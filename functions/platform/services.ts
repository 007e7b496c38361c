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
  /** What only the Node entry can offer (a local folder, long polling); absent on Workers. */
  local?: LocalRuntime
}

/** Set by `npm start` after the services are built; tests set it the same way. */
export type LocalRuntime = {
  /** TENANT_CONFIG_DIR, read with node:fs: `tenant_<ID>/…` paths relative to the folder. */
  tenantFiles?: FileTree
  /** BOT_UPDATES=polling: one getUpdates loop per active bot, by internal bot_id. */
  botPolling?: BotPolling
}

export type FileTree = {
  list(): Promise<string[]>
  read(path: string): Promise<string>
}

export type BotPolling = {
  start(botId: number): Promise<void>
  stop(botId: number): Promise<void>
  isPolling(botId: number): boolean
}

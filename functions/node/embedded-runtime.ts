import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import ws from 'ws'
import { createNeonDatabase } from '../../db/client-neon.ts'
import { createPgliteDatabase } from '../../db/client-pglite.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { migrateNeon } from '../../db/migrate.ts'
import { topics } from '../../workflows/index.ts'
import { assembleServices, cacheFromEnv, qstashFromEnv } from '../platform/assemble-services.ts'
import { randomIds, systemClock } from '../platform/clock.ts'
import type { Env } from '../platform/env.ts'
import { createLogger, type Logger } from '../platform/logger.ts'
import { LocalQueue } from '../platform/queue/local-queue.ts'
import { LocalQueueWorker } from '../platform/queue/local-queue-worker.ts'
import type { Services } from '../platform/services.ts'
import { loadOrCreateLocalSecrets } from './local-secrets.ts'

export type Runtime = {
  services: Services
  worker: LocalQueueWorker | null
  database: DatabaseHandle
  stop(): Promise<void>
}

async function openDatabase(
  env: Env,
  log: Logger,
): Promise<{ handle: DatabaseHandle; embedded: boolean }> {
  if (env.DATABASE_URL) {
    const options = {
      connectionString: env.DATABASE_URL,
      webSocketConstructor: ws as unknown as typeof WebSocket,
      ...(env.DATABASE_WS_PROXY ? { wsProxy: env.DATABASE_WS_PROXY } : {}),
    }
    await migrateNeon(options)
    log.info('db.ready', { driver: 'neon' })
    return { handle: createNeonDatabase(options), embedded: false }
  }
  const directory = join(env.DATA_DIR, 'pglite')
  await mkdir(directory, { recursive: true })
  const handle = await createPgliteDatabase(directory)
  log.info('db.ready', { driver: 'pglite', directory })
  return { handle, embedded: true }
}

/** Builds the long-lived services of `npm start`: embedded defaults unless env names real services. */
export async function startRuntime(
  env: Env,
  log: Logger = createLogger(env.LOG_LEVEL),
): Promise<Runtime> {
  const secrets = await loadOrCreateLocalSecrets(env.DATA_DIR)
  const { handle, embedded } = await openDatabase(env, log)
  const clock = systemClock
  const qstash = qstashFromEnv(env)
  let worker: LocalQueueWorker | null = null
  const queue =
    qstash?.queue ??
    new LocalQueue({ db: handle.db, clock, ids: randomIds, onPublish: () => worker?.notify() })
  const services = await assembleServices({
    env,
    db: handle.db,
    cache: cacheFromEnv(env, clock),
    queue,
    log,
    clock,
    jwtSecret: env.JWT_SECRET ?? secrets.jwtSecret,
    encryptionKey: env.ENCRYPTION_KEY ?? secrets.encryptionKey,
    ...(qstash ? { verifyDelivery: qstash.verifyDelivery } : {}),
  })
  if (!qstash) {
    worker = new LocalQueueWorker({
      db: handle.db,
      clock,
      log,
      dispatch: (topic, payload, meta) => topics.dispatch(services, topic, payload, meta),
    })
    await worker.start({ exclusive: embedded })
  }
  return {
    services,
    worker,
    database: handle,
    async stop() {
      await worker?.stop()
      await handle.close()
    },
  }
}

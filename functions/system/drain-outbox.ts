import type { TopicRouter } from '../../workflows/topic.ts'
import { LocalQueueWorker } from '../platform/queue/local-queue-worker.ts'
import type { Services } from '../platform/services.ts'

/** On Workers without QStash, the cron trigger drains the database outbox; with QStash there is nothing to do. */
export async function drainOutbox(services: Services, topics: TopicRouter): Promise<number> {
  if (services.queue.kind !== 'local') return 0
  const worker = new LocalQueueWorker({
    db: services.db,
    clock: services.clock,
    log: services.log,
    dispatch: (topic, payload, meta) => topics.dispatch(services, topic, payload, meta),
  })
  return worker.drain()
}

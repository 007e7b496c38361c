import type { z } from 'zod'
import { type DeliveryMeta, PermanentJobError } from '../functions/platform/queue/queue.ts'
import type { Services } from '../functions/platform/services.ts'

/** One kind of queued work: its payload schema and the handler that does it. */
export type Topic<Payload = unknown> = {
  name: string
  payload: z.ZodType<Payload>
  handle(payload: Payload, services: Services, meta: DeliveryMeta): Promise<void>
}

export function defineTopic<Payload>(topic: Topic<Payload>): Topic {
  return topic as unknown as Topic
}

export type TopicRouter = {
  names(): string[]
  dispatch(services: Services, topic: string, payload: unknown, meta: DeliveryMeta): Promise<void>
}

/**
 * Routes a delivery to its topic's handler, local queue and QStash alike. An unknown topic or a payload
 * that fails its schema can never succeed, so it is a permanent failure rather than a retry.
 */
export function createTopicRouter(topics: Topic[]): TopicRouter {
  const byName = new Map(topics.map((topic) => [topic.name, topic]))
  return {
    names: () => [...byName.keys()],
    async dispatch(services, name, payload, meta) {
      const topic = byName.get(name)
      if (!topic) throw new PermanentJobError(`Unknown topic: ${name}`)
      const parsed = topic.payload.safeParse(payload)
      if (!parsed.success) {
        throw new PermanentJobError(
          `Invalid ${name} payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        )
      }
      await topic.handle(parsed.data, services, meta)
    },
  }
}

import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { TopicRouter } from '../../workflows/topic.ts'
import type { AppEnv } from '../platform/context.ts'
import { topicUrl } from '../platform/queue/qstash-queue.ts'
import { PermanentJobError } from '../platform/queue/queue.ts'

/**
 * `POST /queue/{topic}`: QStash's delivery. The signature is checked over the raw body before anything
 * is parsed. A handler failure answers 500 so QStash retries; a permanent one answers 489 with
 * `Upstash-NonRetryable-Error`, which tells QStash to stop.
 */
// QStash's status for "do not retry"; outside the standard range, so Hono's types need telling.
const NON_RETRYABLE = 489 as ContentfulStatusCode
const nonRetryable = { 'Upstash-NonRetryable-Error': 'true' }

export function queueDeliveryHandler(topics: TopicRouter) {
  return async (c: Context<AppEnv>) => {
    const services = c.var.services
    const topic = c.req.param('topic') ?? ''
    const signature = c.req.header('Upstash-Signature')
    const rawBody = await c.req.text()
    const baseUrl = services.env.PUBLIC_BASE_URL
    const verified =
      services.verifyDelivery !== undefined &&
      signature !== undefined &&
      baseUrl !== undefined &&
      (await services.verifyDelivery(signature, rawBody, topicUrl(baseUrl, topic)))
    if (!verified) return c.json({ detail: 'Invalid or missing Upstash-Signature' }, 401)

    let payload: unknown
    try {
      payload = rawBody === '' ? null : JSON.parse(rawBody)
    } catch {
      return c.json({ detail: 'Body is not JSON' }, NON_RETRYABLE, nonRetryable)
    }
    const meta = {
      topic,
      messageId: c.req.header('Upstash-Message-Id') ?? 'unknown',
      attempt: Number(c.req.header('Upstash-Retried') ?? '0') + 1,
    }
    try {
      await topics.dispatch(services, topic, payload, meta)
      return c.json({ status: 'done' }, 200)
    } catch (error) {
      if (error instanceof PermanentJobError) {
        services.log.error('queue.delivery_rejected', { topic, error })
        return c.json({ detail: error.message }, NON_RETRYABLE, nonRetryable)
      }
      services.log.warn('queue.delivery_failed', { topic, attempt: meta.attempt, error })
      return c.json({ detail: 'Job failed; it will be retried' }, 500)
    }
  }
}

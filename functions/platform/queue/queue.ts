export type PublishOptions = {
  delaySeconds?: number
  /** A second publish with the same id is a no-op (QStash keeps ids for a while; the outbox forever). */
  deduplicationId?: string
  /** Deliveries after the first one failed. */
  retries?: number
}

export type PublishResult = { messageId: string; deduplicated: boolean }

/** Where durable work goes: the database outbox embedded, QStash in production. */
export interface Queue {
  readonly kind: 'local' | 'qstash'
  publish(topic: string, payload: unknown, options?: PublishOptions): Promise<PublishResult>
  ping(): Promise<void>
}

export const DEFAULT_RETRIES = 3

/** What a topic handler learns about the delivery it is handling. */
export type DeliveryMeta = {
  topic: string
  messageId: string
  /** 1 for the first delivery. */
  attempt: number
}

/** Thrown by a handler when retrying cannot help (bad payload, unknown topic): the job is dropped. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentJobError'
  }
}

export type Dispatch = (topic: string, payload: unknown, meta: DeliveryMeta) => Promise<void>

import { Client, Receiver } from '@upstash/qstash'
import { DEFAULT_RETRIES, type PublishOptions, type PublishResult, type Queue } from './queue.ts'

export type QStashOptions = {
  baseUrl: string
  token: string
  /** Deliveries go to `{publicBaseUrl}/queue/{topic}`. */
  publicBaseUrl: string
}

export function topicUrl(publicBaseUrl: string, topic: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/queue/${encodeURIComponent(topic)}`
}

/** Publishes to QStash, which calls back `POST /queue/{topic}` with a signature. */
export class QStashQueue implements Queue {
  readonly kind = 'qstash'
  private readonly client: Client
  private readonly publicBaseUrl: string

  constructor(options: QStashOptions) {
    this.client = new Client({ baseUrl: options.baseUrl, token: options.token })
    this.publicBaseUrl = options.publicBaseUrl
  }

  async publish(
    topic: string,
    payload: unknown,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    const response = await this.client.publishJSON({
      url: topicUrl(this.publicBaseUrl, topic),
      body: payload ?? null,
      retries: options.retries ?? DEFAULT_RETRIES,
      ...(options.delaySeconds ? { delay: Math.ceil(options.delaySeconds) } : {}),
      ...(options.deduplicationId ? { deduplicationId: options.deduplicationId } : {}),
    })
    return { messageId: response.messageId, deduplicated: response.deduplicated ?? false }
  }

  async ping(): Promise<void> {
    // QStash has no ping endpoint; listing schedules is a cheap authenticated read.
    await this.client.schedules.list()
  }
}

/** Verifies `Upstash-Signature` over the raw body with the current key, then the next one. */
export function createQStashVerifier(keys: { current: string; next: string }) {
  const receiver = new Receiver({ currentSigningKey: keys.current, nextSigningKey: keys.next })
  return async (signature: string, rawBody: string, url: string): Promise<boolean> => {
    try {
      return await receiver.verify({ signature, body: rawBody, url, clockTolerance: 5 })
    } catch {
      return false
    }
  }
}

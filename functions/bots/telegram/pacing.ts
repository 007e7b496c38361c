/**
 * Telegram's flood limits as token buckets, per process (per isolate on Workers): about 30
 * messages a second per bot, one a second per chat with short bursts, and 20 a minute in a group.
 * A caller waits for its turn rather than being refused; 429s that still happen are retried by the
 * client with Telegram's `retry_after`.
 */

export type PacingLimits = {
  botPerSecond: number
  chatPerSecond: number
  chatBurst: number
  groupPerMinute: number
}

export const DEFAULT_PACING: PacingLimits = {
  botPerSecond: 30,
  chatPerSecond: 1,
  chatBurst: 3,
  groupPerMinute: 20,
}

type Bucket = { tokens: number; updatedAt: number; capacity: number; perMs: number }

/** Buckets idle long enough to be full again are forgotten, so the map stays small. */
const MAX_BUCKETS = 10_000

export class Pacer {
  private readonly buckets = new Map<string, Bucket>()
  private limits: PacingLimits
  private readonly now: () => number

  constructor(limits: PacingLimits = DEFAULT_PACING, now: () => number = () => performance.now()) {
    this.limits = limits
    this.now = now
  }

  configure(limits: Partial<PacingLimits>): void {
    this.limits = { ...this.limits, ...limits }
    this.buckets.clear()
  }

  /** Milliseconds to wait before a call for `botKey` (and `chatId`, when it sends to a chat) may go. */
  reserve(botKey: string, chatId?: number | string): number {
    const { botPerSecond, chatPerSecond, chatBurst, groupPerMinute } = this.limits
    let wait = this.take(`b:${botKey}`, botPerSecond, botPerSecond / 1000)
    if (chatId !== undefined) {
      wait = Math.max(wait, this.take(`c:${botKey}:${chatId}`, chatBurst, chatPerSecond / 1000))
      if (isGroup(chatId)) {
        wait = Math.max(
          wait,
          this.take(`g:${botKey}:${chatId}`, groupPerMinute, groupPerMinute / 60_000),
        )
      }
    }
    return wait
  }

  /** Takes one token, going into debt when empty; the debt is how long the caller must wait. */
  private take(key: string, capacity: number, perMs: number): number {
    const now = this.now()
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evict(now)
      bucket = { tokens: capacity, updatedAt: now, capacity, perMs }
      this.buckets.set(key, bucket)
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs)
    bucket.updatedAt = now
    bucket.tokens -= 1
    return bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / perMs)
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * bucket.perMs >= bucket.capacity) {
        this.buckets.delete(key)
      }
    }
  }
}

/** Group and supergroup ids are negative; channels too, and they share the group limit. */
function isGroup(chatId: number | string): boolean {
  return typeof chatId === 'number' ? chatId < 0 : chatId.startsWith('-') || chatId.startsWith('@')
}

/** The process-wide pacer every Telegram client shares. */
export const pacer = new Pacer()

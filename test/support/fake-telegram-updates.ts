import type { Update } from 'grammy/types'

/** An update as a test writes it: `update_id` is filled in when missing. */
export type UpdateInput = Omit<Update, 'update_id'> & { update_id?: number }

/** What Telegram delivers when a bot never set `allowed_updates`. */
const EXCLUDED_BY_DEFAULT = ['chat_member', 'message_reaction', 'message_reaction_count']

function kindOf(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown'
}

/** One bot's pending updates, served to getUpdates the way Telegram does. */
export class UpdateQueue {
  #updates: Update[] = []
  #nextId = 100_000
  #waiters = new Set<() => void>()
  /** Null means Telegram's default set; kept between calls, as Telegram does. */
  allowedUpdates: string[] | null = null

  push(input: UpdateInput): Update {
    const update = { ...input, update_id: input.update_id ?? this.#nextId } as Update
    this.#nextId = Math.max(this.#nextId, update.update_id + 1)
    this.#updates.push(update)
    this.#wake()
    return update
  }

  get pending(): readonly Update[] {
    return this.#updates
  }

  clear(): void {
    this.#updates = []
  }

  /** Releases every waiting long poll, e.g. when the server closes. */
  wakeAll(): void {
    this.#wake()
  }

  setAllowed(allowed: unknown): void {
    if (!Array.isArray(allowed)) return
    this.allowedUpdates = allowed.length === 0 ? null : allowed.map(String)
  }

  /** getUpdates: confirm by offset, drop kinds the bot did not ask for, long-poll when empty. */
  async take(offset: number, limit: number, waitMs: number): Promise<Update[]> {
    this.#confirm(offset)
    if (this.#deliverable().length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs)
        const waiters = this.#waiters
        function done() {
          clearTimeout(timer)
          waiters.delete(done)
          resolve()
        }
        waiters.add(done)
      })
    }
    return this.#deliverable().slice(0, Math.min(Math.max(limit, 1), 100))
  }

  #confirm(offset: number): void {
    if (offset > 0) this.#updates = this.#updates.filter((update) => update.update_id >= offset)
    else if (offset < 0) this.#updates = this.#updates.slice(offset)
  }

  #deliverable(): Update[] {
    const allowed = this.allowedUpdates
    // Telegram discards updates of kinds the bot did not subscribe to; they never come back.
    this.#updates = this.#updates.filter((update) => {
      const kind = kindOf(update)
      return allowed ? allowed.includes(kind) : !EXCLUDED_BY_DEFAULT.includes(kind)
    })
    return this.#updates
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter()
  }
}

/** Attempts of one step in all: the first call and two retries. */
export const MAX_ATTEMPTS = 3

/** A Retry-After answer is honoured up to this many base backoffs, so a step cannot stall for long. */
const RETRY_AFTER_CAP = 10

/** Wait before retry `attempt` + 1: exponential from the base, or longer if the upstream asks. */
export function retryWaitMs(
  attempt: number,
  backoffMs: number,
  retryAfterMs: number | null,
): number {
  const exponential = backoffMs * 2 ** (attempt - 1)
  const asked = retryAfterMs === null ? 0 : Math.min(retryAfterMs, backoffMs * RETRY_AFTER_CAP)
  return Math.max(exponential, asked)
}

export const maxWaitMs = (backoffMs: number) =>
  Math.max(backoffMs * 2 ** (MAX_ATTEMPTS - 2), backoffMs * RETRY_AFTER_CAP)

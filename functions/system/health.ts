import { sql } from 'drizzle-orm'
import type { Services } from '../platform/services.ts'

export type CheckResult = {
  status: 'ok' | 'error'
  kind?: string
  latency_ms: number
  error?: string
}

async function check(
  kind: string | undefined,
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = performance.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    clearTimeout(timer)
    return {
      status: 'ok',
      ...(kind ? { kind } : {}),
      latency_ms: Math.round(performance.now() - started),
    }
  } catch (error) {
    clearTimeout(timer)
    return {
      status: 'error',
      ...(kind ? { kind } : {}),
      latency_ms: Math.round(performance.now() - started),
      // Only the error's class of failure: a driver message may carry a connection string.
      error:
        error instanceof Error && /no answer/.test(error.message) ? error.message : 'unreachable',
    }
  }
}

/** Probes the database, cache and queue in parallel. */
export async function checkHealth(services: Services, timeoutMs = 3_000) {
  const [db, cache, queue] = await Promise.all([
    check(undefined, () => services.db.execute(sql`select 1`), timeoutMs),
    check(services.cache.kind, () => services.cache.ping(), timeoutMs),
    check(services.queue.kind, () => services.queue.ping(), timeoutMs),
  ])
  const healthy = [db, cache, queue].every((result) => result.status === 'ok')
  return {
    status: healthy ? ('ok' as const) : ('degraded' as const),
    version: services.version,
    checks: { db, cache, queue },
  }
}

/** A small closed-loop load generator: `connections` clients issue requests back to back for `seconds`. */
export type LoadResult = { requests: number; errors: number; rps: number; p50: number; p99: number }

export async function load(
  url: string,
  options: {
    seconds?: number
    connections?: number
    init?: RequestInit
    /** A fresh request each time (e.g. a new Telegram update_id); wins over `init`. */
    request?: () => RequestInit
  } = {},
): Promise<LoadResult> {
  const seconds = options.seconds ?? 5
  const connections = options.connections ?? 16
  const latencies: number[] = []
  let errors = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now()
        try {
          const response = await fetch(url, options.request ? options.request() : options.init)
          await response.arrayBuffer()
          if (!response.ok) errors += 1
        } catch {
          errors += 1
        }
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  }
}

export function formatLoad(name: string, result: LoadResult): string {
  return `${name.padEnd(44)} ${result.rps.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2).padStart(7)} ms   p99 ${result.p99.toFixed(2).padStart(7)} ms${result.errors ? `   errors ${result.errors}` : ''}`
}

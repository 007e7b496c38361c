import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatLoad, load } from './load.ts'

async function waitHealthy(base: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`${base} did not become healthy`)
}

async function withServer<T>(
  script: string,
  port: number,
  work: (base: string) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-bench-'))
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  })
  const base = `http://127.0.0.1:${port}`
  try {
    return await work(base)
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Time from `npm start` (the Node entry) on an empty DATA_DIR to its first healthy answer. */
export async function benchStartup(): Promise<string[]> {
  const started = performance.now()
  const ms = await withServer('functions/node.ts', 18_790, async (base) => {
    await waitHealthy(base)
    return performance.now() - started
  })
  return [
    `${'start → first healthy /health (fresh DATA_DIR)'.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms`,
  ]
}

/** Requests per second and latency: bare Hono, /health, and an authenticated route, same process. */
export async function benchHttp(seconds: number): Promise<string[]> {
  return withServer('test/bench/server.ts', 18_791, async (base) => {
    await waitHealthy(base)
    const registered = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse' }),
    })
    const { access_token: token } = (await registered.json()) as { access_token: string }
    const auth = { headers: { Authorization: `Bearer ${token}` } }
    await load(`${base}/__bare`, { seconds: 1 })
    return [
      formatLoad('bare Hono route (same process)', await load(`${base}/__bare`, { seconds })),
      formatLoad(
        'GET /health (db + cache + queue probes)',
        await load(`${base}/health`, { seconds }),
      ),
      formatLoad(
        'GET /api/v1/auth/me (JWT + 1 query)',
        await load(`${base}/api/v1/auth/me`, { seconds, init: auth }),
      ),
    ]
  })
}

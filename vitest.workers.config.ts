import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

type Bridges = {
  wsProxy: string
  databaseUrl: string | null
  redis: { url: string; token: string } | null
}

/** Starts the Node-side protocol bridges (see test/support/bridges-main.ts); they die with this process. */
async function startBridges(): Promise<Bridges> {
  const child = spawn(process.execPath, ['test/support/bridges-main.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  })
  const lines = createInterface({ input: child.stdout })
  const first = await lines[Symbol.asyncIterator]().next()
  lines.close()
  // Keep nothing open on our side: the child notices its stdin closing when vitest exits and cleans up.
  child.stdout.destroy()
  child.unref()
  ;(child.stdin as unknown as { unref(): void }).unref()
  process.on('exit', () => child.kill('SIGTERM'))
  return JSON.parse(String(first.value ?? '{}')) as Bridges
}

const bridges = process.env.TEST_DATABASE_URL ? await startBridges() : null

// The Worker refuses to start without these; an unreachable database stands in when no real one is given.
const bindings: Record<string, string> = {
  JWT_SECRET: 'workerd-test-jwt-secret-at-least-32-characters',
  ENCRYPTION_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  DATABASE_URL: bridges?.databaseUrl ?? 'postgres://nobody@127.0.0.1:9/none',
  ...(bridges ? { DATABASE_WS_PROXY: bridges.wsProxy } : {}),
  ...(bridges?.redis
    ? { UPSTASH_REDIS_REST_URL: bridges.redis.url, UPSTASH_REDIS_REST_TOKEN: bridges.redis.token }
    : {}),
  REAL_SERVICES: bridges?.databaseUrl ? 'yes' : 'no',
}

export default defineConfig({
  plugins: [
    cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings } }),
  ],
  test: { include: ['test/workerd/**/*.test.ts'], testTimeout: 30_000 },
})

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { formatLoad, load } from './load.ts'

type Ready = { path: string; secret: string; grammySecret: string }

let nextUpdate = 1

/** A `/start` from a different user each time, as many people pressing Start at once. */
function startUpdate(secret: string): RequestInit {
  const id = nextUpdate++
  const user = 100_000 + id
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user, type: 'private', first_name: 'Ann' },
        from: { id: user, is_bot: false, first_name: 'Ann' },
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    }),
  }
}

/** Starts a Node script, hands its first stdout line (JSON) to `work`, and stops it after. */
async function withChild<T>(
  script: string,
  env: Record<string, string>,
  work: (first: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    // stdin stays open: the bridges process exits when it closes.
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  try {
    if (!child.stdout) throw new Error(`no stdout from ${script}`)
    const lines = createInterface({ input: child.stdout })
    const first = await lines[Symbol.asyncIterator]().next()
    lines.close()
    return await work(JSON.parse(String(first.value)) as Record<string, unknown>)
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
}

async function measure(label: string, env: Record<string, string>, seconds: number) {
  const port = 18_792
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-bench-tg-'))
  try {
    const server = { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' }
    return await withChild('test/bench/telegram-server.ts', server, async (first) => {
      const ready = first as unknown as Ready
      const base = `http://127.0.0.1:${port}`
      const relay = `${base}${ready.path}`
      const grammy = `${base}/__grammy`
      await load(relay, { seconds: 1, request: () => startUpdate(ready.secret) })
      await load(grammy, { seconds: 1, request: () => startUpdate(ready.grammySecret) })
      return [
        formatLoad(
          `Telegram /start → scenario reply (Relay, ${label})`,
          await load(relay, { seconds, request: () => startUpdate(ready.secret) }),
        ),
        formatLoad(
          'Telegram /start → reply (bare grammY)',
          await load(grammy, { seconds, request: () => startUpdate(ready.grammySecret) }),
        ),
      ]
    })
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

/**
 * Telegram webhook throughput for a `/start` scenario that replies with an inline keyboard (record,
 * dedupe, normalize, user upsert, trigger match, send_message to a fake Bot API), beside a bare grammY
 * webhook sending the same reply from the same process. With TEST_DATABASE_URL, again on PostgreSQL
 * (through the Neon driver and the test WebSocket bridge).
 */
export async function benchTelegram(seconds: number): Promise<string[]> {
  const lines = await measure('PGlite', {}, seconds)
  if (process.env.TEST_DATABASE_URL) {
    const onPostgres = await withChild('test/support/bridges-main.ts', {}, (bridges) =>
      measure(
        'PostgreSQL',
        {
          DATABASE_URL: String(bridges.databaseUrl),
          DATABASE_WS_PROXY: String(bridges.wsProxy),
        },
        seconds,
      ),
    )
    lines.push(...onPostgres)
  }
  lines.push(
    '  (16 connections, a new user per update; flood pacing lifted; the Relay path writes 3 rows per update)',
  )
  return lines
}

import { randomUUID } from 'node:crypto'
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import { neonConfig, Pool } from '@neondatabase/serverless'
import { eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/neon-serverless'
import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { configureNeonForLocal } from './neon-local.ts'
import { startWsTcpBridge, type WsTcpBridge } from './ws-tcp-bridge.ts'

const DATABASE_URL = process.env.TEST_DATABASE_URL

if (!DATABASE_URL) {
  console.warn(
    '\n!!! SKIPPED: test/support/ws-tcp-bridge.test.ts (neon Pool + drizzle suite) — ' +
      'TEST_DATABASE_URL is not set, so the bridge was NOT tested against a real PostgreSQL.\n' +
      '!!! Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (.ci/run does) to run it.\n',
  )
}

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

// Needs no services: a TCP echo server stands in for Postgres.
describe('ws→tcp bridge mechanics', () => {
  let echo: Server
  let echoPort: number
  const echoSockets = new Set<Socket>()
  let bridge: WsTcpBridge

  beforeAll(async () => {
    echo = createServer((socket) => {
      echoSockets.add(socket)
      socket.on('close', () => echoSockets.delete(socket))
      socket.on('error', () => {})
      socket.pipe(socket)
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    echoPort = (echo.address() as AddressInfo).port
    bridge = await startWsTcpBridge()
  })

  afterAll(async () => {
    await bridge.close()
    for (const socket of echoSockets) socket.destroy()
    await new Promise<void>((resolve) => echo.close(() => resolve()))
  })

  const open = (query = `?address=127.0.0.1:${echoPort}`) =>
    new WebSocket(`ws://127.0.0.1:${bridge.port}/v1${query}`)

  // Sends everything immediately (before the TCP side connects) and collects the echo.
  async function roundTrip(payload: Buffer): Promise<Buffer> {
    const ws = open()
    const received: Buffer[] = []
    let size = 0
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => {
        for (let i = 0; i < payload.length; i += 64 * 1024) ws.send(payload.subarray(i, i + 65536))
      })
      ws.on('message', (data: Buffer) => {
        received.push(data)
        size += data.length
        if (size >= payload.length) resolve()
      })
      ws.on('error', reject)
      ws.on('close', () => reject(new Error('closed early')))
    })
    ws.close()
    return Buffer.concat(received)
  }

  test('many concurrent connections each get their own bytes back', async () => {
    const payloads = Array.from({ length: 100 }, (_, i) => Buffer.from(`conn-${i}-${randomUUID()}`))
    const echoed = await Promise.all(payloads.map(roundTrip))
    expect(echoed.map((b) => b.toString())).toEqual(payloads.map((b) => b.toString()))
    await waitFor(() => bridge.connectionCount() === 0)
  })

  test('a large payload survives back-pressure intact', async () => {
    const payload = Buffer.alloc(16 * 1024 * 1024)
    for (let i = 0; i < payload.length; i += 4) payload.writeUInt32LE(i, i)
    const echoed = await roundTrip(payload)
    expect(echoed.equals(payload)).toBe(true)
  })

  test('rejects a connection without a usable address', async () => {
    const code = await new Promise<number>((resolve) => {
      open('').on('close', (closeCode) => resolve(closeCode))
    })
    expect(code).toBe(1008)
  })

  test('closing the upstream closes the websocket', async () => {
    const ws = open()
    await new Promise((resolve) => ws.on('open', resolve))
    await waitFor(() => echoSockets.size > 0)
    const closed = new Promise<number>((resolve) => ws.on('close', resolve))
    for (const socket of echoSockets) socket.destroy()
    expect(await closed).toBe(1000)
  })

  test('close() tears down live connections and is idempotent', async () => {
    const own = await startWsTcpBridge()
    const clients = Array.from(
      { length: 5 },
      () => new WebSocket(`ws://127.0.0.1:${own.port}/v1?address=127.0.0.1:${echoPort}`),
    )
    await Promise.all(clients.map((ws) => new Promise((resolve) => ws.on('open', resolve))))
    await waitFor(() => own.connectionCount() === 5)
    const closed = clients.map((ws) => new Promise((resolve) => ws.on('close', resolve)))
    await Promise.all([own.close(), own.close()])
    await Promise.all(closed)
    expect(own.connectionCount()).toBe(0)
  })
})

describe.skipIf(!DATABASE_URL)('neon Pool + drizzle through the bridge (real PostgreSQL)', () => {
  // A real (not TEMP) table: a pool spreads queries over several sessions.
  const tableName = `bridge_test_${randomUUID().replaceAll('-', '')}`
  const items = pgTable(tableName, {
    id: serial('id').primaryKey(),
    email: text('email').notNull().unique(),
    qty: integer('qty').notNull().default(0),
  })
  let bridge: WsTcpBridge
  let pool: Pool
  let db: ReturnType<typeof drizzle>
  const poolErrors: Error[] = []

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('unreachable: suite is skipped without TEST_DATABASE_URL')
    bridge = await startWsTcpBridge()
    configureNeonForLocal(neonConfig, bridge.port)
    pool = new Pool({ connectionString: DATABASE_URL, max: 10 })
    // Idle clients emit 'error' when their socket drops (e.g. at shutdown); unhandled, it fails the run.
    pool.on('error', (error: Error) => poolErrors.push(error))
    db = drizzle({ client: pool })
    await db.execute(
      sql`create table ${sql.identifier(tableName)} (
        id serial primary key,
        email text not null unique,
        qty integer not null default 0
      )`,
    )
  })

  afterAll(async () => {
    try {
      if (db) await db.execute(sql`drop table if exists ${sql.identifier(tableName)}`)
    } finally {
      await pool?.end()
      await bridge?.close()
    }
  })

  test('runs a query', async () => {
    const result = await db.execute<{ sum: number; version: string }>(
      sql`select 1 + 1 as sum, version() as version`,
    )
    expect(result.rows[0]?.sum).toBe(2)
    expect(result.rows[0]?.version).toMatch(/^PostgreSQL/)
  })

  test('commits a transaction', async () => {
    await db.transaction(async (tx) => {
      await tx.insert(items).values([{ email: 'a@example.com' }, { email: 'b@example.com' }])
      await tx.update(items).set({ qty: 5 }).where(eq(items.email, 'a@example.com'))
    })
    const rows = await db.select().from(items).orderBy(items.email)
    expect(rows.map((r) => [r.email, r.qty])).toEqual([
      ['a@example.com', 5],
      ['b@example.com', 0],
    ])
  })

  test('rolls a transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(items).values({ email: 'rolled-back@example.com' })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    const rows = await db.select().from(items).where(eq(items.email, 'rolled-back@example.com'))
    expect(rows).toEqual([])
  })

  test('surfaces a unique violation as code 23505', async () => {
    await db.insert(items).values({ email: 'dup@example.com' })
    const error = await db
      .insert(items)
      .values({ email: 'dup@example.com' })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(Error)
    // drizzle wraps the driver error; the Postgres fields live on `cause`.
    const cause = (error as Error).cause as { code?: string; constraint?: string }
    expect(cause.code).toBe('23505')
    expect(cause.constraint).toBe(`${tableName}_email_key`)
  })

  test('serves many concurrent queries over several connections', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.execute<{ n: number }>(sql`select ${i}::int as n, pg_sleep(0.01)`),
      ),
    )
    expect(results.map((r) => r.rows[0]?.n)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(bridge.connectionCount()).toBeGreaterThan(1)
    expect(poolErrors).toEqual([])
  })
})

import { createServer } from 'node:http'
import { connect, type Socket } from 'node:net'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import { listenOnLoopback } from './loopback-server.ts'

/**
 * A local stand-in for Neon's WebSocket proxy: the neon serverless driver opens
 * `ws://127.0.0.1:PORT/v1?address=host:port` and speaks the raw Postgres wire
 * protocol over binary frames, which this bridge copies to and from a TCP socket.
 */
export type WsTcpBridge = {
  port: number
  /** Connections currently bridged (useful to assert that pools really closed). */
  connectionCount(): number
  /** Stops listening and tears down every open connection. Safe to call twice. */
  close(): Promise<void>
}

export type WsTcpBridgeOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Used when a client omits `?address=`. */
  defaultAddress?: string
}

// Postgres can stream large result sets faster than a slow client reads them;
// pausing the TCP side keeps memory bounded instead of buffering it all in ws.
const HIGH_WATER_MARK = 4 * 1024 * 1024

export async function startWsTcpBridge(options: WsTcpBridgeOptions = {}): Promise<WsTcpBridge> {
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket upgrade required\n')
  })
  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  const links = new Set<{ ws: WebSocket; tcp: Socket }>()

  wss.on('connection', (ws, req) => {
    const target = parseAddress(req.url ?? '', options.defaultAddress)
    if (!target) {
      ws.close(1008, 'missing or invalid ?address=host:port')
      return
    }
    const tcp = connect({ host: target.host, port: target.port })
    tcp.setNoDelay(true)
    const link = { ws, tcp }
    links.add(link)

    // Neon pipelines startup messages before the TCP connect completes, so
    // frames arriving early are queued rather than dropped.
    const pending: Buffer[] = []
    let connected = false

    tcp.on('connect', () => {
      connected = true
      for (const chunk of pending) tcp.write(chunk)
      pending.length = 0
    })
    tcp.on('data', (chunk) => {
      if (ws.readyState !== WebSocket.OPEN) return
      ws.send(chunk, { binary: true }, () => {
        if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK / 2) tcp.resume()
      })
      if (ws.bufferedAmount > HIGH_WATER_MARK) tcp.pause()
    })
    tcp.on('drain', () => {
      if (ws.isPaused) ws.resume()
    })
    tcp.on('error', () => {
      closeWs(ws, 1011, 'upstream error')
    })
    tcp.on('close', () => {
      links.delete(link)
      closeWs(ws, 1000, 'upstream closed')
    })

    ws.on('message', (data) => {
      const chunk = toBuffer(data)
      if (!connected) {
        pending.push(chunk)
        return
      }
      if (!tcp.write(chunk)) ws.pause()
    })
    ws.on('error', () => {
      tcp.destroy()
    })
    ws.on('close', () => {
      links.delete(link)
      if (!connected) {
        tcp.destroy()
        return
      }
      // end() lets already-written bytes (e.g. a Terminate message) reach Postgres;
      // the timer covers a server that never closes its half of the socket.
      tcp.end()
      setTimeout(() => tcp.destroy(), 1000).unref()
    })
  })
  // Errors are per-connection concerns; without a listener they would crash the test process.
  wss.on('error', () => {})

  const port = await listenOnLoopback(server, options.port)

  let closing: Promise<void> | undefined
  return {
    port,
    connectionCount: () => links.size,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        for (const { ws, tcp } of links) {
          ws.terminate()
          tcp.destroy()
        }
        links.clear()
        server.closeAllConnections()
        await new Promise<void>((resolve) => wss.close(() => resolve()))
        await serverClosed
      })()
      return closing
    },
  }
}

function parseAddress(
  url: string,
  fallback: string | undefined,
): { host: string; port: number } | undefined {
  const address = new URL(url, 'http://bridge').searchParams.get('address') ?? fallback
  if (!address) return undefined
  // lastIndexOf keeps bracketed IPv6 hosts such as [::1]:5432 intact.
  const colon = address.lastIndexOf(':')
  if (colon <= 0) return undefined
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1')
  const port = Number(address.slice(colon + 1))
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined
  return { host, port }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}

function closeWs(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.OPEN) ws.close(code, reason)
  else if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
}

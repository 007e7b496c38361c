import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * An in-process OpenAI-compatible chat server, which is also what Ollama serves under `/v1`:
 * `POST …/chat/completions` answers with the next scripted reply and records the request.
 * Not covered: streaming (`stream: true` answers 400), tools, embeddings, model listing.
 */
export type FakeLlmReply =
  /** A completion whose message content is this text (e.g. a JSON plan). */
  | { content: string }
  /** An HTTP error, as Ollama sends for an unknown model: `{ status: 404, body: { error: … } }`. */
  | { status: number; body: unknown }

export type FakeLlmRequest = {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: Record<string, unknown>
}

export type FakeLlm = {
  /** Server root, e.g. http://127.0.0.1:PORT (use as OLLAMA_HOST, or `${url}/v1` as LLM_BASE_URL). */
  url: string
  requests: FakeLlmRequest[]
  /** Replies still to be served, in order; when empty the server answers 500. */
  replies: FakeLlmReply[]
  close(): Promise<void>
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return {}
  const parsed: unknown = JSON.parse(text)
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

function completion(model: unknown, content: string, sequence: number) {
  return {
    id: `chatcmpl-fake-${sequence}`,
    object: 'chat.completion',
    created: 1_773_662_400,
    model: typeof model === 'string' ? model : 'fake',
    choices: [
      { index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  }
}

export async function startFakeLlm(replies: FakeLlmReply[] = []): Promise<FakeLlm> {
  const requests: FakeLlmRequest[] = []
  const queue = [...replies]
  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://fake').pathname
      const body = await readJson(request)
      requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body })
      if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
        send(response, 404, { error: `no route for ${request.method} ${path}` })
        return
      }
      if (body.stream === true) {
        send(response, 400, { error: 'the fake LLM does not stream' })
        return
      }
      const reply = queue.shift()
      if (!reply) send(response, 500, { error: 'no scripted reply left' })
      else if ('content' in reply)
        send(response, 200, completion(body.model, reply.content, requests.length))
      else send(response, reply.status, reply.body)
    })().catch((error: unknown) => {
      send(response, 500, { error: error instanceof Error ? error.message : String(error) })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replies: queue,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** A loopback URL nothing listens on: a server is bound to a free port, then closed. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

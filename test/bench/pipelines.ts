import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { pipelineRuns } from '../../db/schema/index.ts'
import { createApp } from '../../functions/app.ts'
import { startRuntime } from '../../functions/node/embedded-runtime.ts'
import { savePipeline } from '../../functions/pipelines/pipelines-store.ts'
import type { Capability, PipelineGraphNode } from '../../functions/pipelines/schema.ts'
import { parseEnv } from '../../functions/platform/env.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { VERSION } from '../../functions/platform/version.ts'
import { topics } from '../../workflows/index.ts'

type Call = { start: number; end: number }

/** A customer service that answers `{}` at once and notes when each path was called and answered. */
async function zeroLatencyService() {
  const calls = new Map<string, Call>()
  const server = createServer((request, response) => {
    const start = performance.now()
    request.resume()
    request.on('end', () => {
      response.on('finish', () =>
        calls.set(request.url?.split('?')[0] ?? '', { start, end: performance.now() }),
      )
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' })
      response.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, calls, close: () => server.close() }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function node(
  step: number,
  from: number[],
  to: number[],
  capability: Capability,
): PipelineGraphNode {
  const action = capability.actions[step - 1]
  return {
    step,
    name: action?.name ?? `s${step}`,
    input_connected_from: from,
    output_connected_to: to,
    input_data_type_from_previous: [],
    external_inputs: [],
    endpoints: [
      { name: action?.name ?? '', capability_id: capability.id, action_id: action?.id ?? null },
    ],
  }
}

const chain = (n: number, c: Capability) =>
  Array.from({ length: n }, (_, i) =>
    node(i + 1, i === 0 ? [] : [i], i === n - 1 ? [] : [i + 2], c),
  )

/** Step 1, then steps 2..width+1 all fed by it. */
const fanOut = (width: number, c: Capability) => [
  node(
    1,
    [],
    Array.from({ length: width }, (_, i) => i + 2),
    c,
  ),
  ...Array.from({ length: width }, (_, i) => node(i + 2, [1], [], c)),
]

/**
 * Per-step overhead (a step's HTTP answer → its successor's HTTP request, as the service sees
 * them) and wall time (POST /run → run finished) on the embedded runtime: PGlite in a folder
 * and the local queue worker, exactly as `npm start` runs them.
 */
export async function benchPipelines(rounds = 5): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-bench-pipelines-'))
  const runtime = await startRuntime(
    parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }),
    silentLogger,
  )
  const service = await zeroLatencyService()
  const app = createApp({
    services: () => ({ services: runtime.services }),
    topics,
    docsAssetsUrl: '/',
    version: VERSION,
  })
  const json = async (path: string, body: unknown, token?: string) => {
    const response = await app.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    })
    return (await response.json()) as Record<string, unknown>
  }
  try {
    const registered = await json('/api/v1/auth/register', {
      email: 'bench@example.com',
      password: 'correct horse',
    })
    const token = String(registered.access_token)
    const organizationId = String((registered.organization as { id: string }).id)
    const actions = Array.from({ length: 20 }, (_, i) => ({
      name: `s${i + 1}`,
      method: 'POST',
      path: `/s/${i + 1}`,
    }))
    const capability = (await json(
      '/api/v1/capabilities',
      { name: 'bench', base_url: service.url, actions },
      token,
    )) as unknown as Capability

    const measure = async (nodes: PipelineGraphNode[]) => {
      const pipelineId = await savePipeline(runtime.services, {
        organizationId,
        userId: null,
        dialogId: null,
        nodes,
        edges: [],
        inputs: {},
      })
      const overheads: number[] = []
      const walls: number[] = []
      for (let round = 0; round < rounds; round += 1) {
        service.calls.clear()
        const started = performance.now()
        const { run_id: runId } = await json(
          `/api/v1/pipelines/${pipelineId}/run`,
          { inputs: {} },
          token,
        )
        for (;;) {
          const [run] = await runtime.services.db
            .select({ status: pipelineRuns.status })
            .from(pipelineRuns)
            .where(eq(pipelineRuns.id, String(runId)))
          if (run?.status === 'SUCCEEDED') break
          if (run?.status === 'FAILED' || run?.status === 'PARTIAL_FAILED')
            throw new Error('bench run failed')
          // Polled gently: PGlite answers one query at a time, the run's own included.
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        walls.push(performance.now() - started)
        for (const step of nodes) {
          const call = service.calls.get(`/s/${step.step}`)
          for (const from of step.input_connected_from) {
            const previous = service.calls.get(`/s/${from}`)
            if (call && previous) overheads.push(call.start - previous.end)
          }
        }
      }
      return { overhead: median(overheads), wall: median(walls) }
    }

    const line = (name: string, value: number) =>
      `${name.padEnd(44)} ${value.toFixed(1).padStart(7)} ms`
    const linear = await measure(chain(20, capability))
    const wide = await measure(fanOut(10, capability))
    return [
      line('pipeline: per-step overhead, 20-step chain', linear.overhead),
      line('pipeline: wall time, 20-step chain', linear.wall),
      line('pipeline: per-step overhead, 1 → 10 fan-out', wide.overhead),
      line('pipeline: wall time, 1 → 10 fan-out', wide.wall),
      `  (median of ${rounds} runs each; zero-latency loopback service; embedded PGlite + local queue, 8 jobs at a time)`,
    ]
  } finally {
    service.close()
    await runtime.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

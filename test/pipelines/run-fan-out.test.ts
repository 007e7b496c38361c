import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LlmPlan } from '../../functions/pipelines/planning/llm-plan-schema.ts'
import type { Capability } from '../../functions/pipelines/schema.ts'
import { barrier, type FakeService, startFakeService } from '../services/fake-http-service.ts'
import { type FakeLlm, startFakeLlm } from '../support/fake-llm.ts'
import { call, createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import { execution, generate, startRun } from './travel-service.ts'

const WIDTH = 10
const leaves = Array.from({ length: WIDTH }, (_, i) => i + 2)

/** A root step feeding ten leaves, as a model would plan it (the offline planner builds chains). */
function fanOutPlan(capability: Capability): LlmPlan {
  const id = (name: string) => capability.actions.find((a) => a.name === name)?.id ?? ''
  return {
    status: 'plan',
    nodes: [
      {
        step: 1,
        action_id: id('root'),
        description: 'Корень',
        input_connected_from: [],
        output_connected_to: leaves,
        input_data_type_from_previous: [],
        external_inputs: [],
      },
      ...leaves.map((step) => ({
        step,
        action_id: id(`leaf_${step}`),
        description: `Лист ${step}`,
        input_connected_from: [1],
        output_connected_to: [],
        input_data_type_from_previous: [{ from_step: 1, type: 'seed' }],
        external_inputs: [],
      })),
    ],
    edges: leaves.map((step) => ({ from_step: 1, to_step: step, type: 'data_dependency' })),
    inputs: [],
    missing_capabilities: [],
    chat_reply_ru: 'Корень и десять листьев.',
    context_summary: 'fan',
  }
}

describe('a wide fan-out on the embedded queue worker (as `npm start` runs it)', () => {
  let harness: Harness
  let llm: FakeLlm
  let service: FakeService
  const eightAtOnce = barrier(8)
  beforeAll(async () => {
    llm = await startFakeLlm()
    harness = await createHarness({ env: { LLM_BASE_URL: `${llm.url}/v1`, LLM_MODEL: 'm' } })
    service = await startFakeService({
      'GET /root': () => ({ body: { seed: 42 } }),
      ...Object.fromEntries(
        leaves.map((step) => [
          `POST /leaf/${step}`,
          async () => {
            await eightAtOnce()
            return { body: { done: step } }
          },
        ]),
      ),
    })
    await harness.worker.start()
  })
  afterAll(async () => {
    await harness.close()
    await service.close()
    await llm.close()
  })

  it('runs the ten leaves after the root, eight at a time (the worker’s concurrency)', async () => {
    const user = await signUp(harness.app)
    const created = await call(harness.app, 'POST', '/api/v1/capabilities', {
      token: user.token,
      json: {
        name: 'fan',
        base_url: service.url,
        actions: [
          { name: 'root', method: 'GET', path: '/root', output_type: 'seed' },
          ...leaves.map((step) => ({
            name: `leaf_${step}`,
            method: 'POST',
            path: `/leaf/${step}`,
            input_schema: { type: 'object', properties: { seed: {} }, required: ['seed'] },
            input_type: { seed: 'seed' },
          })),
        ],
      },
    })
    llm.replies.push({ content: JSON.stringify(fanOutPlan(created.body)) })
    const generated = await generate(harness.app, user.token, 'Запусти корень и все листья')
    expect(generated.body.status).toBe('ready')
    const runId = await startRun(harness.app, user.token, generated.body.pipeline_id)

    let detail: ResponseBody = null
    for (let round = 0; round < 500 && detail?.status !== 'SUCCEEDED'; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      detail = await execution(harness.app, user.token, runId)
    }
    expect(detail.status).toBe('SUCCEEDED')
    expect(detail.summary).toEqual({ total_steps: 11, succeeded: 11, failed: 0, skipped: 0 })
    const [root] = service.calls('GET /root')
    const calls = leaves.map((step) => service.calls(`POST /leaf/${step}`))
    for (const leaf of calls) expect(leaf).toHaveLength(1)
    const starts = calls.map((leaf) => leaf[0]?.startedAt ?? 0).sort((a, b) => a - b)
    const firstEnd = Math.min(...calls.map((leaf) => leaf[0]?.endedAt ?? Number.POSITIVE_INFINITY))
    expect(starts[0]).toBeGreaterThan(root?.endedAt ?? Number.POSITIVE_INFINITY)
    expect(starts[7]).toBeLessThan(firstEnd)
    expect(stepResolved(detail, 2)).toEqual({ seed: 42 })
  })
})

const stepResolved = (detail: ResponseBody, step: number) =>
  detail.steps.find((s: ResponseBody) => s.step === step)?.resolved_inputs

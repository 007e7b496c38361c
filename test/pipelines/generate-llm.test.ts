import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LlmPlan } from '../../functions/pipelines/planning/llm-plan-schema.ts'
import type { Capability } from '../../functions/pipelines/schema.ts'
import type { FakeService } from '../services/fake-http-service.ts'
import { type FakeLlm, startFakeLlm, unreachableUrl } from '../support/fake-llm.ts'
import { call, createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import { json, seedPlan } from './planning/llm-plans.ts'
import {
  seedCannotBuild,
  seedNeedsInput,
  seedReady,
  seedTravelRequest,
  travelRequestWithoutTemplate,
} from './planning/travel-fixture.ts'
import { generate, registerTravel, seedGraphFor, startTravelService } from './travel-service.ts'

/** The seed plan as an LLM would answer it for the capabilities registered in this test. */
function planFor(capabilities: Capability[], withoutInputs: string[] = []): LlmPlan {
  const byName = new Map(capabilities.flatMap((c) => c.actions.map((a) => [a.name, a.id])))
  const nameOf = new Map(
    seedReady.nodes.map((node) => [node.endpoints[0]?.action_id ?? '', node.name]),
  )
  const plan = seedPlan()
  for (const node of plan.nodes) node.action_id = byName.get(nameOf.get(node.action_id) ?? '') ?? ''
  plan.inputs = plan.inputs.filter((input) => !withoutInputs.includes(input.name))
  return plan
}

type Setup = { harness: Harness; llm: FakeLlm; service: FakeService; capabilities: Capability[] }

async function setUp(
  env: (llm: FakeLlm) => Record<string, string>,
): Promise<Setup & { token: string }> {
  const llm = await startFakeLlm()
  const harness = await createHarness({ env: env(llm) })
  const service = await startTravelService()
  const user = await signUp(harness.app)
  const capabilities = await registerTravel(harness.app, user.token, service, {
    headers: { 'X-Api-Key': 'k-never-in-prompts' },
  })
  return { harness, llm, service, capabilities, token: user.token }
}

const tearDown = async (setup: Setup) => {
  await setup.service.close()
  await setup.llm.close()
  await setup.harness.close()
}

describe('generate with an OpenAI-compatible LLM (LLM_BASE_URL)', () => {
  let setup: Setup & { token: string }
  beforeAll(async () => {
    setup = await setUp((llm) => ({
      LLM_BASE_URL: `${llm.url}/v1`,
      LLM_API_KEY: 'sk-test',
      LLM_MODEL: 'planner-1',
    }))
  })
  afterAll(() => tearDown(setup))

  it("answers the seed's ready example for the plan the model returns", async () => {
    setup.llm.replies.push({ content: json(planFor(setup.capabilities)) })
    const generated = await generate(setup.harness.app, setup.token, seedTravelRequest)
    expect(generated.body).toEqual({
      ...seedReady,
      ...seedGraphFor(setup.capabilities),
      pipeline_id: expect.any(String),
    })
    const request = setup.llm.requests.at(-1)
    expect(request?.headers.authorization).toBe('Bearer sk-test')
    expect(request?.body.model).toBe('planner-1')
    const prompt = JSON.stringify(request?.body.messages)
    expect(prompt).toContain(seedTravelRequest)
    for (const capability of setup.capabilities) expect(prompt).toContain(capability.actions[0]?.id)
    expect(prompt).not.toContain('k-never-in-prompts')
  })

  it('shows the model the whole dialog: needs_input, then the answer completes it', async () => {
    const dialogId = randomUUID()
    setup.llm.replies.push({ content: json(planFor(setup.capabilities, ['template_id'])) })
    const first = await generate(
      setup.harness.app,
      setup.token,
      travelRequestWithoutTemplate,
      dialogId,
    )
    expect(first.body).toEqual(seedNeedsInput)

    setup.llm.replies.push({ content: json(planFor(setup.capabilities)) })
    const second = await generate(setup.harness.app, setup.token, 'offer_template_2026', dialogId)
    expect(second.body.status).toBe('ready')
    const sent = (setup.llm.requests.at(-1)?.body.messages ?? []) as ResponseBody[]
    const turns = sent.filter((message) => message.role !== 'system')
    expect(turns.map((message) => [message.role, message.content])).toEqual([
      ['user', travelRequestWithoutTemplate],
      ['assistant', seedNeedsInput.chat_reply_ru],
      ['user', 'offer_template_2026'],
    ])
  })
})

describe('generate with Ollama (OLLAMA_HOST)', () => {
  let setup: Setup & { token: string }
  beforeAll(async () => {
    setup = await setUp((llm) => ({ OLLAMA_HOST: llm.url, OLLAMA_MODEL: 'llama3.2' }))
  })
  afterAll(() => tearDown(setup))

  it('plans through the fake Ollama server', async () => {
    setup.llm.replies.push({ content: json(planFor(setup.capabilities)) })
    const generated = await generate(setup.harness.app, setup.token, seedTravelRequest)
    expect(generated.body.status).toBe('ready')
    expect(setup.llm.requests.at(-1)?.path).toBe('/v1/chat/completions')
  })
})

describe('generate with an unreachable OLLAMA_HOST', () => {
  let setup: Setup & { token: string }
  beforeAll(async () => {
    const host = await unreachableUrl()
    setup = await setUp(() => ({ OLLAMA_HOST: host, OLLAMA_MODEL: 'llama3.2' }))
  })
  afterAll(() => tearDown(setup))

  it("answers exactly the seed's cannot_build and records it in the dialog", async () => {
    const generated = await generate(setup.harness.app, setup.token, seedTravelRequest)
    expect(generated.body).toEqual(seedCannotBuild)
    const list = await call(setup.harness.app, 'GET', '/api/v1/pipelines/dialogs', {
      token: setup.token,
    })
    expect(list.body[0]).toMatchObject({
      dialog_id: generated.dialogId,
      last_status: 'cannot_build',
      last_pipeline_id: null,
    })
  })
})

import { APICallError } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, test } from 'vitest'
import { buildGenerateResponse } from '../../../functions/pipelines/planning/build-response.ts'
import { planWithLlm } from '../../../functions/pipelines/planning/llm-planner.ts'
import type { PlanOutcome } from '../../../functions/pipelines/planning/plan-outcome.ts'
import type { DialogTurn } from '../../../functions/pipelines/planning/types.ts'
import {
  type PipelineGenerateResponse,
  PipelineGenerateResponseSchema,
} from '../../../functions/pipelines/schema.ts'
import { brokenPlan, json, seedPlan } from './llm-plans.ts'
import {
  seedCannotBuild,
  seedNeedsInput,
  seedReady,
  seedTravelRequest,
  travelCatalog,
} from './travel-fixture.ts'

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
}

/** A model that answers each call with the next text. */
function modelAnswering(...texts: string[]) {
  return new MockLanguageModelV4({
    doGenerate: texts.map((text) => ({
      content: [{ type: 'text' as const, text }],
      finishReason: { unified: 'stop' as const, raw: 'stop' },
      usage,
      warnings: [],
    })),
  })
}

const messages: DialogTurn[] = [{ role: 'user', content: seedTravelRequest }]

function respond(outcome: PlanOutcome, pipelineId: string | null = null): PipelineGenerateResponse {
  return PipelineGenerateResponseSchema.parse(buildGenerateResponse(outcome, { pipelineId }))
}

/** Everything the model was sent in call `index`, flattened to text. */
function promptText(model: MockLanguageModelV4, index: number): string {
  return JSON.stringify(model.doGenerateCalls[index]?.prompt ?? [])
}

describe('LLM planner (mock model)', () => {
  test('a valid plan is ready and reproduces the seed response', async () => {
    const model = modelAnswering(json(seedPlan()))
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(respond(outcome, seedReady.pipeline_id ?? null)).toEqual(seedReady)
    expect(outcome.status === 'ready' && outcome.inputs).toEqual({
      days_back: 7,
      city: 'Berlin',
      hotels_limit: 5,
      template_id: 'offer_template_2026',
    })
    const call = model.doGenerateCalls[0]
    expect(call?.responseFormat).toMatchObject({ type: 'json', name: 'pipeline_plan' })
    expect(promptText(model, 0)).toContain('3c97cc71-5cf6-45fd-8f75-2cf1ccfc7c45')
    expect(promptText(model, 0)).toContain('по шаблону offer_template_2026')
    expect(promptText(model, 0)).not.toContain('Bearer')
  })

  test('an invalid plan gets one repair round with the errors', async () => {
    const model = modelAnswering(json(brokenPlan()), json(seedPlan()))
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(respond(outcome).status).toBe('ready')
    expect(model.doGenerateCalls).toHaveLength(2)
    const repair = promptText(model, 1)
    expect(repair).toContain('That plan is invalid')
    expect(repair).toContain('step 4: output_connected_to lists 5 but there is no edge 4→5')
  })

  test('an answer that is not the schema is repaired too', async () => {
    const model = modelAnswering('Sure! Here is your pipeline.', json(seedPlan()))
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(outcome.status).toBe('ready')
    expect(promptText(model, 1)).toContain('not a JSON object matching the schema')
  })

  test('invalid twice is cannot_build saying why', async () => {
    const model = modelAnswering(json(brokenPlan()), json(brokenPlan()))
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    const response = respond(outcome)
    expect(response).toMatchObject({
      status: 'cannot_build',
      message_ru: 'Не удалось собрать корректный пайплайн.',
      missing_requirements: ['valid_plan'],
      nodes: [],
      edges: [],
      pipeline_id: null,
    })
    expect(response.chat_reply_ru).toContain('no edge 4→5')
    expect(model.doGenerateCalls).toHaveLength(2)
  })

  test('unknown actions are caught by validation', async () => {
    const plan = seedPlan()
    const [first] = plan.nodes
    if (first) first.action_id = 'users_service.get_everyone'
    const model = modelAnswering(json(plan), json(plan))
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(outcome.status === 'cannot_build' && outcome.errors).toContain(
      'step 1: endpoint "users_service.get_everyone" (users_service.get_everyone) does not exist among the available capabilities',
    )
  })

  test('actions may be named capability.action instead of by id', async () => {
    const plan = seedPlan()
    for (const node of plan.nodes) {
      const action = travelCatalog.find((candidate) => candidate.id === node.action_id)
      if (action) node.action_id = `${action.capabilityName}.${action.name}`
    }
    const outcome = await planWithLlm({
      model: modelAnswering(json(plan)),
      messages,
      catalog: travelCatalog,
    })
    expect(respond(outcome, seedReady.pipeline_id ?? null)).toEqual(seedReady)
  })

  test('a missing external input makes it needs_input', async () => {
    const plan = seedPlan()
    plan.inputs = plan.inputs.filter((input) => input.name !== 'template_id')
    const outcome = await planWithLlm({
      model: modelAnswering(json(plan)),
      messages,
      catalog: travelCatalog,
    })
    expect(respond(outcome)).toEqual(seedNeedsInput)
  })

  test('a declined request is cannot_build naming what is missing', async () => {
    const declined = {
      ...seedPlan(),
      status: 'cannot_build',
      nodes: [],
      edges: [],
      inputs: [],
      missing_capabilities: ['capability:sms'],
      chat_reply_ru: 'Нет capability для отправки SMS.',
    }
    const outcome = await planWithLlm({
      model: modelAnswering(json(declined)),
      messages: [{ role: 'user', content: 'Отправь SMS всем клиентам' }],
      catalog: travelCatalog,
    })
    expect(respond(outcome)).toMatchObject({
      status: 'cannot_build',
      chat_reply_ru: 'Нет capability для отправки SMS.',
      missing_requirements: ['capability:sms'],
    })
  })

  test("a provider error answers exactly the seed's cannot_build", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({
          message: 'Cannot connect to API: connect ECONNREFUSED 127.0.0.1:11434',
          url: 'http://127.0.0.1:11434/v1/chat/completions',
          requestBodyValues: {},
          isRetryable: true,
        })
      },
    })
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog, maxRetries: 0 })
    expect(respond(outcome)).toEqual(seedCannotBuild)
  })

  test('the dialog so far is passed as messages', async () => {
    const model = modelAnswering(json(seedPlan()))
    const dialog: DialogTurn[] = [
      { role: 'user', content: 'Сформируй рассылку' },
      { role: 'assistant', content: seedNeedsInput.chat_reply_ru },
      { role: 'user', content: 'offer_template_2026' },
    ]
    await planWithLlm({ model, messages: dialog, catalog: travelCatalog })
    const prompt = model.doGenerateCalls[0]?.prompt ?? []
    expect(prompt.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user'])
  })

  test('an empty catalog needs no model call', async () => {
    const model = modelAnswering()
    const outcome = await planWithLlm({ model, messages, catalog: [] })
    expect(respond(outcome).missing_requirements).toEqual(['capabilities'])
    expect(model.doGenerateCalls).toHaveLength(0)
  })
})

describe('LLM input values', () => {
  test('are converted to the parameter type, and dropped when they do not fit', async () => {
    const plan = seedPlan()
    plan.inputs = [
      { name: 'days_back', value: '7' },
      { name: 'city', value: 'Berlin' },
      { name: 'hotels_limit', value: 'five' },
      { name: 'template_id', value: 'offer_template_2026' },
      { name: 'unused', value: 'x' },
    ]
    const outcome = await planWithLlm({
      model: modelAnswering(json(plan)),
      messages,
      catalog: travelCatalog,
    })
    expect(outcome).toMatchObject({
      status: 'needs_input',
      inputs: { days_back: 7, city: 'Berlin', template_id: 'offer_template_2026' },
      missing: [{ name: 'hotels_limit', step: 2, actionName: 'get_top_hotels', example: null }],
    })
  })
})

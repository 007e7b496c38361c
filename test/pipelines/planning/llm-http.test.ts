import { afterEach, describe, expect, test } from 'vitest'
import { buildGenerateResponse } from '../../../functions/pipelines/planning/build-response.ts'
import {
  createLanguageModel,
  llmConfigFromEnv,
  ollamaOpenAiBaseUrl,
} from '../../../functions/pipelines/planning/llm-model.ts'
import { planWithLlm } from '../../../functions/pipelines/planning/llm-planner.ts'
import type { DialogTurn } from '../../../functions/pipelines/planning/types.ts'
import { PipelineGenerateResponseSchema } from '../../../functions/pipelines/schema.ts'
import {
  type FakeLlm,
  type FakeLlmReply,
  startFakeLlm,
  unreachableUrl,
} from '../../support/fake-llm.ts'
import { brokenPlan, json, seedPlan } from './llm-plans.ts'
import { seedCannotBuild, seedReady, seedTravelRequest, travelCatalog } from './travel-fixture.ts'

const messages: DialogTurn[] = [{ role: 'user', content: seedTravelRequest }]
const servers: FakeLlm[] = []

async function fakeLlm(...replies: FakeLlmReply[]) {
  const server = await startFakeLlm(replies)
  servers.push(server)
  return server
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const respond = (
  outcome: Awaited<ReturnType<typeof planWithLlm>>,
  pipelineId: string | null = null,
) => PipelineGenerateResponseSchema.parse(buildGenerateResponse(outcome, { pipelineId }))

describe('LLM planner over HTTP', () => {
  test('Ollama (OLLAMA_HOST + OLLAMA_MODEL) through its OpenAI-compatible /v1 endpoint', async () => {
    const server = await fakeLlm({ content: json(seedPlan()) })
    const model = createLanguageModel({ ollamaHost: server.url, ollamaModel: 'llama3.2' })
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(respond(outcome, seedReady.pipeline_id ?? null)).toEqual(seedReady)
    const [request] = server.requests
    expect(request?.path).toBe('/v1/chat/completions')
    expect(request?.body.model).toBe('llama3.2')
    expect(request?.body.temperature).toBe(0)
    expect(request?.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'pipeline_plan', strict: true },
    })
    expect(JSON.stringify(request?.body.response_format)).not.toContain('9007199254740991')
    expect(request?.headers.authorization).toBeUndefined()
  })

  test('OpenAI-compatible LLM_BASE_URL + LLM_API_KEY + LLM_MODEL', async () => {
    const server = await fakeLlm({ content: json(seedPlan()) })
    const config = llmConfigFromEnv({
      LLM_BASE_URL: `${server.url}/v1/`,
      LLM_API_KEY: 'sk-test',
      LLM_MODEL: 'gpt-test',
    })
    if (!config) throw new Error('expected a config')
    const outcome = await planWithLlm({
      model: createLanguageModel(config),
      messages,
      catalog: travelCatalog,
    })
    expect(outcome.status).toBe('ready')
    expect(server.requests[0]?.path).toBe('/v1/chat/completions')
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test')
    expect(server.requests[0]?.body.model).toBe('gpt-test')
  })

  test('repairs an invalid plan in a second request', async () => {
    const server = await fakeLlm({ content: json(brokenPlan()) }, { content: json(seedPlan()) })
    const model = createLanguageModel({ ollamaHost: server.url, ollamaModel: 'llama3.2' })
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(outcome.status).toBe('ready')
    expect(server.requests).toHaveLength(2)
    const repairMessages = server.requests[1]?.body.messages
    expect(JSON.stringify(repairMessages)).toContain('no edge 4→5')
  })

  test("an unreachable host answers exactly the seed's cannot_build", async () => {
    const model = createLanguageModel({
      ollamaHost: await unreachableUrl(),
      ollamaModel: 'llama3.2',
    })
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog })
    expect(respond(outcome)).toEqual(seedCannotBuild)
  })

  test("an unknown model (HTTP 404) also answers the seed's cannot_build", async () => {
    const server = await fakeLlm({
      status: 404,
      body: { error: { message: 'model "nope" not found' } },
    })
    const model = createLanguageModel({ ollamaHost: server.url, ollamaModel: 'nope' })
    const outcome = await planWithLlm({ model, messages, catalog: travelCatalog, maxRetries: 0 })
    expect(respond(outcome)).toEqual(seedCannotBuild)
  })

  test('a model that never answers times out into the same cannot_build', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    const model = createLanguageModel(
      { ollamaHost: 'http://127.0.0.1:11434', ollamaModel: 'llama3.2' },
      { fetch: hanging },
    )
    const outcome = await planWithLlm({
      model,
      messages,
      catalog: travelCatalog,
      timeoutMs: 50,
      maxRetries: 0,
    })
    expect(respond(outcome)).toEqual(seedCannotBuild)
  })
})

describe('LLM configuration', () => {
  test('reads Ollama first, then an OpenAI-compatible endpoint, else none', () => {
    const both = {
      OLLAMA_HOST: 'http://ollama:11434',
      OLLAMA_MODEL: 'llama3.2',
      LLM_BASE_URL: 'https://llm.example/v1',
      LLM_MODEL: 'm',
    }
    expect(llmConfigFromEnv(both)).toEqual({
      ollamaHost: 'http://ollama:11434',
      ollamaModel: 'llama3.2',
    })
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'https://llm.example/v1', LLM_MODEL: 'm' })).toEqual({
      baseUrl: 'https://llm.example/v1',
      model: 'm',
    })
    expect(llmConfigFromEnv({ OLLAMA_HOST: 'http://ollama:11434' })).toBeNull()
    expect(llmConfigFromEnv({})).toBeNull()
  })

  test('normalises OLLAMA_HOST to its /v1 endpoint', () => {
    expect(ollamaOpenAiBaseUrl('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434/v1')
    expect(ollamaOpenAiBaseUrl('http://127.0.0.1:11434/')).toBe('http://127.0.0.1:11434/v1')
    expect(ollamaOpenAiBaseUrl('http://127.0.0.1:11434/v1/')).toBe('http://127.0.0.1:11434/v1')
    expect(ollamaOpenAiBaseUrl('127.0.0.1:11434')).toBe('http://127.0.0.1:11434/v1')
  })
})

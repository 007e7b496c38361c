import { OpenAPIHono } from '@hono/zod-openapi'
import { describe, expect, test } from 'vitest'
import * as schemas from '../../../functions/pipelines/schema.ts'
import { seed, travelCapabilities } from './travel-fixture.ts'

const contractSchemas = {
  ErrorResponse: schemas.ErrorResponseSchema,
  ValidationError: schemas.ValidationErrorSchema,
  HTTPValidationError: schemas.HTTPValidationErrorSchema,
  PipelineInputTypeFromPrevious: schemas.PipelineInputTypeFromPreviousSchema,
  PipelineStepEndpoint: schemas.PipelineStepEndpointSchema,
  PipelineGraphNode: schemas.PipelineGraphNodeSchema,
  PipelineGraphEdge: schemas.PipelineGraphEdgeSchema,
  PipelineGenerateRequest: schemas.PipelineGenerateRequestSchema,
  PipelineGenerateResponse: schemas.PipelineGenerateResponseSchema,
  DialogResetRequest: schemas.DialogResetRequestSchema,
  DialogResetResponse: schemas.DialogResetResponseSchema,
  PipelineDialogListItemResponse: schemas.PipelineDialogListItemResponseSchema,
  PipelineDialogMessageResponse: schemas.PipelineDialogMessageResponseSchema,
  PipelineDialogHistoryResponse: schemas.PipelineDialogHistoryResponseSchema,
  RunPipelineRequest: schemas.RunPipelineRequestSchema,
  RunPipelineResponse: schemas.RunPipelineResponseSchema,
  ExecutionRunListItemResponse: schemas.ExecutionRunListItemResponseSchema,
  ExecutionStepRunResponse: schemas.ExecutionStepRunResponseSchema,
  ExecutionRunDetailResponse: schemas.ExecutionRunDetailResponseSchema,
}

function generatedComponents(): Record<string, unknown> {
  const app = new OpenAPIHono()
  for (const [name, schema] of Object.entries(contractSchemas)) {
    app.openAPIRegistry.register(name, schema)
  }
  const document = app.getOpenAPIDocument({ openapi: '3.0.3', info: { title: 't', version: '1' } })
  return document.components?.schemas ?? {}
}

/** `required` is a set; everything else must match key for key. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).map(([key, inner]) => [
    key,
    key === 'required' && Array.isArray(inner) ? [...inner].sort() : normalise(inner),
  ])
  return Object.fromEntries(entries)
}

describe('contract schemas', () => {
  test('render exactly the seed components', () => {
    const generated = generatedComponents()
    const seedComponents: Record<string, unknown> = seed.components.schemas
    expect(Object.keys(contractSchemas).sort()).toEqual(Object.keys(seedComponents).sort())
    for (const [name, component] of Object.entries(seedComponents)) {
      expect({ name, schema: normalise(generated[name]) }).toEqual({
        name,
        schema: normalise(component),
      })
    }
  })

  test('accept every example of the seed', () => {
    const generate = seed.paths['/api/v1/pipelines/generate'].post
    const run = seed.paths['/api/v1/pipelines/{pipeline_id}/run'].post
    const execution = seed.paths['/api/v1/executions/{run_id}'].get
    const responses = generate.responses['200'].content['application/json'].examples
    for (const example of Object.values<{ value: unknown }>(responses)) {
      expect(schemas.PipelineGenerateResponseSchema.safeParse(example.value).success).toBe(true)
    }
    const request = generate.requestBody.content['application/json'].examples.travel_offer_case
    expect(schemas.PipelineGenerateRequestSchema.parse(request.value).capability_ids).toBeNull()
    const runRequest = run.requestBody.content['application/json'].examples.travel_inputs.value
    expect(schemas.RunPipelineRequestSchema.parse(runRequest).inputs.days_back).toBe(7)
    const queued = run.responses['202'].content['application/json'].examples.queued.value
    expect(schemas.RunPipelineResponseSchema.parse(queued).status).toBe('QUEUED')
    const detail = execution.responses['200'].content['application/json'].examples.partial_failed
    expect(schemas.ExecutionRunDetailResponseSchema.parse(detail.value).steps).toHaveLength(3)
  })

  test('keep seed bounds and defaults', () => {
    expect(
      schemas.PipelineGenerateRequestSchema.safeParse({ dialog_id: 'x', message: 'hi' }).success,
    ).toBe(false)
    expect(
      schemas.PipelineGenerateRequestSchema.safeParse({
        dialog_id: '11111111-1111-1111-1111-111111111111',
        message: '',
      }).success,
    ).toBe(false)
    expect(schemas.RunPipelineRequestSchema.parse({})).toEqual({ inputs: {} })
    expect(schemas.DialogListQuerySchema.parse({})).toEqual({ limit: 20, offset: 0 })
    expect(schemas.DialogHistoryQuerySchema.parse({ limit: '5' })).toEqual({ limit: 5, offset: 0 })
    expect(schemas.ExecutionListQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
    expect(schemas.ExecutionListQuerySchema.safeParse({ limit: '201' }).success).toBe(false)
    const step = {
      step: 1,
      status: 'PENDING',
      created_at: '2026-03-16T12:10:15Z',
      updated_at: '2026-03-16T12:10:15Z',
    }
    expect(schemas.ExecutionStepRunResponseSchema.safeParse(step).success).toBe(false)
    expect(
      schemas.ExecutionStepRunResponseSchema.safeParse({
        ...step,
        accepted_payload: null,
        output_payload: null,
      }).success,
    ).toBe(true)
    const node = schemas.PipelineGraphNodeSchema.parse({ step: 1, name: 'x' })
    expect(node.endpoints).toEqual([])
  })
})

describe('capability schemas', () => {
  const action = {
    name: 'get_recent_users',
    description: 'Получить активных пользователей за последние N дней.',
    method: 'GET',
    path: '/users/recent',
    input_schema: {
      type: 'object',
      properties: { days_back: { type: 'integer' } },
      required: ['days_back'],
    },
    output_schema: { type: 'object', properties: { users: { type: 'array' } } },
    input_type: null,
    output_type: 'users[]',
    external_inputs: ['days_back'],
    timeout_ms: 30000,
  }
  const capability = {
    name: 'users_service',
    description: '…',
    base_url: 'http://127.0.0.1:9101',
    headers: { 'X-Api-Key': 'k' },
    actions: [action],
  }

  test('accept the issue example and fill defaults', () => {
    expect(schemas.CapabilityCreateSchema.parse(capability).actions[0]?.timeout_ms).toBe(30000)
    const minimal = schemas.CapabilityActionCreateSchema.parse({
      name: 'ping',
      method: 'GET',
      path: '/ping',
    })
    expect(minimal).toMatchObject({
      input_type: null,
      output_type: null,
      external_inputs: [],
      timeout_ms: 30000,
    })
  })

  test('reject inputs that do not name input_schema properties, and duplicate actions', () => {
    const bad = { ...action, external_inputs: ['days'], input_type: { users: 'users[]' } }
    const issues = schemas.CapabilityActionCreateSchema.safeParse(bad).error?.issues ?? []
    expect(issues.map((issue) => issue.path.join('.'))).toEqual([
      'external_inputs',
      'input_type.users',
    ])
    const twice = { ...capability, actions: [action, action] }
    expect(schemas.CapabilityCreateSchema.safeParse(twice).success).toBe(false)
    expect(
      schemas.CapabilityCreateSchema.safeParse({ ...capability, base_url: 'ftp://x' }).success,
    ).toBe(false)
  })

  test('never expose header values in the capability response', () => {
    const [first] = travelCapabilities
    expect(first?.header_names).toEqual(['Authorization'])
    expect(JSON.stringify(travelCapabilities)).not.toContain('secret')
  })
})

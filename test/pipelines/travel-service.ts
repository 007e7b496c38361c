import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { z } from 'zod'
import {
  type Capability,
  CapabilitySchema,
  ExecutionRunDetailResponseSchema,
  PipelineGenerateResponseSchema,
  RunPipelineResponseSchema,
} from '../../functions/pipelines/schema.ts'
import type { App } from '../../functions/platform/context.ts'
import { type FakeService, type Route, startFakeService } from '../services/fake-http-service.ts'
import { call, type Harness, type ResponseBody } from '../support/harness.ts'
import { seedReady, seedTravelRequest, travelCapabilities } from './planning/travel-fixture.ts'

/** Parses a response body with a contract schema: a response that does not fit fails the test. */
export function contract<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new Error(`response breaks the contract: ${JSON.stringify(parsed.error.issues, null, 1)}`)
  }
  return parsed.data
}

export const TRAVEL_INPUTS = {
  days_back: 7,
  city: 'Berlin',
  hotels_limit: 5,
  template_id: 'offer_template_2026',
}

/** The travel business answering like a real one, each route replaceable per test. */
export const travelRoutes: Record<string, Route> = {
  'GET /users/recent': () => ({ body: { users: [{ id: 1, email: 'ann@example.com' }] } }),
  'GET /hotels/top': () => ({ body: { hotels: [{ id: 'h1', city: 'Berlin' }] } }),
  'POST /segments': () => ({ body: { segments: [{ user_id: 1, hotel_ids: ['h1'] }] } }),
  'POST /assignments/hotels': () => ({ body: { assignments: [{ user_id: 1, hotel_id: 'h1' }] } }),
  'POST /emails/offers': () => ({ body: { sent: 1, failed: 0 } }),
}

export const startTravelService = (routes: Record<string, Route> = {}) =>
  startFakeService({ ...travelRoutes, ...routes })

export type TravelOptions = {
  headers?: Record<string, string>
  /** timeout_ms per action name. */
  timeouts?: Record<string, number>
  /** base_url per capability name (default: the fake service). */
  baseUrls?: Record<string, string>
}

/** The seed's five travel capabilities, pointed at the fake service. */
export function travelCapabilityBodies(baseUrl: string, options: TravelOptions = {}) {
  return travelCapabilities.map((capability) => ({
    name: capability.name,
    description: capability.description,
    base_url: options.baseUrls?.[capability.name] ?? baseUrl,
    headers: options.headers ?? {},
    actions: capability.actions.map(({ id: _id, capability_id: _capability, ...action }) => ({
      ...action,
      timeout_ms: options.timeouts?.[action.name] ?? action.timeout_ms,
    })),
  }))
}

export async function registerTravel(
  app: App,
  token: string,
  service: FakeService,
  options: TravelOptions = {},
): Promise<Capability[]> {
  const created: Capability[] = []
  for (const body of travelCapabilityBodies(service.url, options)) {
    const response = await call(app, 'POST', '/api/v1/capabilities', { token, json: body })
    expect(response.status).toBe(201)
    created.push(contract(CapabilitySchema, response.body))
  }
  return created
}

export async function generate(
  app: App,
  token: string,
  message: string,
  dialogId: string = randomUUID(),
  capabilityIds: string[] | null = null,
) {
  const response = await call(app, 'POST', '/api/v1/pipelines/generate', {
    token,
    json: { dialog_id: dialogId, message, capability_ids: capabilityIds },
  })
  if (response.status !== 200) return { ...response, dialogId }
  return { ...response, body: contract(PipelineGenerateResponseSchema, response.body), dialogId }
}

/** Registers the travel capabilities and plans the seed's request (offline planner): ready. */
export async function travelPipeline(
  app: App,
  token: string,
  service: FakeService,
  options: TravelOptions = {},
) {
  const capabilities = await registerTravel(app, token, service, options)
  const generated = await generate(app, token, seedTravelRequest)
  expect(generated.body.status).toBe('ready')
  const pipelineId: string = generated.body.pipeline_id
  return { capabilities, pipelineId, dialogId: generated.dialogId }
}

export async function startRun(
  app: App,
  token: string,
  pipelineId: string,
  inputs: Record<string, unknown> = {},
): Promise<string> {
  const response = await call(app, 'POST', `/api/v1/pipelines/${pipelineId}/run`, {
    token,
    json: { inputs },
  })
  expect(response.status, JSON.stringify(response.body)).toBe(202)
  const queued = contract(RunPipelineResponseSchema, response.body)
  expect(queued).toEqual({ run_id: expect.any(String), pipeline_id: pipelineId, status: 'QUEUED' })
  return queued.run_id
}

export async function execution(app: App, token: string, runId: string): Promise<ResponseBody> {
  const response = await call(app, 'GET', `/api/v1/executions/${runId}`, { token })
  expect(response.status).toBe(200)
  contract(ExecutionRunDetailResponseSchema, response.body)
  return response.body
}

/** Runs the queue until nothing is due, then reads the run. */
export async function settle(harness: Harness, token: string, runId: string) {
  await harness.drain()
  return execution(harness.app, token, runId)
}

export const stepOf = (detail: ResponseBody, step: number): ResponseBody =>
  detail.steps.find((entry: ResponseBody) => entry.step === step)

const FINISHED = ['SUCCEEDED', 'FAILED', 'PARTIAL_FAILED']

/**
 * Drains the queue until the run has finished: for runs whose messages are retried with a delay
 * (a failed publish, a lease check), which one drain does not wait for.
 */
export async function settleFinished(harness: Harness, token: string, runId: string) {
  for (let round = 0; round < 200; round += 1) {
    const detail = await settle(harness, token, runId)
    if (FINISHED.includes(detail.status)) return detail
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`run ${runId} did not finish`)
}

/** The seed's ready graph with the endpoint ids of the capabilities registered in this test. */
export function seedGraphFor(capabilities: Capability[]) {
  const ids = new Map(
    capabilities.flatMap((c) =>
      c.actions.map((a) => [a.name, { capability_id: c.id, action_id: a.id }]),
    ),
  )
  const nodes = seedReady.nodes.map((node) => ({
    ...node,
    endpoints: node.endpoints.map((endpoint) => ({ ...endpoint, ...ids.get(endpoint.name) })),
  }))
  return { nodes, edges: seedReady.edges }
}

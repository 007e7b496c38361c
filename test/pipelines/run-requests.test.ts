import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorResponseSchema } from '../../functions/pipelines/schema.ts'
import type { FakeService } from '../services/fake-http-service.ts'
import { dbBackends } from '../support/backends.ts'
import { call, createHarness, type Harness, signUp } from '../support/harness.ts'
import { seed } from './planning/travel-fixture.ts'
import { contract, startTravelService, travelPipeline } from './travel-service.ts'

const seedNotReady =
  seed.components.responses.BadRequestError.content['application/json'].examples.not_ready.value

describe.each(dbBackends)('POST /pipelines/{id}/run on %s', (backend) => {
  let harness: Harness
  let service: FakeService
  beforeAll(async () => {
    harness = await createHarness({ backend })
    service = await startTravelService()
  })
  afterAll(async () => {
    await service.close()
    await harness.close()
  })

  const run = (token: string | undefined, pipelineId: string, json: unknown = { inputs: {} }) =>
    call(harness.app, 'POST', `/api/v1/pipelines/${pipelineId}/run`, {
      ...(token ? { token } : {}),
      json,
    })

  it("answers the seed's 400 when a required input has no value, naming it", async () => {
    const user = await signUp(harness.app)
    const { pipelineId } = await travelPipeline(harness.app, user.token, service)
    const response = await run(user.token, pipelineId, { inputs: { template_id: null } })
    expect(response.status).toBe(400)
    expect(contract(ErrorResponseSchema, response.body).detail).toBe(seedNotReady.detail)
    expect(response.body).toEqual({ ...seedNotReady, missing_inputs: ['template_id'] })
  })

  it('answers 400 when a capability the pipeline uses was removed', async () => {
    const user = await signUp(harness.app)
    const { pipelineId, capabilities } = await travelPipeline(harness.app, user.token, service)
    const email = capabilities.find((capability) => capability.name === 'email_service')
    const removed = await call(harness.app, 'DELETE', `/api/v1/capabilities/${email?.id}`, {
      token: user.token,
    })
    expect(removed.status).toBe(204)
    const response = await run(user.token, pipelineId)
    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      detail: 'Pipeline is not ready for execution',
      missing_inputs: [],
      missing_actions: ['send_hotel_offers_by_email'],
    })
  })

  it("answers 404 for an unknown pipeline and for another organization's", async () => {
    const owner = await signUp(harness.app)
    const { pipelineId } = await travelPipeline(harness.app, owner.token, service)
    const stranger = await signUp(harness.app)
    for (const [token, id] of [
      [stranger.token, pipelineId],
      [owner.token, randomUUID()],
    ] as const) {
      const response = await run(token, id)
      expect(response.status).toBe(404)
      expect(response.body).toEqual({ detail: 'Pipeline not found' })
    }
  })

  it('answers 401 without credentials and 422 for a bad id or body', async () => {
    const user = await signUp(harness.app)
    expect((await run(undefined, randomUUID())).status).toBe(401)
    const badId = await run(user.token, 'not-a-uuid')
    expect(badId.status).toBe(422)
    expect(badId.body.detail[0].loc).toEqual(['path', 'pipeline_id'])
    const badBody = await run(user.token, randomUUID(), { inputs: 'x' })
    expect(badBody.status).toBe(422)
    expect(badBody.body.detail[0].loc).toEqual(['body', 'inputs'])
  })
})

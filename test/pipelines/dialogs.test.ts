import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Capability,
  DialogResetResponseSchema,
  PipelineDialogHistoryResponseSchema,
  PipelineDialogListItemResponseSchema,
  type PipelineGenerateResponse,
} from '../../functions/pipelines/schema.ts'
import type { FakeService } from '../services/fake-http-service.ts'
import { dbBackends } from '../support/backends.ts'
import { call, createHarness, type Harness, type ResponseBody, signUp } from '../support/harness.ts'
import {
  seedNeedsInput,
  seedReady,
  seedTravelRequest,
  travelRequestWithoutTemplate,
} from './planning/travel-fixture.ts'
import {
  contract,
  execution,
  generate,
  registerTravel,
  seedGraphFor,
  startRun,
  startTravelService,
  TRAVEL_INPUTS,
} from './travel-service.ts'

describe.each(dbBackends)('copilot dialogs on %s', (backend) => {
  let harness: Harness
  let service: FakeService
  let user: Awaited<ReturnType<typeof signUp>>
  let capabilities: Capability[]
  beforeAll(async () => {
    harness = await createHarness({ backend })
    service = await startTravelService()
    user = await signUp(harness.app)
    capabilities = await registerTravel(harness.app, user.token, service)
  })
  afterAll(async () => {
    await service.close()
    await harness.close()
  })

  const history = async (dialogId: string, query = '', token = user.token) =>
    call(harness.app, 'GET', `/api/v1/pipelines/dialogs/${dialogId}/history${query}`, { token })

  it('plans the seed request to ready and keeps both messages in the dialog', async () => {
    const generated = await generate(harness.app, user.token, seedTravelRequest)
    const response: PipelineGenerateResponse = generated.body
    expect(response).toMatchObject({
      status: 'ready',
      message_ru: seedReady.message_ru,
      missing_requirements: [],
      ...seedGraphFor(capabilities),
    })
    expect(response.pipeline_id).toMatch(/^[0-9a-f-]{36}$/)

    const read = await history(generated.dialogId)
    expect(read.status).toBe(200)
    const dialog = contract(PipelineDialogHistoryResponseSchema, read.body)
    expect(dialog.title).toBe(`${seedTravelRequest.slice(0, 99).trimEnd()}…`)
    expect(dialog.messages.map((m) => [m.role, m.content, m.assistant_payload])).toEqual([
      ['user', seedTravelRequest, null],
      ['assistant', response.chat_reply_ru, response],
    ])

    const list = await call(harness.app, 'GET', '/api/v1/pipelines/dialogs', { token: user.token })
    const [item] = contract(PipelineDialogListItemResponseSchema.array(), list.body)
    expect(item).toMatchObject({
      dialog_id: generated.dialogId,
      title: dialog.title,
      last_status: 'ready',
      last_pipeline_id: response.pipeline_id,
    })
    expect(item?.last_message_preview?.length).toBeLessThanOrEqual(200)
    expect(response.chat_reply_ru).toContain(item?.last_message_preview?.slice(0, -1))
  })

  it("asks for a missing input (the seed's needs_input) and completes with the next message", async () => {
    const first = await generate(harness.app, user.token, travelRequestWithoutTemplate)
    expect(first.body).toEqual(seedNeedsInput)
    const second = await generate(harness.app, user.token, 'offer_template_2026', first.dialogId)
    expect(second.body).toMatchObject({ status: 'ready', ...seedGraphFor(capabilities) })

    // The values found across the dialog are the pipeline's run defaults.
    const runId = await startRun(harness.app, user.token, second.body.pipeline_id)
    expect((await execution(harness.app, user.token, runId)).inputs).toEqual(TRAVEL_INPUTS)
    const read = await history(first.dialogId)
    expect(read.body.messages.map((m: ResponseBody) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ])
    const page = await history(first.dialogId, '?limit=1&offset=2')
    expect(page.body.messages.map((m: ResponseBody) => m.content)).toEqual(['offer_template_2026'])
  })

  it('forgets the context on reset but keeps the history', async () => {
    const first = await generate(harness.app, user.token, travelRequestWithoutTemplate)
    expect(first.body.status).toBe('needs_input')
    const reset = await call(harness.app, 'POST', '/api/v1/pipelines/dialog/reset', {
      token: user.token,
      json: { dialog_id: first.dialogId },
    })
    expect(reset.status).toBe(200)
    expect(contract(DialogResetResponseSchema, reset.body).status).toBe('ok')
    // Without the reset the planner would still see the travel request (five steps).
    const after = await generate(
      harness.app,
      user.token,
      'Получи активных пользователей за последние 7 дней',
      first.dialogId,
    )
    expect(after.body.nodes.map((node: ResponseBody) => node.name)).toEqual(['get_recent_users'])
    expect((await history(first.dialogId)).body.messages).toHaveLength(4)
  })

  it("denies another user's dialog (403) and answers 404 for an unknown one", async () => {
    const mine = await generate(harness.app, user.token, seedTravelRequest)
    const stranger = await signUp(harness.app)
    const denied = { detail: 'Access denied for dialog' }
    const theirGenerate = await generate(harness.app, stranger.token, 'привет', mine.dialogId)
    expect([theirGenerate.status, theirGenerate.body]).toEqual([403, denied])
    const theirHistory = await history(mine.dialogId, '', stranger.token)
    expect([theirHistory.status, theirHistory.body]).toEqual([403, denied])
    const theirReset = await call(harness.app, 'POST', '/api/v1/pipelines/dialog/reset', {
      token: stranger.token,
      json: { dialog_id: mine.dialogId },
    })
    expect([theirReset.status, theirReset.body]).toEqual([403, denied])
    const theirList = await call(harness.app, 'GET', '/api/v1/pipelines/dialogs', {
      token: stranger.token,
    })
    expect(theirList.body).toEqual([])

    const unknown = randomUUID()
    expect((await history(unknown)).status).toBe(404)
    const resetUnknown = await call(harness.app, 'POST', '/api/v1/pipelines/dialog/reset', {
      token: user.token,
      json: { dialog_id: unknown },
    })
    expect(resetUnknown.status).toBe(404)
  })

  it('plans only with capability_ids when given; an unknown one is a 404', async () => {
    const users = capabilities.find((c) => c.name === 'users_service')
    const hotels = capabilities.find((c) => c.name === 'hotels_service')
    if (!users || !hotels) throw new Error('fixture')
    const narrowed = await generate(
      harness.app,
      user.token,
      'Получи активных пользователей за последние 7 дней',
      randomUUID(),
      [hotels.id],
    )
    expect(narrowed.body.status).not.toBe('ready')
    const allowed = await generate(
      harness.app,
      user.token,
      'Получи активных пользователей за последние 7 дней',
      randomUUID(),
      [users.id],
    )
    expect(allowed.body.nodes.map((n: ResponseBody) => n.endpoints[0].capability_id)).toEqual([
      users.id,
    ])
    const unknown = await generate(harness.app, user.token, 'x', randomUUID(), [randomUUID()])
    expect([unknown.status, unknown.body]).toEqual([404, { detail: 'Capability not found' }])
    expect((await history(unknown.dialogId)).status).toBe(404)
  })

  it('validates requests and bounds (401, 422)', async () => {
    const noToken = await call(harness.app, 'GET', '/api/v1/pipelines/dialogs')
    expect(noToken.status).toBe(401)
    for (const json of [
      { dialog_id: randomUUID(), message: '' },
      { dialog_id: 'nope', message: 'hi' },
      { message: 'hi' },
    ]) {
      const response = await call(harness.app, 'POST', '/api/v1/pipelines/generate', {
        token: user.token,
        json,
      })
      expect(response.status).toBe(422)
    }
    for (const query of ['limit=0', 'limit=201', 'offset=-1']) {
      const response = await call(harness.app, 'GET', `/api/v1/pipelines/dialogs?${query}`, {
        token: user.token,
      })
      expect(response.status, query).toBe(422)
    }
    expect((await history(randomUUID(), '?limit=201')).status).toBe(422)
  })
})

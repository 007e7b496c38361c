import { describe, expect, test } from 'vitest'
import { buildGenerateResponse } from '../../../functions/pipelines/planning/build-response.ts'
import { restrictCatalog } from '../../../functions/pipelines/planning/catalog.ts'
import { planOffline } from '../../../functions/pipelines/planning/offline-planner.ts'
import type { PlanOutcome } from '../../../functions/pipelines/planning/plan-outcome.ts'
import type { CatalogAction, DialogTurn } from '../../../functions/pipelines/planning/types.ts'
import {
  type PipelineGenerateResponse,
  PipelineGenerateResponseSchema,
} from '../../../functions/pipelines/schema.ts'
import {
  seedNeedsInput,
  seedReady,
  seedTravelRequest,
  travelCatalog,
  travelRequestWithoutTemplate,
} from './travel-fixture.ts'

const user = (content: string): DialogTurn => ({ role: 'user', content })
const assistant = (content: string): DialogTurn => ({ role: 'assistant', content })

function respond(outcome: PlanOutcome, pipelineId: string | null = null): PipelineGenerateResponse {
  const response = buildGenerateResponse(outcome, { pipelineId })
  // Every response must satisfy the contract, as the route will serve it.
  return PipelineGenerateResponseSchema.parse(response)
}

const travelInputs = {
  days_back: 7,
  city: 'Berlin',
  hotels_limit: 5,
  template_id: 'offer_template_2026',
}

function expectSeedGraph(response: PipelineGenerateResponse) {
  expect(response.status).toBe('ready')
  expect(response.nodes).toEqual(seedReady.nodes)
  expect(response.edges).toEqual(seedReady.edges)
  expect(response.nodes.map((node) => node.external_inputs)).toEqual([
    ['days_back'],
    ['city', 'hotels_limit'],
    [],
    [],
    ['template_id'],
  ])
}

describe('offline planner', () => {
  test("builds the seed's ready graph from the seed's travel request", () => {
    const outcome = planOffline({ messages: [user(seedTravelRequest)], catalog: travelCatalog })
    const response = respond(outcome, seedReady.pipeline_id ?? null)
    expectSeedGraph(response)
    expect(response.message_ru).toBe(seedReady.message_ru)
    expect(response.pipeline_id).toBe(seedReady.pipeline_id)
    expect(response.missing_requirements).toEqual([])
    expect(response.context_summary).toBe(
      'Используются 5 capability: users_service, hotels_service, segmentation_service, assignment_service, email_service.',
    )
    expect(outcome.status === 'ready' && outcome.inputs).toEqual(travelInputs)
  })

  test('is deterministic', () => {
    const plan = () => planOffline({ messages: [user(seedTravelRequest)], catalog: travelCatalog })
    expect(plan()).toEqual(plan())
  })

  test("answers the seed's needs_input when the template is not named", () => {
    const outcome = planOffline({
      messages: [user(travelRequestWithoutTemplate)],
      catalog: travelCatalog,
    })
    expect(respond(outcome)).toEqual(seedNeedsInput)
    expect(outcome.status === 'needs_input' && outcome.inputs).toEqual({
      days_back: 7,
      city: 'Berlin',
      hotels_limit: 5,
    })
  })

  test.each([
    ['offer_template_2026'],
    ['по шаблону offer_template_2026'],
    ['template_id: offer_template_2026'],
    ['Используй шаблон "offer_template_2026".'],
  ])('the next message %j in the same dialog completes the pipeline', (reply) => {
    const messages = [
      user(travelRequestWithoutTemplate),
      assistant(seedNeedsInput.chat_reply_ru),
      user(reply),
    ]
    const outcome = planOffline({ messages, catalog: travelCatalog })
    expectSeedGraph(respond(outcome))
    expect(outcome.status === 'ready' && outcome.inputs).toEqual(travelInputs)
  })

  test('understands the request in English', () => {
    const request =
      'Send personalized hotel offers by email to users who were active in the last 7 days: pick the top 5 hotels in Berlin, segment the users and use template offer_template_2026.'
    const outcome = planOffline({ messages: [user(request)], catalog: travelCatalog })
    expectSeedGraph(respond(outcome))
    expect(outcome.status === 'ready' && outcome.inputs).toEqual(travelInputs)
  })

  test('plans only what a smaller request asks for', () => {
    const outcome = planOffline({
      messages: [user('Получи активных пользователей за последние 30 дней')],
      catalog: travelCatalog,
    })
    const response = respond(outcome)
    expect(response.status).toBe('ready')
    expect(response.nodes.map((node) => node.name)).toEqual(['get_recent_users'])
    expect(response.edges).toEqual([])
    expect(outcome.status === 'ready' && outcome.inputs).toEqual({ days_back: 30 })
  })

  test('a bare value answers the one open question', () => {
    const first = planOffline({
      messages: [user('Get the recent active users')],
      catalog: travelCatalog,
    })
    const asked = respond(first)
    expect(asked).toMatchObject({ status: 'needs_input', missing_requirements: ['days_back'] })
    expect(asked.message_ru).toBe('Уточните days_back для получения пользователей.')
    expect(asked.chat_reply_ru).toBe('Нужен days_back для шага получения пользователей.')
    const messages = [
      user('Get the recent active users'),
      assistant(asked.chat_reply_ru),
      user('14'),
    ]
    const outcome = planOffline({ messages, catalog: travelCatalog })
    expect(outcome.status === 'ready' && outcome.inputs).toEqual({ days_back: 14 })
  })

  test('asks for several missing inputs at once', () => {
    const outcome = planOffline({
      messages: [user('Подбери лучшие отели')],
      catalog: travelCatalog,
    })
    const response = respond(outcome)
    expect(response.missing_requirements).toEqual(['city', 'hotels_limit'])
    expect(response.message_ru).toBe('Уточните city, hotels_limit для получения отелей.')
    expect(response.chat_reply_ru).toBe(
      'Нужны параметры: city (шаг получения отелей); hotels_limit (шаг получения отелей).',
    )
  })

  test('a request no capability serves says what is missing', () => {
    const outcome = planOffline({
      messages: [user('Отправь SMS всем клиентам о распродаже')],
      catalog: travelCatalog,
    })
    const response = respond(outcome)
    expect(response).toMatchObject({
      status: 'cannot_build',
      message_ru: 'Не удалось собрать пайплайн: нет подходящих capability.',
      missing_requirements: ['capability:sms', 'capability:распродаже'],
      pipeline_id: null,
      nodes: [],
      edges: [],
    })
    expect(response.chat_reply_ru).toContain('Не нашлось capability для: sms, распродаже.')
  })

  test('modifiers the plan does not use ("на 3 дня") do not block it', () => {
    const catalog = restrictCatalog(travelCatalog, ['470ae37e-029e-4c67-a293-acb848675d0b'])
    const outcome = planOffline({
      messages: [user('Подбери топ-5 отелей в Берлине на 3 дня')],
      catalog,
    })
    expect(respond(outcome).nodes.map((node) => node.name)).toEqual(['get_top_hotels'])
    expect(outcome.status === 'ready' && outcome.inputs).toEqual({
      city: 'Berlin',
      hotels_limit: 5,
    })
  })

  test('names the type no capability produces', () => {
    const catalog = travelCatalog.filter((action) => action.name !== 'get_top_hotels')
    const response = respond(planOffline({ messages: [user(seedTravelRequest)], catalog }))
    expect(response).toMatchObject({
      status: 'cannot_build',
      missing_requirements: ['capability_output:hotels[]'],
      chat_reply_ru:
        'Для шага «segment_users_by_hotel_preferences» нужны данные типа hotels[], но ни одна capability их не возвращает.',
    })
  })

  test('says so when the organization has no capabilities', () => {
    const response = respond(planOffline({ messages: [user(seedTravelRequest)], catalog: [] }))
    expect(response).toMatchObject({
      status: 'cannot_build',
      missing_requirements: ['capabilities'],
    })
  })

  test('capability_ids narrow what the planner may use', () => {
    const catalog = restrictCatalog(travelCatalog, ['C4BE1E66-2E04-4C6F-8D8F-6F39F1F46087'])
    expect(catalog.map((action) => action.name)).toEqual(['get_recent_users'])
    expect(restrictCatalog(travelCatalog, null)).toHaveLength(5)
    const response = respond(planOffline({ messages: [user(seedTravelRequest)], catalog }))
    // Fetching users alone would not be the email campaign that was asked for.
    expect(response).toMatchObject({
      status: 'cannot_build',
      missing_requirements: [
        'capability:send',
        'capability:offer',
        'capability:hotel',
        'capability:segment',
        'capability:email',
      ],
    })
  })

  test('fills {parameter} placeholders of action descriptions with found values', () => {
    const catalog: CatalogAction[] = travelCatalog.map((action) =>
      action.name === 'get_recent_users'
        ? {
            ...action,
            description: 'Получить активных пользователей за последние {days_back} дней.',
          }
        : action,
    )
    const outcome = planOffline({ messages: [user(seedTravelRequest)], catalog })
    expect(respond(outcome).nodes[0]?.description).toBe(seedReady.nodes[0]?.description)
  })

  test('a schema default stands in for a missing value', () => {
    const catalog: CatalogAction[] = travelCatalog.map((action) =>
      action.name === 'send_hotel_offers_by_email'
        ? {
            ...action,
            inputSchema: {
              ...action.inputSchema,
              properties: {
                assignments: { type: 'array' },
                template_id: { type: 'string', default: 'basic' },
              },
            },
          }
        : action,
    )
    const outcome = planOffline({ messages: [user(travelRequestWithoutTemplate)], catalog })
    expect(respond(outcome).status).toBe('ready')
    expect(outcome.status === 'ready' && outcome.inputs.template_id).toBeUndefined()
  })
})

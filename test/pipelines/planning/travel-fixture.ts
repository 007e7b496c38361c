import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { catalogFromCapabilities } from '../../../functions/pipelines/planning/catalog.ts'
import type { CatalogAction } from '../../../functions/pipelines/planning/types.ts'
import {
  type Capability,
  type CapabilityCreate,
  CapabilityCreateSchema,
  CapabilitySchema,
  type PipelineGenerateResponse,
} from '../../../functions/pipelines/schema.ts'

/** The copilot seed (a verbatim copy, so CI needs nothing outside the repo), parsed. */
export const seed = parse(
  readFileSync(new URL('./fixtures/copilot-openapi.yaml', import.meta.url), 'utf8'),
)

type Examples = Record<
  'ready' | 'needs_input' | 'cannot_build',
  { value: PipelineGenerateResponse }
>
const generateExamples: Examples =
  seed.paths['/api/v1/pipelines/generate'].post.responses['200'].content['application/json']
    .examples

export const seedReady = generateExamples.ready.value
export const seedNeedsInput = generateExamples.needs_input.value
export const seedCannotBuild = generateExamples.cannot_build.value
export const seedTravelRequest: string =
  seed.paths['/api/v1/pipelines/generate'].post.requestBody.content['application/json'].examples
    .travel_offer_case.value.message

const object = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  properties,
  required,
})
const array = { type: 'array', items: { type: 'object' } }

/** The five capabilities behind the seed's ready example: ids, names, descriptions and types as there. */
const registrations: { id: string; actionId: string; create: CapabilityCreate }[] = [
  {
    id: 'c4be1e66-2e04-4c6f-8d8f-6f39f1f46087',
    actionId: 'e4b0bcb6-6a8c-4b0a-8e18-3f44b5f7d1c2',
    create: CapabilityCreateSchema.parse({
      name: 'users_service',
      description: 'Пользователи и их активность.',
      base_url: 'http://127.0.0.1:9101',
      headers: { Authorization: 'Bearer secret' },
      actions: [
        {
          name: 'get_recent_users',
          description: 'Получить активных пользователей за последние 7 дней.',
          method: 'GET',
          path: '/users/recent',
          input_schema: object({ days_back: { type: 'integer', minimum: 1 } }, ['days_back']),
          output_schema: object({ users: array }, []),
          input_type: null,
          output_type: 'users[]',
          external_inputs: ['days_back'],
          timeout_ms: 30000,
        },
      ],
    }),
  },
  {
    id: '470ae37e-029e-4c67-a293-acb848675d0b',
    actionId: '96f0bc8f-e294-46a9-9a0e-48e1b8f2a941',
    create: CapabilityCreateSchema.parse({
      name: 'hotels_service',
      base_url: 'http://127.0.0.1:9102',
      actions: [
        {
          name: 'get_top_hotels',
          description: 'Получить топ-5 отелей в Берлине.',
          method: 'GET',
          path: '/hotels/top',
          input_schema: object({ city: { type: 'string' }, hotels_limit: { type: 'integer' } }, [
            'city',
            'hotels_limit',
          ]),
          output_type: 'hotels[]',
          external_inputs: ['city', 'hotels_limit'],
        },
      ],
    }),
  },
  {
    id: '518ea04f-f891-4529-8c74-06e8cd9d2f43',
    actionId: '92dfce86-34dd-4c1d-9ee7-4214a16cbd99',
    create: CapabilityCreateSchema.parse({
      name: 'segmentation_service',
      base_url: 'http://127.0.0.1:9103',
      actions: [
        {
          name: 'segment_users_by_hotel_preferences',
          description: 'Сегментация пользователей по предпочтениям.',
          method: 'POST',
          path: '/segments',
          input_schema: object({ users: array, hotels: array }, ['users', 'hotels']),
          input_type: { users: 'users[]', hotels: 'hotels[]' },
          output_type: 'segments[]',
        },
      ],
    }),
  },
  {
    id: '70c67642-c8d2-4eb2-a57b-d5e42dc04342',
    actionId: 'c57f4c88-7307-4e2c-9d36-6756be8e6ab0',
    create: CapabilityCreateSchema.parse({
      name: 'assignment_service',
      base_url: 'http://127.0.0.1:9104',
      actions: [
        {
          name: 'assign_users_to_hotels',
          description: 'Назначить пользователю релевантный отель.',
          method: 'POST',
          path: '/assignments/hotels',
          input_schema: object({ segments: array }, ['segments']),
          input_type: { segments: 'segments[]' },
          output_type: 'assignments[]',
        },
      ],
    }),
  },
  {
    id: '3b90595e-3f6f-4b4a-a89a-63daecf8ed03',
    actionId: '3c97cc71-5cf6-45fd-8f75-2cf1ccfc7c45',
    create: CapabilityCreateSchema.parse({
      name: 'email_service',
      base_url: 'http://127.0.0.1:9105',
      actions: [
        {
          name: 'send_hotel_offers_by_email',
          description: 'Отправить персональные email-офферы.',
          method: 'POST',
          path: '/emails/offers',
          input_schema: object(
            {
              assignments: array,
              template_id: { type: 'string', examples: ['offer_template_2026'] },
            },
            ['assignments', 'template_id'],
          ),
          input_type: { assignments: 'assignments[]' },
          output_type: 'delivery_report',
          external_inputs: ['template_id'],
        },
      ],
    }),
  },
]

const at = '2026-03-16T12:00:00Z'

/** The capabilities as the API returns them (header values withheld). */
export const travelCapabilities: Capability[] = registrations.map(({ id, actionId, create }) =>
  CapabilitySchema.parse({
    id,
    name: create.name,
    description: create.description,
    base_url: create.base_url,
    header_names: Object.keys(create.headers),
    actions: create.actions.map((action) => ({ ...action, id: actionId, capability_id: id })),
    created_at: at,
    updated_at: at,
  }),
)

export const travelCatalog: CatalogAction[] = catalogFromCapabilities(travelCapabilities)

/** The seed request without its last words, "по шаблону offer_template_2026". */
export const travelRequestWithoutTemplate = seedTravelRequest.replace(
  ' по шаблону offer_template_2026',
  '',
)

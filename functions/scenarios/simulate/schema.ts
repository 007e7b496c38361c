import { z } from '@hono/zod-openapi'
import { normalizedEventSchema } from '../../bots/event-schema.ts'

const jsonObject = () => z.record(z.string(), z.unknown()).openapi({ additionalProperties: true })

export const SimulateRequestSchema = z
  .object({
    event: normalizedEventSchema.openapi({
      description:
        'A normalized event (coreness §5); fields the tenant sets (tenant_id, bot_id, system) are filled in',
      example: {
        event_type: 'message',
        event_text: '/start',
        user_id: 42,
        chat_id: 42,
        first_name: 'Ann',
      },
    }),
    scenarios: z.string().optional().openapi({
      description: "Scenario YAML to try instead of the tenant's loaded scenarios",
      example:
        'start:\n  trigger:\n    - event_type: message\n      event_text: /start\n  step:\n    - action: send_message\n      params: {text: "Hi {first_name}"}\n',
    }),
    storage: z.string().optional().openapi({
      description:
        'Tenant Storage seed YAML ({group: {key: value}}); its groups replace the stored ones for this run',
    }),
    user_state: z.string().nullable().optional().openapi({
      description: "The user's state for this event; without it, the stored state",
    }),
  })
  .openapi('SimulateRequest')

const ActionErrorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.array(jsonObject()).optional(),
  })
  .openapi('ActionError')

const SimulatedStepSchema = z
  .object({
    index: z.number().int(),
    action: z.string(),
    params: jsonObject().openapi({ description: 'After placeholders' }),
    result: z.string(),
    error: ActionErrorSchema.nullable(),
    response_data: jsonObject().nullable(),
    transition: z
      .string()
      .openapi({ description: 'The transition applied; continue when none matched' }),
    async: z.boolean().optional(),
  })
  .openapi('SimulatedStep')

const SimulatedRunSchema = z
  .object({
    scenario: z.string(),
    result: z.enum(['success', 'break', 'abort', 'stop', 'error', 'suspended']),
    cache: jsonObject().openapi({ description: '`_cache` when the scenario ended' }),
    steps: z.array(SimulatedStepSchema),
    called_by: z
      .object({
        scenario: z.string(),
        step: z.number().int(),
        via: z.enum(['execute_scenario', 'jump_to_scenario']),
      })
      .optional(),
    error: z.string().optional(),
  })
  .openapi('SimulatedRun')

export const SimulateResponseSchema = z
  .object({
    matched: z
      .array(z.string())
      .openapi({ description: 'Scenarios the triggers matched, in load order' }),
    runs: z.array(SimulatedRunSchema).openapi({
      description:
        'Every scenario run, matched ones and those they jumped to or executed, in start order',
    }),
    calls: z
      .array(z.object({ service: z.string(), method: z.string(), payload: z.unknown() }))
      .openapi({
        description: 'Calls to outside systems the event would have made (nothing was sent)',
      }),
    warnings: z.array(z.string()),
    error: z.string().optional(),
  })
  .openapi('SimulateResponse')

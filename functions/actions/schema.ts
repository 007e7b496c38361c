import { z } from '@hono/zod-openapi'

export const ActionInfoSchema = z
  .object({
    name: z.string(),
    service: z.string(),
    description: z.string(),
    access: z.enum(['public', 'system', 'internal']),
    is_mutating: z.boolean(),
    is_idempotent: z.boolean(),
    timeout_ms: z.number().int(),
    input_schema: z.record(z.string(), z.unknown()),
    output_schema: z.record(z.string(), z.unknown()),
  })
  .openapi('ActionInfo')

export const ActionListSchema = z
  .object({ actions: z.array(ActionInfoSchema) })
  .openapi('ActionList')

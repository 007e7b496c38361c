import { z } from '@hono/zod-openapi'
import { CapabilitySchema } from '../pipelines/schema.ts'

// The capability shapes live beside the copilot contract, whose planner reads them.
export {
  CapabilityActionCreateSchema,
  CapabilityActionSchema,
  CapabilityCreateSchema,
  CapabilitySchema,
} from '../pipelines/schema.ts'

export const CapabilityIdParamSchema = z.object({
  capability_id: z.guid().openapi({ format: 'uuid' }),
})

export const CapabilityListSchema = z.array(CapabilitySchema)

import { z } from '@hono/zod-openapi'
import { IsoDateTime } from '../platform/openapi.ts'

export const OrgIdParamSchema = z.object({
  org_id: z.uuid().openapi({ param: { name: 'org_id', in: 'path' } }),
})

export const ApiKeyParamSchema = OrgIdParamSchema.extend({
  key_id: z.uuid().openapi({ param: { name: 'key_id', in: 'path' } }),
})

export const ApiKeyCreateSchema = z
  .object({ name: z.string().trim().min(1).max(100).default('default') })
  .openapi('ApiKeyCreate')

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    organization_id: z.uuid(),
    name: z.string(),
    prefix: z
      .string()
      .openapi({ description: 'The first characters of the key, to tell keys apart' }),
    created_at: IsoDateTime,
    last_used_at: IsoDateTime.nullable(),
  })
  .openapi('ApiKey')

export const ApiKeyCreatedSchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The key itself. Shown once; only its hash is stored.' }),
}).openapi('ApiKeyCreated')

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList')

import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './context.ts'
import { validationError, validationItems } from './errors.ts'

const jsonObject = () => z.record(z.string(), z.unknown()).openapi({ additionalProperties: true })

/** The seed's error shapes (copilot-openapi.yaml), exactly as it writes them (oneOf, optional detail). */
export const ErrorResponseSchema = z
  .object({
    detail: z
      .union([z.string(), jsonObject(), z.array(jsonObject())])
      .openapi({}, { unionPreferredType: 'oneOf' })
      .optional(),
  })
  .openapi('ErrorResponse')

export const ValidationErrorSchema = z
  .object({
    loc: z.array(
      z.union([z.string(), z.number().int()]).openapi({}, { unionPreferredType: 'oneOf' }),
    ),
    msg: z.string(),
    type: z.string(),
  })
  .openapi('ValidationError')

export const HTTPValidationErrorSchema = z
  .object({ detail: z.array(ValidationErrorSchema).optional() })
  .openapi('HTTPValidationError')

const ERROR_DESCRIPTIONS = {
  400: 'Bad request',
  401: 'Missing or invalid credentials',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
} as const

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** Error responses for a route's OpenAPI entry; 422 is always listed since every input is validated. */
export function errorResponses(...statuses: ErrorStatus[]) {
  const entries = statuses.map((status) => [
    status,
    json(ErrorResponseSchema, ERROR_DESCRIPTIONS[status]),
  ])
  return {
    ...Object.fromEntries(entries),
    422: json(HTTPValidationErrorSchema, 'Validation error'),
  } as Record<ErrorStatus, ReturnType<typeof json<typeof ErrorResponseSchema>>> &
    Record<422, ReturnType<typeof json<typeof HTTPValidationErrorSchema>>>
}

export const bearerSecurity: { bearerAuth: string[] }[] = [{ bearerAuth: [] }]

/** Every router shares the hook that turns zod failures into FastAPI-style 422s. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(validationItems(result.error, result.target))
    },
  })
}

export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .openapi({ example: '2026-11-23T12:00:00Z' })

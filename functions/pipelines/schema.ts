import { z } from '@hono/zod-openapi'

/*
 * The copilot contract (seeds/copilot-openapi.yaml), component for component. Component names,
 * required lists, nullability, defaults and bounds follow the seed; the OpenAPI overrides below
 * exist only so the generated document renders the same shapes (oneOf, bare `nullable`).
 */

// FastAPI/pydantic accept any 8-4-4-4-12 hex id; z.uuid() would reject the seed's own
// "11111111-1111-1111-1111-111111111111" (its version/variant nibbles are not RFC 9562).
const uuid = () => z.guid().openapi({ format: 'uuid' })
const dateTime = () => z.iso.datetime({ offset: true })
const jsonObject = () => z.record(z.string(), z.unknown()).openapi({ additionalProperties: true })
// Seed fields with `nullable: true` and no type: the refine keeps them in `required`, and the
// generator renders a bare `nullable: true` for them.
const nullableAny = () => z.unknown().refine((value) => value !== undefined, 'Field required')
// The typings only admit keys shared by OpenAPI 3.0 and 3.1, and `nullable` is 3.0-only, so the
// metadata goes in as a value rather than an object literal.
const nullableStringOrObject = {
  oneOf: [{ type: 'string' as const }, { type: 'object' as const, additionalProperties: true }],
  nullable: true,
}
const stringOrObject = () =>
  z
    .union([z.string(), jsonObject()])
    .openapi(nullableStringOrObject, { unionPreferredType: 'oneOf' })
    .nullable()
    .optional()

export const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
export const GenerateStatusSchema = z.enum(['ready', 'needs_input', 'cannot_build'])
export const RunStatusSchema = z.enum([
  'QUEUED',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'PARTIAL_FAILED',
])
export const StepStatusSchema = z.enum(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'])

// The error shapes are the platform's (every route answers them); re-exported as the seed names them.
export {
  ErrorResponseSchema,
  HTTPValidationErrorSchema,
  ValidationErrorSchema,
} from '../platform/openapi.ts'

import type {
  ErrorResponseSchema,
  HTTPValidationErrorSchema,
  ValidationErrorSchema,
} from '../platform/openapi.ts'

export const PipelineInputTypeFromPreviousSchema = z
  .object({ from_step: z.number().int(), type: z.string() })
  .openapi('PipelineInputTypeFromPrevious')

export const PipelineStepEndpointSchema = z
  .object({
    name: z.string(),
    capability_id: uuid(),
    action_id: uuid().nullable().optional(),
    type: z.string().nullable().optional(),
    input_type: stringOrObject(),
    output_type: stringOrObject(),
  })
  .openapi('PipelineStepEndpoint')

export const PipelineGraphNodeSchema = z
  .object({
    step: z.number().int(),
    name: z.string(),
    description: z.string().nullable().optional(),
    input_connected_from: z.array(z.number().int()).default([]),
    output_connected_to: z.array(z.number().int()).default([]),
    input_data_type_from_previous: z.array(PipelineInputTypeFromPreviousSchema).default([]),
    external_inputs: z.array(z.string()).default([]),
    endpoints: z.array(PipelineStepEndpointSchema).default([]),
  })
  .openapi('PipelineGraphNode')

export const PipelineGraphEdgeSchema = z
  .object({ from_step: z.number().int(), to_step: z.number().int(), type: z.string() })
  .openapi('PipelineGraphEdge')

export const PipelineGenerateRequestSchema = z
  .object({
    dialog_id: uuid(),
    message: z.string().min(1),
    capability_ids: z.array(uuid()).nullable().optional(),
  })
  .openapi('PipelineGenerateRequest')

// Required and defaulted at once in the seed: a zod default would drop them from `required`.
export const PipelineGenerateResponseSchema = z
  .object({
    status: GenerateStatusSchema,
    message_ru: z.string(),
    chat_reply_ru: z.string(),
    pipeline_id: uuid().nullable().optional(),
    nodes: z.array(PipelineGraphNodeSchema).openapi({ default: [] }),
    edges: z.array(PipelineGraphEdgeSchema).openapi({ default: [] }),
    missing_requirements: z.array(z.string()).openapi({ default: [] }),
    context_summary: z.string().nullable().optional(),
  })
  .openapi('PipelineGenerateResponse')

export const DialogResetRequestSchema = z
  .object({ dialog_id: uuid() })
  .openapi('DialogResetRequest')

export const DialogResetResponseSchema = z
  .object({ status: z.enum(['ok']), message_ru: z.string() })
  .openapi('DialogResetResponse')

export const PipelineDialogListItemResponseSchema = z
  .object({
    dialog_id: uuid(),
    title: z.string().nullable().optional(),
    last_status: z.string().nullable().optional(),
    last_pipeline_id: uuid().nullable().optional(),
    last_message_preview: z.string().nullable().optional(),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .openapi('PipelineDialogListItemResponse')

export const PipelineDialogMessageResponseSchema = z
  .object({
    id: uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    assistant_payload: jsonObject().nullable().optional(),
    created_at: dateTime(),
  })
  .openapi('PipelineDialogMessageResponse')

export const PipelineDialogHistoryResponseSchema = z
  .object({
    dialog_id: uuid(),
    title: z.string().nullable().optional(),
    messages: z.array(PipelineDialogMessageResponseSchema).openapi({ default: [] }),
  })
  .openapi('PipelineDialogHistoryResponse')

export const RunPipelineRequestSchema = z
  .object({ inputs: jsonObject().default({}) })
  .openapi('RunPipelineRequest')

export const RunPipelineResponseSchema = z
  .object({ run_id: uuid(), pipeline_id: uuid(), status: z.enum(['QUEUED', 'RUNNING']) })
  .openapi('RunPipelineResponse')

export const ExecutionRunListItemResponseSchema = z
  .object({
    id: uuid(),
    pipeline_id: uuid(),
    status: RunStatusSchema,
    error: z.string().nullable().optional(),
    started_at: dateTime().nullable().optional(),
    finished_at: dateTime().nullable().optional(),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .openapi('ExecutionRunListItemResponse')

export const ExecutionStepRunResponseSchema = z
  .object({
    step: z.number().int(),
    name: z.string().nullable().optional(),
    capability_id: uuid().nullable().optional(),
    action_id: uuid().nullable().optional(),
    // Without the override the generator lists null among the enum values.
    method: HttpMethodSchema.nullable().optional().openapi({ enum: HttpMethodSchema.options }),
    status_code: z.number().int().nullable().optional(),
    status: StepStatusSchema,
    resolved_inputs: jsonObject().nullable().optional(),
    accepted_payload: nullableAny(),
    output_payload: nullableAny(),
    request_snapshot: jsonObject().nullable().optional(),
    response_snapshot: jsonObject().nullable().optional(),
    error: z.string().nullable().optional(),
    started_at: dateTime().nullable().optional(),
    finished_at: dateTime().nullable().optional(),
    duration_ms: z.number().int().nullable().optional(),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .openapi('ExecutionStepRunResponse')

export const ExecutionRunDetailResponseSchema = z
  .object({
    id: uuid(),
    pipeline_id: uuid(),
    status: RunStatusSchema,
    inputs: jsonObject().openapi({ default: {} }),
    summary: jsonObject().nullable().optional(),
    error: z.string().nullable().optional(),
    started_at: dateTime().nullable().optional(),
    finished_at: dateTime().nullable().optional(),
    created_at: dateTime(),
    updated_at: dateTime(),
    steps: z.array(ExecutionStepRunResponseSchema).openapi({ default: [] }),
  })
  .openapi('ExecutionRunDetailResponse')

// Parameters are inline in the seed, so these carry no component names.
const limit = (byDefault: number) => z.coerce.number().int().min(1).max(200).default(byDefault)
const offset = () => z.coerce.number().int().min(0).default(0)
export const DialogListQuerySchema = z.object({ limit: limit(20), offset: offset() })
export const DialogHistoryQuerySchema = z.object({ limit: limit(30), offset: offset() })
export const ExecutionListQuerySchema = z.object({ limit: limit(50), offset: offset() })
export const DialogIdParamSchema = z.object({ dialog_id: uuid() })
export const PipelineIdParamSchema = z.object({ pipeline_id: uuid() })
export const RunIdParamSchema = z.object({ run_id: uuid() })

export type HttpMethod = z.infer<typeof HttpMethodSchema>
export type GenerateStatus = z.infer<typeof GenerateStatusSchema>
export type RunStatus = z.infer<typeof RunStatusSchema>
export type StepStatus = z.infer<typeof StepStatusSchema>
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>
export type ValidationError = z.infer<typeof ValidationErrorSchema>
export type HTTPValidationError = z.infer<typeof HTTPValidationErrorSchema>
export type PipelineInputTypeFromPrevious = z.infer<typeof PipelineInputTypeFromPreviousSchema>
export type PipelineStepEndpoint = z.infer<typeof PipelineStepEndpointSchema>
export type PipelineGraphNode = z.infer<typeof PipelineGraphNodeSchema>
export type PipelineGraphEdge = z.infer<typeof PipelineGraphEdgeSchema>
export type PipelineGenerateRequest = z.infer<typeof PipelineGenerateRequestSchema>
export type PipelineGenerateResponse = z.infer<typeof PipelineGenerateResponseSchema>
export type DialogResetRequest = z.infer<typeof DialogResetRequestSchema>
export type DialogResetResponse = z.infer<typeof DialogResetResponseSchema>
export type PipelineDialogListItemResponse = z.infer<typeof PipelineDialogListItemResponseSchema>
export type PipelineDialogMessageResponse = z.infer<typeof PipelineDialogMessageResponseSchema>
export type PipelineDialogHistoryResponse = z.infer<typeof PipelineDialogHistoryResponseSchema>
export type RunPipelineRequest = z.infer<typeof RunPipelineRequestSchema>
export type RunPipelineResponse = z.infer<typeof RunPipelineResponseSchema>
export type ExecutionRunListItemResponse = z.infer<typeof ExecutionRunListItemResponseSchema>
export type ExecutionStepRunResponse = z.infer<typeof ExecutionStepRunResponseSchema>
export type ExecutionRunDetailResponse = z.infer<typeof ExecutionRunDetailResponseSchema>

// Capability registration (not in the copilot seed): what the planner knows about each action.
const identifier = () =>
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, underscore)')
    .max(100)
const typeLabel = () => z.string().min(1).max(100)

const capabilityActionFields = {
  name: identifier(),
  description: z.string().max(2000),
  method: HttpMethodSchema,
  path: z.string().startsWith('/', 'must start with /').max(2000),
  input_schema: jsonObject(),
  output_schema: jsonObject(),
  // A label map says which parameter each predecessor type feeds; a bare label feeds the one
  // required parameter that is not an external input.
  input_type: z.union([typeLabel(), z.record(identifier(), typeLabel())]).nullable(),
  output_type: typeLabel().nullable(),
  external_inputs: z.array(identifier()),
  timeout_ms: z.number().int().min(1).max(300_000),
}

export const CapabilityActionCreateSchema = z
  .object({
    ...capabilityActionFields,
    description: capabilityActionFields.description.default(''),
    input_schema: jsonObject().default({ type: 'object', properties: {} }),
    output_schema: jsonObject().default({}),
    input_type: capabilityActionFields.input_type.default(null),
    output_type: capabilityActionFields.output_type.default(null),
    external_inputs: capabilityActionFields.external_inputs.default([]),
    timeout_ms: capabilityActionFields.timeout_ms.default(30_000),
  })
  .superRefine((action, ctx) => {
    const properties = action.input_schema.properties
    if (typeof properties !== 'object' || properties === null) return
    const declared = new Set(Object.keys(properties))
    const fedNames =
      typeof action.input_type === 'object' && action.input_type !== null
        ? Object.keys(action.input_type)
        : []
    for (const name of action.external_inputs) {
      if (!declared.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['external_inputs'],
          message: `"${name}" is not a property of input_schema`,
        })
      }
    }
    for (const name of fedNames) {
      if (!declared.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['input_type', name],
          message: `"${name}" is not a property of input_schema`,
        })
      }
    }
  })
  .openapi('CapabilityActionCreate')

export const CapabilityCreateSchema = z
  .object({
    name: identifier(),
    description: z.string().max(2000).default(''),
    base_url: z.url({ protocol: /^https?$/ }),
    headers: z.record(z.string().min(1), z.string()).default({}),
    actions: z.array(CapabilityActionCreateSchema).min(1),
  })
  .superRefine((capability, ctx) => {
    const seen = new Set<string>()
    capability.actions.forEach((action, index) => {
      if (seen.has(action.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', index, 'name'],
          message: `duplicate action name "${action.name}"`,
        })
      }
      seen.add(action.name)
    })
  })
  .openapi('CapabilityCreate')

export const CapabilityActionSchema = z
  .object({ id: uuid(), capability_id: uuid(), ...capabilityActionFields })
  .openapi('CapabilityAction')

// Header values are credentials: responses name the headers but never echo their values.
export const CapabilitySchema = z
  .object({
    id: uuid(),
    name: z.string(),
    description: z.string(),
    base_url: z.string(),
    header_names: z.array(z.string()),
    actions: z.array(CapabilityActionSchema),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .openapi('Capability')

export type CapabilityActionCreate = z.infer<typeof CapabilityActionCreateSchema>
export type CapabilityCreate = z.infer<typeof CapabilityCreateSchema>
export type CapabilityAction = z.infer<typeof CapabilityActionSchema>
export type Capability = z.infer<typeof CapabilitySchema>

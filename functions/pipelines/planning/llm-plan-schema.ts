import { type JSONSchema7, jsonSchema } from 'ai'
import { z } from 'zod'
import type { PipelineGraphNode } from '../schema.ts'
import type { CatalogAction, PlanGraph, PlanInputValue } from './types.ts'

/*
 * What the LLM must answer. Every field is required and maps are arrays, so the JSON Schema is
 * accepted by strict structured-output modes (OpenAI, Ollama's /v1).
 */
export const llmPlanSchema = z.object({
  status: z
    .enum(['plan', 'cannot_build'])
    .describe('"cannot_build" when no combination of catalog actions fulfils the request'),
  nodes: z.array(
    z.object({
      step: z.number().int().describe('1..N in topological order'),
      action_id: z.string().describe('action_id of a catalog action'),
      description: z.string().describe('what this step does, in Russian, with concrete values'),
      input_connected_from: z.array(z.number().int()),
      output_connected_to: z.array(z.number().int()),
      input_data_type_from_previous: z.array(
        z.object({ from_step: z.number().int(), type: z.string() }),
      ),
      external_inputs: z.array(z.string()),
    }),
  ),
  edges: z.array(
    z.object({
      from_step: z.number().int(),
      to_step: z.number().int(),
      type: z.string().describe('always "data_dependency"'),
    }),
  ),
  inputs: z
    .array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }))
    .describe('external input values stated in the dialog; never invented'),
  missing_capabilities: z.array(z.string()).describe('what is missing when status is cannot_build'),
  chat_reply_ru: z.string().describe('one Russian sentence for the chat'),
  context_summary: z.string().describe('short Russian note on which capabilities are used'),
})

export type LlmPlan = z.infer<typeof llmPlanSchema>

const safeLimit = Number.MAX_SAFE_INTEGER

/**
 * The plan schema as sent to the model. zod gives every integer ±2^53 bounds; grammar-based
 * decoders (Ollama/llama.cpp) turn bounds into digit grammars, so those are dropped. The answer
 * is still validated by zod.
 */
export const llmPlanOutputSchema = jsonSchema<LlmPlan>(
  () => {
    const text = JSON.stringify(z.toJSONSchema(llmPlanSchema, { target: 'draft-7' }))
    const schema: JSONSchema7 = JSON.parse(text, (key, value) =>
      (key === 'minimum' || key === 'maximum') && Math.abs(value) === safeLimit ? undefined : value,
    )
    return schema
  },
  {
    validate: (value) => {
      const parsed = llmPlanSchema.safeParse(value)
      return parsed.success
        ? { success: true, value: parsed.data }
        : { success: false, error: parsed.error }
    },
  },
)

/** An action reference as models write it: the id, or capability.action, or a unique name. */
function findAction(
  reference: string,
  catalog: readonly CatalogAction[],
): CatalogAction | undefined {
  const wanted = reference.trim().toLowerCase()
  const byId = catalog.find((action) => action.id.toLowerCase() === wanted)
  if (byId) return byId
  const byRef = catalog.find(
    (action) => `${action.capabilityName}.${action.name}`.toLowerCase() === wanted,
  )
  if (byRef) return byRef
  const byName = catalog.filter((action) => action.name.toLowerCase() === wanted)
  return byName.length === 1 ? byName[0] : undefined
}

/**
 * The plan as a contract graph. Endpoints are filled from the catalog, never from the model; an
 * unknown reference is kept as is so validation reports it.
 */
export function graphFromLlmPlan(plan: LlmPlan, catalog: readonly CatalogAction[]): PlanGraph {
  const nodes: PipelineGraphNode[] = plan.nodes.map((node) => {
    const action = findAction(node.action_id, catalog)
    const endpoint = action
      ? {
          name: action.name,
          capability_id: action.capabilityId,
          action_id: action.id,
          output_type: action.outputType,
        }
      : { name: node.action_id, capability_id: '', action_id: node.action_id, output_type: null }
    return {
      step: node.step,
      name: endpoint.name,
      description: node.description.trim() || action?.description || null,
      input_connected_from: node.input_connected_from,
      output_connected_to: node.output_connected_to,
      input_data_type_from_previous: node.input_data_type_from_previous,
      external_inputs: node.external_inputs,
      endpoints: [endpoint],
    }
  })
  return { nodes, edges: plan.edges }
}

export function inputsFromLlmPlan(plan: LlmPlan): Record<string, PlanInputValue> {
  return Object.fromEntries(plan.inputs.map(({ name, value }) => [name, value]))
}

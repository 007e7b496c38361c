import type { LlmPlan } from '../../../functions/pipelines/planning/llm-plan-schema.ts'
import { seedReady } from './travel-fixture.ts'

/** The seed's ready graph as the LLM would answer it (actions named by action_id). */
export function seedPlan(): LlmPlan {
  return {
    status: 'plan',
    nodes: seedReady.nodes.map((node) => ({
      step: node.step,
      action_id: node.endpoints[0]?.action_id ?? '',
      description: node.description ?? '',
      input_connected_from: [...node.input_connected_from],
      output_connected_to: [...node.output_connected_to],
      input_data_type_from_previous: node.input_data_type_from_previous.map((i) => ({ ...i })),
      external_inputs: [...node.external_inputs],
    })),
    edges: seedReady.edges.map((edge) => ({ ...edge })),
    inputs: [
      { name: 'days_back', value: 7 },
      { name: 'city', value: 'Berlin' },
      { name: 'hotels_limit', value: 5 },
      { name: 'template_id', value: 'offer_template_2026' },
    ],
    missing_capabilities: [],
    chat_reply_ru: seedReady.chat_reply_ru,
    context_summary: seedReady.context_summary ?? '',
  }
}

/** The seed plan with edge 4→5 dropped but still listed by the nodes: three agreement errors. */
export function brokenPlan(): LlmPlan {
  const plan = seedPlan()
  plan.edges = plan.edges.filter((edge) => !(edge.from_step === 4 && edge.to_step === 5))
  return plan
}

export const json = (value: unknown) => JSON.stringify(value)

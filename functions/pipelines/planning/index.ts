import type { LanguageModel } from 'ai'
import { planWithLlm } from './llm-planner.ts'
import { planOffline } from './offline-planner.ts'
import type { PlanOutcome } from './plan-outcome.ts'
import type { CatalogAction, DialogTurn } from './types.ts'

export {
  buildGenerateResponse,
  LLM_UNAVAILABLE_MESSAGE_RU,
  LLM_UNAVAILABLE_REQUIREMENT,
  READY_MESSAGE_RU,
} from './build-response.ts'
export { catalogFromCapabilities, restrictCatalog } from './catalog.ts'
export {
  createLanguageModel,
  type LlmConfig,
  type LlmEnv,
  llmConfigFromEnv,
  ollamaOpenAiBaseUrl,
} from './llm-model.ts'
export { type LlmPlannerInput, planWithLlm } from './llm-planner.ts'
export { planOffline } from './offline-planner.ts'
export type {
  CannotBuildPlan,
  CannotBuildReason,
  MissingInput,
  NeedsInputPlan,
  PlanOutcome,
  ReadyPlan,
} from './plan-outcome.ts'
export type { CatalogAction, DialogTurn, PlanGraph, PlanInputValue } from './types.ts'
export { validatePlan } from './validate-plan.ts'

/** The LLM planner when a model is configured, else the deterministic offline planner. */
export function planPipeline(input: {
  model: LanguageModel | null
  messages: readonly DialogTurn[]
  catalog: readonly CatalogAction[]
}): Promise<PlanOutcome> {
  const { model, messages, catalog } = input
  return model
    ? planWithLlm({ model, messages, catalog })
    : Promise.resolve(planOffline({ messages, catalog }))
}

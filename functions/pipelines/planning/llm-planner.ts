import {
  APICallError,
  generateText,
  type LanguageModel,
  LoadAPIKeyError,
  type ModelMessage,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  Output,
  RetryError,
} from 'ai'
import {
  graphFromLlmPlan,
  inputsFromLlmPlan,
  type LlmPlan,
  llmPlanOutputSchema,
} from './llm-plan-schema.ts'
import { plannerSystemPrompt, repairRequest } from './llm-prompt.ts'
import type { CannotBuildPlan, PlanOutcome } from './plan-outcome.ts'
import { resolveInputs } from './resolve-inputs.ts'
import { contextSummary, readyChatReply } from './ru-phrases.ts'
import type { CatalogAction, DialogTurn } from './types.ts'
import { validatePlan } from './validate-plan.ts'

export type LlmPlannerInput = {
  model: LanguageModel
  messages: readonly DialogTurn[]
  catalog: readonly CatalogAction[]
  /** Retries of one model call on transient provider errors (AI SDK backoff). */
  maxRetries?: number
  /** Budget for each model call; a local model that is loading can be slow. */
  timeoutMs?: number
  abortSignal?: AbortSignal
}

type Answer =
  | { kind: 'plan'; plan: LlmPlan; text: string }
  | { kind: 'unparseable'; text: string; error: string }
  | { kind: 'unavailable' }

type Verdict = { ok: true; outcome: PlanOutcome } | { ok: false; errors: string[] }

const unavailable: CannotBuildPlan = {
  status: 'cannot_build',
  reason: 'llm_unavailable',
  missingRequirements: ['ollama_unavailable'],
  detailRu: '',
  errors: [],
}

/**
 * The model could not be reached or refused the call (connection refused, DNS, timeout, HTTP
 * error such as an unknown model or a bad key): all mean "fix the LLM configuration".
 */
function isUnavailable(error: unknown): boolean {
  if (RetryError.isInstance(error)) return true
  if (APICallError.isInstance(error) || LoadAPIKeyError.isInstance(error)) return true
  if (error instanceof Error) {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') return true
    if (error instanceof TypeError && /fetch|network|connect/i.test(error.message)) return true
  }
  return false
}

async function ask(
  input: LlmPlannerInput,
  system: string,
  messages: ModelMessage[],
): Promise<Answer> {
  const timeout = AbortSignal.timeout(input.timeoutMs ?? 120_000)
  try {
    const result = await generateText({
      model: input.model,
      instructions: system,
      messages,
      output: Output.object({ schema: llmPlanOutputSchema, name: 'pipeline_plan' }),
      temperature: 0,
      maxRetries: input.maxRetries ?? 1,
      abortSignal: input.abortSignal ? AbortSignal.any([input.abortSignal, timeout]) : timeout,
    })
    return { kind: 'plan', plan: result.output, text: result.text }
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
      return { kind: 'unparseable', text: error.text ?? '', error: `${error.message}${cause}` }
    }
    if (NoOutputGeneratedError.isInstance(error)) {
      return { kind: 'unparseable', text: '', error: error.message }
    }
    if (isUnavailable(error)) return { kind: 'unavailable' }
    throw error
  }
}

function judge(answer: Answer, catalog: readonly CatalogAction[]): Verdict {
  if (answer.kind === 'unavailable') return { ok: true, outcome: unavailable }
  if (answer.kind === 'unparseable') {
    return {
      ok: false,
      errors: [`the answer is not a JSON object matching the schema (${answer.error})`],
    }
  }
  const { plan } = answer
  if (plan.status === 'cannot_build') {
    const missing = plan.missing_capabilities.filter((item) => item.trim() !== '')
    return {
      ok: true,
      outcome: {
        status: 'cannot_build',
        reason: 'llm_declined',
        missingRequirements: missing.length > 0 ? missing : ['capability:unknown'],
        detailRu: plan.chat_reply_ru,
        errors: [],
      },
    }
  }
  const graph = graphFromLlmPlan(plan, catalog)
  const errors = validatePlan(graph, catalog)
  if (errors.length > 0) return { ok: false, errors }
  const used = catalog.filter((action) =>
    graph.nodes.some((n) => n.endpoints[0]?.action_id === action.id),
  )
  return {
    ok: true,
    outcome: resolveInputs(graph, inputsFromLlmPlan(plan), catalog, {
      chatReplyRu: plan.chat_reply_ru.trim() || readyChatReply(graph.nodes),
      contextSummary: plan.context_summary.trim() || contextSummary(used),
    }),
  }
}

/**
 * Plans with an LLM: the dialog and the catalog go in, a structured plan comes out and is
 * validated before anyone sees it. An invalid plan gets one repair round with the errors;
 * an unreachable model answers the seed's ollama_unavailable cannot_build.
 */
export async function planWithLlm(input: LlmPlannerInput): Promise<PlanOutcome> {
  const { catalog } = input
  if (catalog.length === 0) {
    return {
      status: 'cannot_build',
      reason: 'no_capabilities',
      missingRequirements: ['capabilities'],
      detailRu: 'У организации нет подключённых capability.',
      errors: [],
    }
  }
  const system = plannerSystemPrompt(catalog)
  const messages: ModelMessage[] = input.messages.map((turn) =>
    turn.role === 'user'
      ? { role: 'user', content: turn.content }
      : { role: 'assistant', content: turn.content },
  )
  const first = await ask(input, system, messages)
  const verdict = judge(first, catalog)
  if (verdict.ok) return verdict.outcome

  const previous = first.kind === 'unavailable' ? '' : first.text
  const repaired = await ask(input, system, [
    ...messages,
    { role: 'assistant', content: previous || '(no answer)' },
    { role: 'user', content: repairRequest(verdict.errors) },
  ])
  const second = judge(repaired, catalog)
  if (second.ok) return second.outcome
  return {
    status: 'cannot_build',
    reason: 'invalid_plan',
    missingRequirements: ['valid_plan'],
    detailRu: `Модель дважды предложила некорректный план: ${second.errors.slice(0, 5).join('; ')}.`,
    errors: second.errors,
  }
}

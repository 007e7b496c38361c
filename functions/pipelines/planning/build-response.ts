import type { PipelineGenerateResponse } from '../schema.ts'
import type { CannotBuildPlan, NeedsInputPlan, PlanOutcome } from './plan-outcome.ts'
import { readyChatReply, stepWording } from './ru-phrases.ts'

// Texts fixed by the seed's examples.
export const READY_MESSAGE_RU = 'Пайплайн собран. Можно запускать.'
export const LLM_UNAVAILABLE_MESSAGE_RU =
  'Не удалось обратиться к локальной модели Ollama. Проверьте OLLAMA_HOST/OLLAMA_MODEL и повторите запрос.'
export const LLM_UNAVAILABLE_REQUIREMENT = 'ollama_unavailable'

const cannotBuildMessages: Record<Exclude<CannotBuildPlan['reason'], 'llm_unavailable'>, string> = {
  no_capabilities: 'Не удалось собрать пайплайн: нет подключённых capability.',
  no_matching_capability: 'Не удалось собрать пайплайн: нет подходящих capability.',
  llm_declined: 'Не удалось собрать пайплайн: нет подходящих capability.',
  missing_producer: 'Не удалось собрать пайплайн: не хватает capability.',
  invalid_plan: 'Не удалось собрать корректный пайплайн.',
}

function needsInputTexts(plan: NeedsInputPlan): { message: string; reply: string } {
  const names = plan.missing.map((entry) => entry.name)
  const [first] = plan.missing
  if (first && plan.missing.length === 1) {
    const wording = stepWording(first.actionName)
    const example = first.example === null ? '' : ` Например: ${first.example}.`
    return {
      message: `Уточните ${first.name} для ${wording.purpose}.`,
      reply: `Нужен ${first.name} для шага ${wording.step}.${example}`,
    }
  }
  const steps = new Set(plan.missing.map((entry) => entry.step))
  const purpose = first && steps.size === 1 ? ` для ${stepWording(first.actionName).purpose}` : ''
  const items = plan.missing.map((entry) => {
    const example = entry.example === null ? '' : `, например: ${entry.example}`
    return `${entry.name} (шаг ${stepWording(entry.actionName).step}${example})`
  })
  return {
    message: `Уточните ${names.join(', ')}${purpose}.`,
    reply: `Нужны параметры: ${items.join('; ')}.`,
  }
}

/**
 * The contract's generate response for a planner outcome. `pipelineId` is the stored pipeline of
 * a ready plan; needs_input and cannot_build carry no graph, as in the seed's examples.
 */
export function buildGenerateResponse(
  outcome: PlanOutcome,
  options: { pipelineId?: string | null } = {},
): PipelineGenerateResponse {
  const empty = { pipeline_id: null, nodes: [], edges: [], context_summary: null }
  switch (outcome.status) {
    case 'ready':
      return {
        status: 'ready',
        message_ru: READY_MESSAGE_RU,
        chat_reply_ru: outcome.chatReplyRu || readyChatReply(outcome.nodes),
        pipeline_id: options.pipelineId ?? null,
        nodes: outcome.nodes,
        edges: outcome.edges,
        missing_requirements: [],
        context_summary: outcome.contextSummary || null,
      }
    case 'needs_input': {
      const { message, reply } = needsInputTexts(outcome)
      return {
        status: 'needs_input',
        message_ru: message,
        chat_reply_ru: reply,
        ...empty,
        missing_requirements: outcome.missing.map((entry) => entry.name),
      }
    }
    case 'cannot_build': {
      if (outcome.reason === 'llm_unavailable') {
        return {
          status: 'cannot_build',
          message_ru: LLM_UNAVAILABLE_MESSAGE_RU,
          chat_reply_ru: LLM_UNAVAILABLE_MESSAGE_RU,
          ...empty,
          missing_requirements: [LLM_UNAVAILABLE_REQUIREMENT],
        }
      }
      const message = cannotBuildMessages[outcome.reason]
      return {
        status: 'cannot_build',
        message_ru: message,
        chat_reply_ru: outcome.detailRu || message,
        ...empty,
        missing_requirements: outcome.missingRequirements,
      }
    }
  }
}

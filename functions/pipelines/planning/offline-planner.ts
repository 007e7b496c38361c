import type { PipelineGraphEdge, PipelineGraphNode } from '../schema.ts'
import { fedParameters, nodeExternalInputs, requiredParameters } from './action-params.ts'
import { coerceValue, extractValues, type ParameterSpec, parameterSpec } from './extract-values.ts'
import type { CannotBuildPlan, PlanOutcome } from './plan-outcome.ts'
import {
  chooseGoal,
  type MissingWord,
  missingCapability,
  scoreActions,
  unknownWords,
} from './request-match.ts'
import { resolveInputs } from './resolve-inputs.ts'
import { contextSummary, readyChatReply } from './ru-phrases.ts'
import type { CatalogAction, DialogTurn, PlanGraph, PlanInputValue } from './types.ts'
import { validatePlan } from './validate-plan.ts'

type Feed = { type: string; producer: CatalogAction }
type Chain = { order: CatalogAction[]; feeds: Map<string, Feed[]> }
type Gap = { type: string; consumer: CatalogAction }

function cannotBuild(
  reason: CannotBuildPlan['reason'],
  missingRequirements: string[],
  detailRu: string,
  errors: string[] = [],
): CannotBuildPlan {
  return { status: 'cannot_build', reason, missingRequirements, detailRu, errors }
}

function noCapabilityFor(
  request: string,
  unknown: MissingWord[],
  catalog: readonly CatalogAction[],
): CannotBuildPlan {
  const words = unknown.length > 0 ? unknown : [{ word: request.trim().slice(0, 80), term: '' }]
  const available = catalog.map((action) => action.name).join(', ')
  return cannotBuild(
    'no_matching_capability',
    words.map(missingCapability),
    `Не нашлось capability для: ${words.map((entry) => entry.word).join(', ')}. Доступные действия: ${available}.`,
  )
}

/** Whether every required fed type of an action can be produced, recursively (cycles cannot). */
function satisfiable(catalog: readonly CatalogAction[]): (action: CatalogAction) => boolean {
  const memo = new Map<string, boolean>()
  const check = (action: CatalogAction, visiting: Set<string>): boolean => {
    const known = memo.get(action.id)
    if (known !== undefined) return known
    if (visiting.has(action.id)) return false
    visiting.add(action.id)
    const required = requiredParameters(action)
    const ok = fedParameters(action).every(
      ([parameter, type]) =>
        !required.includes(parameter) ||
        catalog.some((p) => p.outputType === type && p.id !== action.id && check(p, visiting)),
    )
    visiting.delete(action.id)
    memo.set(action.id, ok)
    return ok
  }
  return (action) => check(action, new Set())
}

/**
 * Chains backwards from the goal: each fed type gets one producer (one already in the plan,
 * else one that can itself be satisfied, then the best-scoring). The order is a depth-first
 * post-order, so producers get lower step numbers than their consumers.
 */
function chainFrom(
  goal: CatalogAction,
  catalog: readonly CatalogAction[],
  scores: ReadonlyMap<string, number>,
): Chain | Gap {
  const canSatisfy = satisfiable(catalog)
  const producerOf = new Map<string, CatalogAction>()
  const order: CatalogAction[] = []
  const feeds = new Map<string, Feed[]>()
  const visiting = new Set<string>()
  const rank = (action: CatalogAction) =>
    (order.includes(action) ? 1000 : 0) +
    (canSatisfy(action) ? 100 : 0) +
    (scores.get(action.id) ?? 0)

  const visit = (action: CatalogAction): Gap | null => {
    visiting.add(action.id)
    const required = requiredParameters(action)
    const own: Feed[] = []
    for (const [parameter, type] of fedParameters(action)) {
      let producer = producerOf.get(type)
      if (!producer || visiting.has(producer.id)) {
        const options = catalog.filter(
          (p) => p.outputType === type && p.id !== action.id && !visiting.has(p.id),
        )
        producer = options.sort((a, b) => rank(b) - rank(a))[0]
      }
      if (!producer) {
        if (required.includes(parameter)) return { type, consumer: action }
        continue
      }
      producerOf.set(type, producer)
      if (!order.includes(producer)) {
        const gap = visit(producer)
        if (gap) return gap
      }
      if (!own.some((feed) => feed.producer === producer && feed.type === type)) {
        own.push({ type, producer })
      }
    }
    visiting.delete(action.id)
    feeds.set(action.id, own)
    order.push(action)
    return null
  }
  return visit(goal) ?? { order, feeds }
}

function fillPlaceholders(text: string, values: Readonly<Record<string, PlanInputValue>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name]
    return value === undefined ? whole : String(value)
  })
}

function assembleGraph(chain: Chain, values: Readonly<Record<string, PlanInputValue>>): PlanGraph {
  const stepOf = new Map(chain.order.map((action, index) => [action.id, index + 1]))
  const edges: PipelineGraphEdge[] = []
  for (const consumer of chain.order) {
    for (const { producer } of chain.feeds.get(consumer.id) ?? []) {
      const from = stepOf.get(producer.id) ?? 0
      const to = stepOf.get(consumer.id) ?? 0
      if (!edges.some((e) => e.from_step === from && e.to_step === to)) {
        edges.push({ from_step: from, to_step: to, type: 'data_dependency' })
      }
    }
  }
  edges.sort((a, b) => a.from_step - b.from_step || a.to_step - b.to_step)
  const nodes: PipelineGraphNode[] = chain.order.map((action, index) => {
    const step = index + 1
    const inputs = (chain.feeds.get(action.id) ?? [])
      .map(({ type, producer }) => ({ from_step: stepOf.get(producer.id) ?? 0, type }))
      .sort((a, b) => a.from_step - b.from_step)
    return {
      step,
      name: action.name,
      description: fillPlaceholders(action.description, values),
      input_connected_from: edges.filter((e) => e.to_step === step).map((e) => e.from_step),
      output_connected_to: edges.filter((e) => e.from_step === step).map((e) => e.to_step),
      input_data_type_from_previous: inputs,
      external_inputs: nodeExternalInputs(action),
      endpoints: [
        {
          name: action.name,
          capability_id: action.capabilityId,
          action_id: action.id,
          output_type: action.outputType,
        },
      ],
    }
  })
  return { nodes, edges }
}

/**
 * Values stated across the user's messages (later messages win). A reply that is a single bare
 * value answers the one question still open.
 */
function collectValues(
  userTexts: string[],
  specs: ParameterSpec[],
  missingAfter: (values: Record<string, PlanInputValue>) => ParameterSpec[],
): Record<string, PlanInputValue> {
  const values: Record<string, PlanInputValue> = {}
  for (const text of userTexts) Object.assign(values, extractValues(text, specs))
  const last = userTexts.at(-1)?.trim() ?? ''
  const open = missingAfter(values)
  const [only] = open
  if (userTexts.length > 1 && open.length === 1 && only && /^\S+$/.test(last)) {
    const value = coerceValue(only, last)
    if (value !== null) values[only.name] = value
  }
  return values
}

/**
 * The planner used when no LLM is configured: deterministic and type-directed. Picks the goal
 * action the dialog asks for, chains producers backwards by type, and takes input values from
 * the text.
 */
export function planOffline(input: {
  messages: readonly DialogTurn[]
  catalog: readonly CatalogAction[]
}): PlanOutcome {
  const { catalog } = input
  const userTexts = input.messages.filter((m) => m.role === 'user').map((m) => m.content)
  const request = userTexts.join('\n')
  if (catalog.length === 0) {
    return cannotBuild(
      'no_capabilities',
      ['capabilities'],
      'У организации нет подключённых capability.',
    )
  }
  const scores = scoreActions(request, catalog)
  const goal = chooseGoal(catalog, scores)
  if (!goal) {
    const unknown = unknownWords(request, catalog, { conceptsOnly: false })
    return noCapabilityFor(request, unknown, catalog)
  }
  const chain = chainFrom(goal, catalog, scores)
  if (!('order' in chain)) {
    return cannotBuild(
      'missing_producer',
      [`capability_output:${chain.type}`],
      `Для шага «${chain.consumer.name}» нужны данные типа ${chain.type}, но ни одна capability их не возвращает.`,
    )
  }
  // A plan for part of the request (say, only fetching users for an email campaign) is wrong.
  const uncovered = unknownWords(request, catalog, { conceptsOnly: true })
  if (uncovered.length > 0) return noCapabilityFor(request, uncovered, catalog)
  const specs: ParameterSpec[] = []
  for (const action of chain.order) {
    for (const name of nodeExternalInputs(action)) {
      if (!specs.some((spec) => spec.name === name)) specs.push(parameterSpec(action, name))
    }
  }
  const draft = assembleGraph(chain, {})
  const missingAfter = (values: Record<string, PlanInputValue>) => {
    const outcome = resolveInputs(draft, values, catalog, { chatReplyRu: '', contextSummary: '' })
    const names = outcome.status === 'needs_input' ? outcome.missing.map((m) => m.name) : []
    return specs.filter((spec) => names.includes(spec.name))
  }
  const values = collectValues(userTexts, specs, missingAfter)
  const graph = assembleGraph(chain, values)
  const errors = validatePlan(graph, catalog)
  if (errors.length > 0) {
    return cannotBuild('invalid_plan', ['valid_plan'], errors.join('; '), errors)
  }
  return resolveInputs(graph, values, catalog, {
    chatReplyRu: readyChatReply(graph.nodes),
    contextSummary: contextSummary(chain.order),
  })
}

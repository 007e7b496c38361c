import type { FieldStep } from '../conditions/ast.ts'
import { evaluateNode } from '../conditions/evaluate.ts'
import { parseFieldPath, resolveField } from '../conditions/field-path.ts'
import {
  type Condition,
  type ConditionNode,
  evaluateCondition,
  parseCondition,
} from '../conditions/index.ts'
import { safeEq } from '../conditions/operators.ts'
import type { LoadedScenario } from '../loader/types.ts'
import { parsePyFloat, parsePyInt } from '../placeholders/python/py-float.ts'
import { pyTruthy } from '../placeholders/python/py-ops.ts'
import { hasBraces } from '../placeholders/scan.ts'

type Equality = { field: string; path: FieldStep[]; value: unknown }

type CompiledTrigger = {
  scenario: number
  equals: Equality[]
  /** Parsed once when the condition has no placeholders. */
  condition?: Condition
  /** A condition with placeholders: rendered against the event, then parsed, on every event. */
  template?: string
}

/**
 * A tenant's scenarios ready for events. Triggers with a top-level AND equality on a plain field sit in
 * `indexed` under one such (field, value), the most selective; every other trigger is in `scan` and is
 * evaluated on every event (Coreness dropped those, so they never fired).
 */
export type ScenarioIndex = {
  scenarios: LoadedScenario[]
  byName: Map<string, LoadedScenario>
  indexed: Map<string, Map<string, CompiledTrigger[]>>
  scan: CompiledTrigger[]
}

/** Fields most events share; a trigger is filed under a rarer one when it has one. */
const COMMON_FIELDS = new Set([
  'event_type',
  'event_source',
  'chat_type',
  'is_group',
  'is_bot',
  'is_premium',
  'is_reply',
  'is_forward',
])

const PLAIN_FIELD = /^[A-Za-z_][\w-]*$/

/**
 * One key for values that `==` (safe_eq) can find equal: numbers, booleans and numeric strings by
 * number, other strings by text. Different keys mean never equal; the same key is checked in full.
 */
export function indexKey(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'boolean') return `n:${value ? 1 : 0}`
  if (typeof value === 'number') return `n:${value}`
  if (typeof value === 'string') {
    const number = value.includes('.') ? parsePyFloat(value) : parsePyInt(value)
    return number === undefined ? `s:${value}` : `n:${number}`
  }
  return `x:${JSON.stringify(value)}`
}

/** `$field == literal` conjuncts at the top level of a condition (never inside or/not). */
function topLevelEqualities(node: ConditionNode, out: Equality[]): void {
  if (node.kind === 'and') {
    topLevelEqualities(node.left, out)
    topLevelEqualities(node.right, out)
  } else if (node.kind === 'compare' && node.op === '==') {
    const [field, literal] =
      node.left.kind === 'field' ? [node.left, node.right] : [node.right, node.left]
    const key = field.kind === 'field' ? field.text.slice(1) : ''
    if (field.kind === 'field' && literal.kind === 'literal' && PLAIN_FIELD.test(key)) {
      out.push({ field: key, path: field.path, value: literal.value })
    }
  }
}

function indexFieldOf(equalities: Equality[]): Equality | undefined {
  const plain = equalities.filter((equality) => PLAIN_FIELD.test(equality.field))
  return plain.find((equality) => !COMMON_FIELDS.has(equality.field)) ?? plain[0]
}

export function buildScenarioIndex(scenarios: LoadedScenario[]): ScenarioIndex {
  const index: ScenarioIndex = {
    scenarios,
    byName: new Map(scenarios.map((scenario) => [scenario.name, scenario])),
    indexed: new Map(),
    scan: [],
  }
  scenarios.forEach((scenario, position) => {
    for (const trigger of scenario.trigger) {
      const compiled: CompiledTrigger = {
        scenario: position,
        equals: trigger.equals.map(([field, value]) => ({
          field,
          path: parseFieldPath(`$${field}`),
          value,
        })),
      }
      const candidates = [...compiled.equals]
      if (trigger.condition !== undefined && hasBraces(trigger.condition)) {
        compiled.template = trigger.condition
      } else if (trigger.condition !== undefined) {
        compiled.condition = parseCondition(trigger.condition)
        topLevelEqualities(compiled.condition.root, candidates)
      }
      const by = indexFieldOf(candidates)
      if (!by) {
        index.scan.push(compiled)
        continue
      }
      const byValue = index.indexed.get(by.field) ?? new Map<string, CompiledTrigger[]>()
      index.indexed.set(by.field, byValue)
      const key = indexKey(by.value)
      byValue.set(key, [...(byValue.get(key) ?? []), compiled])
    }
  })
  return index
}

export type MatchOptions = { timeZone?: string; onWarning?: (message: string) => void }

function triggerMatches(
  trigger: CompiledTrigger,
  event: Record<string, unknown>,
  options: MatchOptions,
) {
  for (const equality of trigger.equals) {
    if (!safeEq(resolveField(equality.path, event), equality.value)) return false
  }
  try {
    if (trigger.condition) return pyTruthy(evaluateNode(trigger.condition.root, event))
    if (trigger.template !== undefined) {
      // Placeholders resolve against the event (Coreness left them unresolved); never into _config.
      return evaluateCondition(trigger.template, event, {
        hiddenFromRecursion: ['_config'],
        ...options,
      }).matched
    }
  } catch (error) {
    // A runtime error (ConditionRuntimeError) or a rendered condition that no longer parses: no match.
    options.onWarning?.(`trigger condition failed: ${(error as Error).message}`)
    return false
  }
  return true
}

/**
 * The scenarios an event triggers, once each however many of their triggers match, in load order.
 * Triggers are ORed; within one, the equalities and the (parenthesized) condition are ANDed.
 */
export function matchScenarios(
  index: ScenarioIndex,
  event: Record<string, unknown>,
  options: MatchOptions = {},
): LoadedScenario[] {
  const matched = new Set<number>()
  const check = (trigger: CompiledTrigger) => {
    if (!matched.has(trigger.scenario) && triggerMatches(trigger, event, options)) {
      matched.add(trigger.scenario)
    }
  }
  for (const [field, byValue] of index.indexed) {
    const candidates = byValue.get(indexKey(Object.hasOwn(event, field) ? event[field] : null))
    if (candidates) for (const trigger of candidates) check(trigger)
  }
  for (const trigger of index.scan) check(trigger)
  return [...matched].sort((a, b) => a - b).flatMap((position) => index.scenarios[position] ?? [])
}

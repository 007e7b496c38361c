import { checkCondition } from '../conditions/index.ts'
import { checkTemplate } from '../placeholders/index.ts'
import { hasBraces } from '../placeholders/scan.ts'
import { CronParseError, parseCron } from '../schedule/cron.ts'
import type { RawScenario, RawStep } from './scenario-schema.ts'
import type { StepSpec, TransitionSpec, TriggerSpec } from './types.ts'

export type Problem = { path: PropertyKey[]; message: string }

/** `$name`, `$a.b`, `$a[0].b`: what the condition language can read as a field. */
const FIELD_PATH = /^[A-Za-z_][\w-]*(\.[\w-]+|\[-?\d+\])*$/

function checkTrigger(raw: Record<string, unknown>, at: PropertyKey[], problems: Problem[]) {
  const trigger: TriggerSpec = { equals: [] }
  if (Object.keys(raw).length === 0) {
    problems.push({ path: at, message: 'an empty trigger would match every event' })
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'condition') {
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push({ path: [...at, key], message: 'condition must be a non-empty string' })
        continue
      }
      for (const message of checkCondition(value)) problems.push({ path: [...at, key], message })
      trigger.condition = value
    } else if (!FIELD_PATH.test(key)) {
      problems.push({ path: [...at, key], message: `'${key}' is not an event field name` })
    } else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      trigger.equals.push([key, value as string | number | boolean | null])
    } else {
      problems.push({
        path: [...at, key],
        message: 'must be a single value (use condition for lists and other tests)',
      })
    }
  }
  return trigger
}

function checkParams(value: unknown, at: PropertyKey[], problems: Problem[]) {
  if (typeof value === 'string') {
    if (!hasBraces(value)) return
    for (const message of checkTemplate(value)) problems.push({ path: at, message })
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkParams(item, [...at, index], problems)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkParams(item, [...at, key], problems)
  }
}

function targetsOf(value: TransitionSpec['transition_value']): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value]
  return Array.isArray(value) ? value : []
}

function checkTransition(
  transition: TransitionSpec,
  at: PropertyKey[],
  names: ReadonlySet<string>,
  problems: Problem[],
): TransitionSpec {
  const { transition_action: action, transition_value: value } = transition
  const where = [...at, 'transition_value']
  if (action === 'move_steps' || action === 'jump_to_step') {
    const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
    if (value === undefined && action === 'move_steps')
      return { ...transition, transition_value: 1 }
    if (typeof number !== 'number' || !Number.isInteger(number)) {
      problems.push({ path: where, message: `${action} needs a whole number` })
    } else if (action === 'jump_to_step' && number < 0) {
      problems.push({ path: where, message: 'jump_to_step needs a step index (0 or more)' })
    } else return { ...transition, transition_value: number }
  }
  if (action === 'jump_to_scenario' || action === 'execute_scenario') {
    if (typeof value === 'number') {
      problems.push({ path: where, message: `${action} needs a scenario name or a list of names` })
    }
    for (const target of targetsOf(value)) {
      if (!names.has(target))
        problems.push({ path: where, message: `unknown scenario '${target}'` })
    }
  }
  return transition
}

function checkStep(
  raw: RawStep,
  at: PropertyKey[],
  names: ReadonlySet<string>,
  problems: Problem[],
): StepSpec {
  const action = raw.action ?? raw.action_name ?? ''
  if (raw.action && raw.action_name && raw.action !== raw.action_name) {
    problems.push({ path: at, message: 'give either action or action_name, not both' })
  } else if (!action) {
    problems.push({ path: [...at, 'action'], message: 'required: the action to run' })
  }
  if (raw.async && !raw.action_id) {
    problems.push({ path: [...at, 'action_id'], message: 'an async step needs an action_id' })
  }
  const { condition, ...rest } = raw.params
  if (action === 'validate' && typeof condition === 'string') {
    for (const message of checkCondition(condition)) {
      problems.push({ path: [...at, 'params', 'condition'], message })
    }
    checkParams(rest, [...at, 'params'], problems)
  } else checkParams(raw.params, [...at, 'params'], problems)
  const scenario = raw.params.scenario
  if (action === 'execute_scenario') {
    const targets = Array.isArray(scenario) ? scenario : [scenario]
    for (const target of targets) {
      if (typeof target === 'string' && !hasBraces(target) && !names.has(target)) {
        problems.push({
          path: [...at, 'params', 'scenario'],
          message: `unknown scenario '${target}'`,
        })
      }
    }
  }
  return {
    action,
    params: raw.params,
    async: raw.async,
    ...(raw.action_id ? { action_id: raw.action_id } : {}),
    transition: raw.transition.map((transition, index) =>
      checkTransition(transition, [...at, 'transition', index], names, problems),
    ),
  }
}

/** Checks what the schema cannot: conditions, templates, cron, transition values and targets. */
export function checkScenario(raw: RawScenario, names: ReadonlySet<string>) {
  const problems: Problem[] = []
  const trigger = raw.trigger.map((item, index) => checkTrigger(item, ['trigger', index], problems))
  if (raw.schedule) {
    try {
      parseCron(raw.schedule)
    } catch (error) {
      if (!(error instanceof CronParseError)) throw error
      problems.push({ path: ['schedule'], message: error.message })
    }
  }
  if (raw.step.length === 0) problems.push({ path: ['step'], message: 'a scenario needs steps' })
  const step = raw.step.map((item, index) => checkStep(item, ['step', index], names, problems))
  return { trigger, step, problems }
}

/** Scenarios as loaded from YAML: plain JSON, stored as-is in `tenant_scenarios.definition`. */

export const TRANSITION_ACTIONS = [
  'continue',
  'break',
  'abort',
  'stop',
  'move_steps',
  'jump_to_step',
  'jump_to_scenario',
  'execute_scenario',
] as const

export type TransitionAction = (typeof TRANSITION_ACTIONS)[number]

export type TransitionSpec = {
  /** A result value (`success`, `failed`, `not_found`, …) or `any`. */
  action_result: string
  transition_action: TransitionAction
  transition_value?: number | string | string[]
}

export type StepSpec = {
  action: string
  params: Record<string, unknown>
  async: boolean
  action_id?: string
  transition: TransitionSpec[]
}

/** One trigger: its keys (`event_type: message`) are ANDed equalities, `condition` is ANDed after them. */
export type TriggerSpec = {
  equals: [field: string, value: string | number | boolean | null][]
  condition?: string
}

export type LoadedScenario = {
  name: string
  /** The file it came from and the line of its name there, for messages. */
  file: string
  line: number
  description?: string
  trigger: TriggerSpec[]
  schedule?: string
  step: StepSpec[]
}

export type ScenarioIssue = { file: string; scenario?: string; line?: number; message: string }

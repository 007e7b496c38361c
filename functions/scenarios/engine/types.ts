import type { ActionError } from '../../actions/types.ts'
import type { LoadedScenario } from '../loader/types.ts'

/** The execution context of a scenario (coreness §3.7): event fields, `_cache`, `last_result`, … */
export type Data = Record<string, unknown>

export type ScenarioResult = 'success' | 'break' | 'abort' | 'stop' | 'error'

export type StepRecord = {
  index: number
  action: string
  /** The params after placeholders, without the engine's `_namespace` / `_response_key`. */
  params: Record<string, unknown>
  result: string
  error: ActionError | null
  response_data: Record<string, unknown> | null
  /** The transition that was applied (`continue` when none matched). */
  transition: string
  async?: boolean
}

/** One scenario run of an event: a matched scenario, or one it jumped to or executed. */
export type RunRecord = {
  scenario: string
  /** `suspended`: paused by a long sleep or a wait, to continue from the queue. */
  result: ScenarioResult | 'suspended'
  cache: Record<string, unknown>
  steps: StepRecord[]
  called_by?: { scenario: string; step: number; via: 'execute_scenario' | 'jump_to_scenario' }
  resumed?: boolean
  error?: string
}

export type EventResult = {
  /** The scenarios the event's triggers matched, in load order. */
  matched: string[]
  runs: RunRecord[]
  /** What was ignored or failed quietly: placeholder and condition warnings, unknown targets. */
  warnings: string[]
  /** The first scenario error, if any. */
  error?: string
  /** The event continues later from the queue (a long sleep or a wait). */
  suspended?: boolean
}

/** How a scenario (or a list of them run by a call) ended, with the data it ended with. */
export type Finished = { kind: 'finished'; result: ScenarioResult; data: Data; error?: string }

/** Targets of `execute_scenario` / `jump_to_scenario`, run one after another. */
export type CallState = {
  via: 'execute_action' | 'execute_transition' | 'jump'
  targets: string[]
  /** The target running (or to run) next. */
  position: number
  returnCache: boolean
  /** What the next target starts from: the caller's data, then each finished target's. */
  data: Data
  lastResult: ScenarioResult | null
  lastError?: string
}

/**
 * One level of a paused execution, outermost first. `run`: (re)start at `step`. `call`: step `step`
 * is an execute/jump call whose current target is the next frame.
 */
export type Frame = {
  scenario: LoadedScenario
  step: number
  data: Data
  phase: 'run' | 'call'
  call?: CallState
  /** The step index the frame was called from by its caller, for run records. */
  calledBy?: RunRecord['called_by']
}

export type Suspended = { kind: 'suspended'; frames: Frame[] }

export type Outcome = Finished | Suspended

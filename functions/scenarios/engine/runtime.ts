import type { SimulationRecorder } from '../../actions/define.ts'
import type { ActionCaller, ActionOutcome } from '../../actions/types.ts'
import type { Services } from '../../platform/services.ts'
import type { LoadedScenario } from '../loader/types.ts'
import type { AsyncHandle } from './async-actions.ts'
import type { ScenarioIndex } from './trigger-index.ts'
import type { CallState, Data, Frame, RunRecord } from './types.ts'

/** Steps one event may run in all, its scenarios and the ones they call: a loop ends here. */
export const DEFAULT_STEP_LIMIT = 1000

/** Sleeping inline (inside the request) is allowed up to this much per event; longer sleeps pause. */
export const INLINE_SLEEP_MS = 2000

/** What one event's processing shares across its scenarios. */
export type EventRuntime = {
  services: Services
  tenantId: number
  organizationId: string
  index: ScenarioIndex
  timeZone: string
  config: Record<string, unknown>
  simulation?: SimulationRecorder
  stepLimit: number
  stepsUsed: number
  inlineSleepMsLeft: number
  runs: RunRecord[]
  warnings: string[]
  /** A sleep past the inline budget: nothing more runs before then; the rest continues from the queue. */
  delayUntil: Date | null
  /** A `wait_for_action` found its action unfinished: the execution pauses until it is (or times out). */
  waiting: { executionId: string; actionId: string; deadline: Date } | null
  /** The deadline of a wait that paused, so the resumed wait keeps its original timeout. */
  resumedWait: { actionId: string; deadline: Date } | null
  /** The step limit was reached: nothing more runs for this event. */
  exhausted: boolean
}

/**
 * One execution chain: a matched scenario and the scenarios it jumps to or executes. It shares
 * `_cache`, `_async_action` and one execution id (the key of its async actions).
 */
export type Chain = {
  runtime: EventRuntime
  executionId: string
  /** Fresh per chain: control actions (execute_scenario, wait_for_action, sleep) find the chain by it. */
  caller: ActionCaller
  /** The step being run, so `execute_scenario` can start its callee from the caller's data. */
  current: { scenario: LoadedScenario; step: number; data: Data } | null
  /** Set by `execute_scenario` when its callee paused: the caller's step then pauses too. */
  suspension: { call: CallState; frames: Frame[] } | null
  /** `_async_action`: shared by every scenario of the chain, as Coreness shared the dict. */
  asyncHandles: Record<string, AsyncHandle>
  /** Under simulation, async steps run at once; their outcomes wait here for `wait_for_action`. */
  simulatedAsync: Map<string, ActionOutcome>
}

const chains = new WeakMap<ActionCaller, Chain>()

export function newChain(
  runtime: EventRuntime,
  executionId: string,
  asyncHandles: Record<string, AsyncHandle> = {},
): Chain {
  const caller: ActionCaller = {
    kind: 'scenario',
    tenantId: runtime.tenantId,
    organizationId: runtime.organizationId,
  }
  const chain: Chain = {
    runtime,
    executionId,
    caller,
    current: null,
    suspension: null,
    asyncHandles,
    simulatedAsync: new Map(),
  }
  chains.set(caller, chain)
  return chain
}

/** The chain an action was invoked from, when a scenario step of this process invoked it. */
export function chainOf(caller: ActionCaller): Chain | undefined {
  return chains.get(caller)
}

export type RuntimeInput = {
  tenantId: number
  organizationId: string
  index: ScenarioIndex
  timeZone?: string
  config?: Record<string, unknown>
  simulation?: SimulationRecorder
  stepLimit?: number
  stepsUsed?: number
  resumedWait?: EventRuntime['resumedWait']
}

export function createRuntime(services: Services, input: RuntimeInput): EventRuntime {
  return {
    services,
    tenantId: input.tenantId,
    organizationId: input.organizationId,
    index: input.index,
    timeZone: input.timeZone ?? 'UTC',
    config: input.config ?? {},
    ...(input.simulation ? { simulation: input.simulation } : {}),
    stepLimit: input.stepLimit ?? DEFAULT_STEP_LIMIT,
    stepsUsed: input.stepsUsed ?? 0,
    inlineSleepMsLeft: INLINE_SLEEP_MS,
    runs: [],
    warnings: [],
    delayUntil: null,
    waiting: null,
    resumedWait: input.resumedWait ?? null,
    exhausted: false,
  }
}

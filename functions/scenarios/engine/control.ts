import type { ActionContext } from '../../actions/define.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import type { Services } from '../../platform/services.ts'
import { tenantRuntime } from '../../tenants/tenant-runtime.ts'
import { isDict } from '../placeholders/python/py-ops.ts'
import { tenantScenarioIndex } from '../store/tenant-scenarios.ts'
import { readAsyncAction } from './async-actions.ts'
import { executeOutcome, newCall } from './call-state.ts'
import { persistPause } from './pause.ts'
import { runCallTargets } from './run-scenario.ts'
import { type Chain, chainOf, createRuntime, newChain } from './runtime.ts'
import type { Data } from './types.ts'

/**
 * The control actions (execute_scenario, wait_for_action, sleep) act on the execution that invoked
 * them: a scenario step invokes them with its chain's own caller object, which leads back to the chain.
 * Invoked any other way (a pipeline, an agent, a queued async step) they run standalone.
 */
export function invokingChain(context: ActionContext): Chain | undefined {
  const chain = chainOf(context.caller)
  return chain?.current ? chain : undefined
}

/** A paused `execute_scenario` callee reports this; the calling step pauses with it. */
const SUSPENDED: ActionOutcome = { result: 'suspended' }

export async function executeInChain(
  chain: Chain,
  targets: string[],
  returnCache: boolean,
): Promise<ActionOutcome> {
  const current = chain.current
  if (!current) return { result: 'error', error: { code: 'INVALID_STATE', message: 'no step' } }
  const call = newCall('execute_action', targets, returnCache, current.data)
  const calls = await runCallTargets(chain, call, current.scenario.name, current.step)
  if (calls.kind === 'suspended') {
    chain.suspension = { call: calls.call, frames: calls.frames }
    return SUSPENDED
  }
  return executeOutcome(calls.call)
}

/** `execute_scenario` from outside a scenario: a new execution of the tenant's scenarios by name. */
export async function executeStandalone(
  services: Services,
  input: {
    tenantId: number
    organizationId: string
    targets: string[]
    returnCache: boolean
    data: Data
    simulation?: ActionContext['simulation']
  },
): Promise<ActionOutcome> {
  const config = isDict(input.data._config)
    ? input.data._config
    : ((await tenantRuntime(services, input.tenantId))?.config ?? {})
  const runtime = createRuntime(services, {
    tenantId: input.tenantId,
    organizationId: input.organizationId,
    index: await tenantScenarioIndex(services, input.tenantId),
    timeZone: typeof config.timezone === 'string' ? config.timezone : 'UTC',
    config,
    ...(input.simulation ? { simulation: input.simulation } : {}),
  })
  const chain = newChain(runtime, services.ids.uuid())
  const data: Data = {
    ...input.data,
    tenant_id: input.tenantId,
    _config: config,
    scenario_chain: Array.isArray(input.data.scenario_chain) ? input.data.scenario_chain : [],
    _cache: isDict(input.data._cache) ? input.data._cache : {},
  }
  const call = newCall('execute_action', input.targets, input.returnCache, data)
  const calls = await runCallTargets(chain, call, 'execute_scenario', 0)
  if (calls.kind === 'suspended') {
    await persistPause(runtime, {
      executionId: chain.executionId,
      event: data,
      frames: calls.frames,
      asyncHandles: chain.asyncHandles,
      remaining: [],
    })
    return { result: 'success', response_data: { scenario_result: 'suspended' } }
  }
  return executeOutcome(calls.call)
}

/** Coreness waited forever without a timeout; an execution here waits an hour at most. */
export const MAX_WAIT_SECONDS = 3600

export async function waitInChain(
  chain: Chain,
  actionId: string,
  timeoutSeconds: number | undefined,
): Promise<ActionOutcome> {
  const { runtime } = chain
  const notFound: ActionOutcome = {
    result: 'error',
    error: { code: 'NOT_FOUND', message: `No async action '${actionId}' in this execution` },
  }
  if (runtime.simulation) return chain.simulatedAsync.get(actionId) ?? notFound
  const handle = chain.asyncHandles[actionId]
  const row = handle ? await readAsyncAction(runtime.services, chain.executionId, actionId) : null
  if (!handle || !row) return notFound
  if (row.status === 'done' && row.outcome) {
    chain.asyncHandles[actionId] = { ...handle, status: 'done' }
    return row.outcome
  }
  const now = runtime.services.clock.now()
  const resumed = runtime.resumedWait?.actionId === actionId ? runtime.resumedWait.deadline : null
  runtime.resumedWait = null
  const seconds = Math.min(timeoutSeconds ?? MAX_WAIT_SECONDS, MAX_WAIT_SECONDS)
  const deadline = resumed ?? new Date(now.getTime() + seconds * 1000)
  if (now.getTime() >= deadline.getTime()) {
    return {
      result: 'timeout',
      error: { code: 'TIMEOUT', message: `${actionId} did not finish within ${seconds} s` },
    }
  }
  runtime.waiting = { executionId: chain.executionId, actionId, deadline }
  return SUSPENDED
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * `sleep` in a scenario: short sleeps (within the event's inline budget) wait here; a longer one makes
 * the execution continue from the queue after the delay. Under simulation nothing waits; it is recorded.
 */
export async function sleepInChain(
  chain: Chain,
  seconds: number,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  const { runtime } = chain
  const ms = Math.round(seconds * 1000)
  if (runtime.simulation) {
    runtime.simulation.record({ service: 'scenario', method: 'sleep', payload: { seconds } })
  } else if (ms <= runtime.inlineSleepMsLeft) {
    runtime.inlineSleepMsLeft -= ms
    await delay(ms, signal)
  } else {
    runtime.delayUntil = new Date(runtime.services.clock.now().getTime() + ms)
  }
  return { result: 'success' }
}

/** Outside a scenario, sleep waits in place, up to this long. */
export const STANDALONE_SLEEP_SECONDS = 60

export async function sleepStandalone(
  seconds: number,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  if (seconds > STANDALONE_SLEEP_SECONDS) {
    return {
      result: 'error',
      error: {
        code: 'VALIDATION_ERROR',
        message: `Outside a scenario, sleep waits at most ${STANDALONE_SLEEP_SECONDS} s`,
      },
    }
  }
  await delay(Math.round(seconds * 1000), signal)
  return { result: 'success' }
}

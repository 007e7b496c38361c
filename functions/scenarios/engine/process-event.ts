import type { SimulationRecorder } from '../../actions/define.ts'
import type { Services } from '../../platform/services.ts'
import { tenantScenarioIndex } from '../store/tenant-scenarios.ts'
import { type TenantUserProfile, upsertTenantUser } from '../store/tenant-users.ts'
import { persistPause } from './pause.ts'
import { startScenario, stepLimitMessage } from './run-scenario.ts'
import { createRuntime, type EventRuntime, newChain } from './runtime.ts'
import { matchScenarios, type ScenarioIndex } from './trigger-index.ts'
import type { Data, EventResult } from './types.ts'

export type ProcessEventInput = {
  tenantId: number
  organizationId: string
  /** The normalized event (§5); `user_state` is looked up when the event does not carry it. */
  event: Record<string, unknown>
  /** The tenant's `_config`. */
  config?: Record<string, unknown>
  /** IANA zone for dates in placeholders; UTC by default. */
  timezone?: string
  /** Present under simulation: outward calls are recorded instead of made, nothing pauses. */
  simulation?: SimulationRecorder
  /** Scenarios to use instead of the tenant's loaded ones (the simulation API's `scenarios`). */
  index?: ScenarioIndex
  stepLimit?: number
}

/** The data a top-level scenario starts with (§3.7): the event plus tenant, `system`, chain, `_cache`. */
function initialData(event: Data, name: string): Data {
  return { ...event, scenario_chain: [name], _cache: {} }
}

const text = (value: unknown) => (typeof value === 'string' ? value : null)
const flag = (value: unknown) => (typeof value === 'boolean' ? value : null)

function profileOf(userId: number, event: Data): TenantUserProfile {
  return {
    user_id: userId,
    username: text(event.username),
    first_name: text(event.first_name),
    last_name: text(event.last_name),
    language_code: text(event.language_code),
    is_bot: flag(event.is_bot),
    is_premium: flag(event.is_premium),
  }
}

/** The event as triggers and steps see it: protected fields set from the runtime, not the sender. */
async function contextEvent(services: Services, runtime: EventRuntime, event: Data): Promise<Data> {
  const context: Data = {
    ...event,
    tenant_id: runtime.tenantId,
    system: event.system ?? { tenant_id: runtime.tenantId, bot_id: event.bot_id ?? null },
    _config: runtime.config,
  }
  if (!Object.hasOwn(event, 'user_state') && typeof event.user_id === 'number') {
    const state = await upsertTenantUser(
      services.db,
      runtime.tenantId,
      profileOf(event.user_id, event),
      services.clock.now(),
    )
    Object.assign(context, state)
  }
  return context
}

/**
 * Runs the named scenarios of one event in order, each as its own chain (own `_cache`): `stop` ends
 * the event, a pause (long sleep, wait) hands the rest to the queue, the step limit ends everything.
 */
export async function runMatched(
  runtime: EventRuntime,
  event: Data,
  names: readonly string[],
  result: EventResult,
): Promise<EventResult> {
  const { services } = runtime
  for (const [position, name] of names.entries()) {
    if (runtime.exhausted) break
    if (runtime.delayUntil) {
      await persistPause(runtime, {
        executionId: services.ids.uuid(),
        event,
        frames: [],
        asyncHandles: {},
        remaining: names.slice(position),
      })
      result.suspended = true
      break
    }
    const scenario = runtime.index.byName.get(name)
    if (!scenario) {
      result.error ??= `unknown scenario '${name}'`
      continue
    }
    const chain = newChain(runtime, services.ids.uuid())
    const firstRun = runtime.runs.length
    try {
      const outcome = await startScenario(chain, scenario, initialData(event, name))
      if (outcome.kind === 'suspended') {
        await persistPause(runtime, {
          executionId: chain.executionId,
          event,
          frames: outcome.frames,
          asyncHandles: chain.asyncHandles,
          remaining: names.slice(position + 1),
        })
        result.suspended = true
        break
      }
      if (outcome.result === 'error') result.error ??= `${name}: ${outcome.error ?? 'error'}`
      if (outcome.result === 'stop') break
    } catch (error) {
      // A failure of the engine itself (the database, say), not of an action: this scenario ends.
      services.log.error('scenario.failed', { tenantId: runtime.tenantId, scenario: name, error })
      const run = runtime.runs[firstRun]
      if (run) Object.assign(run, { result: 'error', error: 'internal error' })
      result.error ??= `${name}: internal error`
    }
  }
  if (runtime.exhausted) result.error = stepLimitMessage(runtime.stepLimit)
  return result
}

function runtimeFor(services: Services, input: ProcessEventInput, index: ScenarioIndex) {
  return createRuntime(services, {
    tenantId: input.tenantId,
    organizationId: input.organizationId,
    index,
    timeZone: input.timezone ?? 'UTC',
    config: input.config ?? {},
    ...(input.simulation ? { simulation: input.simulation } : {}),
    ...(input.stepLimit !== undefined ? { stepLimit: input.stepLimit } : {}),
  })
}

/**
 * One event through the tenant's scenarios: user state, trigger matching, then every matched
 * scenario in load order. Never throws for what a scenario does; the result says what ran.
 */
export async function processEvent(
  services: Services,
  input: ProcessEventInput,
): Promise<EventResult> {
  const index = input.index ?? (await tenantScenarioIndex(services, input.tenantId))
  const runtime = runtimeFor(services, input, index)
  const event = await contextEvent(services, runtime, input.event)
  const matched = matchScenarios(index, event, {
    timeZone: runtime.timeZone,
    onWarning: (message) => runtime.warnings.push(message),
  })
  const result: EventResult = {
    matched: matched.map((s) => s.name),
    runs: runtime.runs,
    warnings: runtime.warnings,
  }
  return runMatched(runtime, event, result.matched, result)
}

/** A scheduled run (§3.9): one scenario by name with the synthetic event, bypassing triggers. */
export async function runScheduledScenario(
  services: Services,
  input: Omit<ProcessEventInput, 'index'> & { scenarioName: string },
): Promise<EventResult> {
  const index = await tenantScenarioIndex(services, input.tenantId)
  if (!index.byName.has(input.scenarioName)) {
    return {
      matched: [],
      runs: [],
      warnings: [],
      error: `unknown scenario '${input.scenarioName}'`,
    }
  }
  const runtime = runtimeFor(services, input, index)
  const event = await contextEvent(services, runtime, input.event)
  const result: EventResult = {
    matched: [input.scenarioName],
    runs: runtime.runs,
    warnings: runtime.warnings,
  }
  return runMatched(runtime, event, [input.scenarioName], result)
}

import type { LoadedScenario } from '../loader/types.ts'
import { absorb, cacheOf, endsList, executeOutcome, newCall } from './call-state.ts'
import { type Executed, executeStep, withOutcome } from './execute-step.ts'
import type { Chain } from './runtime.ts'
import { selectTransition, targetNames, wholeNumber } from './transitions.ts'
import type {
  CallState,
  Data,
  Finished,
  Frame,
  Outcome,
  RunRecord,
  ScenarioResult,
  StepRecord,
  Suspended,
} from './types.ts'

type Ctx = { chain: Chain; scenario: LoadedScenario; run: RunRecord }

/** Where the loop goes next: a step index with the data so far, or the scenario's end. */
type Next = { index: number; data: Data } | Outcome

function openRun(
  chain: Chain,
  scenario: LoadedScenario,
  calledBy: RunRecord['called_by'],
  resumed: boolean,
): Ctx {
  const run: RunRecord = {
    scenario: scenario.name,
    result: 'success',
    cache: {},
    steps: [],
    ...(calledBy ? { called_by: calledBy } : {}),
    ...(resumed ? { resumed: true } : {}),
  }
  chain.runtime.runs.push(run)
  return { chain, scenario, run }
}

function finish(ctx: Ctx, ended: ScenarioResult, data: Data, failure?: string): Finished {
  const { runtime } = ctx.chain
  // Past the step limit nothing ends well: every scenario still running reports the limit.
  const limited = runtime.exhausted && ended !== 'stop' && ended !== 'abort'
  const result = limited ? 'error' : ended
  const error = limited ? (failure ?? stepLimitMessage(runtime.stepLimit)) : failure
  ctx.run.result = result
  ctx.run.cache = cacheOf(data)
  if (error !== undefined) ctx.run.error = error
  return { kind: 'finished', result, data, ...(error !== undefined ? { error } : {}) }
}

function pause(
  ctx: Ctx,
  frame: Omit<Frame, 'scenario' | 'calledBy'>,
  inner: Frame[] = [],
): Suspended {
  ctx.run.result = 'suspended'
  ctx.run.cache = cacheOf(frame.data)
  const own: Frame = {
    ...frame,
    scenario: ctx.scenario,
    ...(ctx.run.called_by ? { calledBy: ctx.run.called_by } : {}),
  }
  return { kind: 'suspended', frames: [own, ...inner] }
}

/** Runs a scenario from its first step with `data` (the caller's copy, with the chain extended). */
export function startScenario(
  chain: Chain,
  scenario: LoadedScenario,
  data: Data,
  calledBy?: RunRecord['called_by'],
): Promise<Outcome> {
  return runFrom(openRun(chain, scenario, calledBy, false), data, 0)
}

/** Continues a paused execution, outermost frame first; each calls into the next. */
export async function resumeFrames(chain: Chain, frames: readonly Frame[]): Promise<Outcome> {
  const [frame, ...inner] = frames
  if (!frame) return { kind: 'finished', result: 'success', data: {} }
  const ctx = openRun(chain, frame.scenario, frame.calledBy, true)
  if (frame.phase === 'run' || !frame.call) return runFrom(ctx, frame.data, frame.step)
  const finished = await resumeFrames(chain, inner)
  if (finished.kind === 'suspended') {
    return pause(
      ctx,
      { step: frame.step, data: frame.data, phase: 'call', call: frame.call },
      finished.frames,
    )
  }
  const calls = await runCallTargets(
    chain,
    absorb(frame.call, finished),
    frame.scenario.name,
    frame.step,
  )
  if (calls.kind === 'suspended') {
    return pause(
      ctx,
      { step: frame.step, data: frame.data, phase: 'call', call: calls.call },
      calls.frames,
    )
  }
  return continueFrom(ctx, await completeCall(ctx, frame.step, frame.data, calls.call))
}

async function continueFrom(ctx: Ctx, next: Next): Promise<Outcome> {
  return 'kind' in next ? next : runFrom(ctx, next.data, next.index)
}

async function runFrom(ctx: Ctx, start: Data, from: number): Promise<Outcome> {
  const { chain, scenario } = ctx
  const { runtime } = chain
  let data = start
  let index = from
  for (;;) {
    const step = scenario.step[index]
    if (!step) return finish(ctx, 'success', data)
    if (runtime.delayUntil) return pause(ctx, { step: index, data, phase: 'run' })
    if (runtime.stepsUsed >= runtime.stepLimit) {
      runtime.exhausted = true
      return finish(ctx, 'error', data, stepLimitMessage(runtime.stepLimit))
    }
    runtime.stepsUsed += 1
    chain.current = { scenario, step: index, data }
    const key = `${chain.executionId}:${runtime.stepsUsed}`
    const executed = await executeStep(chain, step, data, key)
    const { suspension } = chain
    if (suspension) {
      chain.suspension = null
      return pause(
        ctx,
        { step: index, data, phase: 'call', call: suspension.call },
        suspension.frames,
      )
    }
    if (runtime.waiting) {
      // The wait step runs again on resume; it is not counted twice.
      runtime.stepsUsed -= 1
      return pause(ctx, { step: index, data, phase: 'run' })
    }
    const next = await afterStep(ctx, index, data, executed)
    if ('kind' in next) return next
    data = next.data
    index = next.index
  }
}

export function stepLimitMessage(limit: number): string {
  return `stopped: this event ran ${limit} steps, the most one event may run (a transition loop?)`
}

/** Cache, last result and error, then `scenario_result` propagation, then the transition (§3.4–3.6). */
async function afterStep(ctx: Ctx, index: number, data: Data, executed: Executed): Promise<Next> {
  const next = withOutcome(ctx.chain, data, executed)
  const { outcome } = executed
  const record: StepRecord = {
    index,
    action: executed.action,
    params: executed.params,
    result: outcome.result,
    error: outcome.error ?? null,
    response_data: outcome.response_data ?? null,
    transition: 'continue',
    ...(executed.async ? { async: true } : {}),
  }
  ctx.run.steps.push(record)
  const propagated = outcome.response_data?.scenario_result
  if (propagated === 'abort' || propagated === 'stop') {
    record.transition = propagated
    return finish(ctx, propagated, next)
  }
  const step = ctx.scenario.step[index]
  const transition = step ? selectTransition(step.transition, outcome.result) : undefined
  record.transition = transition?.transition_action ?? 'continue'
  return applyTransition(ctx, index, next, transition)
}

async function applyTransition(
  ctx: Ctx,
  index: number,
  data: Data,
  transition: ReturnType<typeof selectTransition>,
): Promise<Next> {
  const count = ctx.scenario.step.length
  const value = transition?.transition_value
  switch (transition?.transition_action ?? 'continue') {
    case 'continue':
      return { index: index + 1, data }
    case 'break':
    case 'abort':
    case 'stop':
      return finish(ctx, transition?.transition_action as ScenarioResult, data)
    case 'move_steps': {
      const target = index + (wholeNumber(value) ?? 1)
      return target >= count ? finish(ctx, 'success', data) : { index: Math.max(0, target), data }
    }
    case 'jump_to_step': {
      const target = wholeNumber(value)
      if (target === undefined) return { index: index + 1, data }
      return target < 0 || target >= count ? finish(ctx, 'success', data) : { index: target, data }
    }
    case 'jump_to_scenario':
    case 'execute_scenario': {
      const targets = targetNames(value)
      if (targets.length === 0) return { index: index + 1, data }
      const via =
        transition?.transition_action === 'jump_to_scenario' ? 'jump' : 'execute_transition'
      const call = newCall(via, targets, true, data)
      const calls = await runCallTargets(ctx.chain, call, ctx.scenario.name, index)
      if (calls.kind === 'suspended') {
        return pause(ctx, { step: index, data, phase: 'call', call: calls.call }, calls.frames)
      }
      return completeCall(ctx, index, data, calls.call)
    }
  }
  return { index: index + 1, data }
}

/** Runs the call's remaining targets one after another, each with the data the previous one left. */
export async function runCallTargets(
  chain: Chain,
  start: CallState,
  from: string,
  step: number,
): Promise<
  { kind: 'done'; call: CallState } | { kind: 'suspended'; call: CallState; frames: Frame[] }
> {
  let call = start
  while (call.position < call.targets.length && !(call.position > 0 && endsList(call))) {
    const name = call.targets[call.position] ?? ''
    const target = chain.runtime.index.byName.get(name)
    if (!target) {
      chain.runtime.warnings.push(`${from}: unknown scenario '${name}'`)
      const missing = `unknown scenario '${name}'`
      const result = call.via === 'jump' ? (call.lastResult ?? 'success') : 'error'
      call = { ...call, position: call.position + 1, lastResult: result, lastError: missing }
      continue
    }
    const chained = Array.isArray(call.data.scenario_chain) ? call.data.scenario_chain : []
    const via = call.via === 'jump' ? 'jump_to_scenario' : 'execute_scenario'
    const outcome = await startScenario(
      chain,
      target,
      { ...call.data, scenario_chain: [...chained, name] },
      { scenario: from, step, via },
    )
    if (outcome.kind === 'suspended') return { kind: 'suspended', call, frames: outcome.frames }
    call = absorb(call, outcome)
  }
  return { kind: 'done', call }
}

/** After a call's last target: a jump ends the caller; an execute merges back and goes on. */
async function completeCall(ctx: Ctx, index: number, data: Data, call: CallState): Promise<Next> {
  if (call.via === 'jump') {
    const result =
      call.lastResult === 'abort' || call.lastResult === 'stop' ? call.lastResult : 'success'
    return finish(ctx, result, { ...call.data, scenario_chain: data.scenario_chain })
  }
  const executed: Executed = {
    action: 'execute_scenario',
    params: { scenario: call.targets.length === 1 ? call.targets[0] : call.targets },
    outcome: executeOutcome(call),
    async: false,
  }
  if (call.via === 'execute_action') return afterStep(ctx, index, data, executed)
  // The execute_scenario transition is a virtual step: it merges like one, then the next step runs.
  const next = withOutcome(ctx.chain, data, executed)
  const propagated = executed.outcome.response_data?.scenario_result
  if (propagated === 'abort' || propagated === 'stop') return finish(ctx, propagated, next)
  return { index: index + 1, data: next }
}

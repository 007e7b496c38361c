import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, type ResponseBody, signUp } from '../../support/harness.ts'
import { type Account, message, simulate, trace } from './scenario-support.ts'

describe('steps and transitions', () => {
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness()
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  const run = (scenarios: string, text = '/go'): Promise<ResponseBody> =>
    simulate(harness, account, { event: message(text), scenarios })

  const runs = (result: ResponseBody) =>
    result.runs.map((r: ResponseBody) => `${r.scenario}:${r.result}`)

  it('lets an `any` transition win over a matching one, and otherwise the last match', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: validate
      params: {condition: "false"}
      transition:
        - {action_result: failed, transition_action: abort}
        - {action_result: any, transition_action: move_steps, transition_value: 2}
        - {action_result: failed, transition_action: stop}
    - action: set_cache
      params: {cache: {skipped: true}}
    - action: validate
      params: {condition: "true"}
      transition:
        - {action_result: success, transition_action: abort}
        - {action_result: failed, transition_action: stop}
        - {action_result: success, transition_action: jump_to_step, transition_value: 4}
    - action: set_cache
      params: {cache: {skipped_too: true}}
    - action: set_cache
      params: {cache: {end: true}}
`)
    expect(trace(result)).toEqual([
      'go#0 validate failed → move_steps',
      'go#2 validate success → jump_to_step',
      'go#4 set_cache success → continue',
    ])
    expect(result.runs[0]).toMatchObject({ result: 'success', cache: { end: true } })
  })

  it('stops a transition loop at the per-event step limit with a clear error', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: validate
      params: {condition: "true"}
      transition:
        - {action_result: success, transition_action: execute_scenario, transition_value: again}
again:
  step:
    - action: validate
      params: {condition: "true"}
      transition:
        - {action_result: any, transition_action: jump_to_step, transition_value: 0}
later:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {never: true}}
`)
    expect(result.matched).toEqual(['go', 'later'])
    expect(runs(result)).toEqual(['go:error', 'again:error'])
    expect(trace(result)).toHaveLength(1000)
    expect(result.error).toBe(
      'stopped: this event ran 1000 steps, the most one event may run (a transition loop?)',
    )
    expect(result.runs[1].error).toBe(result.error)
  })

  it('loops with move_steps until a condition holds, clamps below 0 and ends past the last step', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {n: "{_cache.n|fallback:0|+1}"}}
    - action: validate
      params: {condition: "{_cache.n} >= 3"}
      transition:
        - {action_result: failed, transition_action: move_steps, transition_value: -5}
        - {action_result: success, transition_action: move_steps, transition_value: 10}
    - action: set_cache
      params: {cache: {unreachable: true}}
`)
    expect(trace(result)).toEqual([
      'go#0 set_cache success → continue',
      'go#1 validate failed → move_steps',
      'go#0 set_cache success → continue',
      'go#1 validate failed → move_steps',
      'go#0 set_cache success → continue',
      'go#1 validate success → move_steps',
    ])
    expect(result.runs[0]).toMatchObject({ result: 'success', cache: { n: 3 } })
  })

  it('ends with success on jump_to_step out of range and continues on an empty target list', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: validate
      params: {condition: "true"}
      transition:
        - {action_result: success, transition_action: jump_to_scenario, transition_value: []}
    - action: validate
      params: {condition: "true"}
      transition:
        - {action_result: success, transition_action: jump_to_step, transition_value: 9}
    - action: set_cache
      params: {cache: {unreachable: true}}
`)
    expect(trace(result)).toEqual([
      'go#0 validate success → jump_to_scenario',
      'go#1 validate success → jump_to_step',
    ])
    expect(result.runs[0].result).toBe('success')
  })

  it('break ends only its scenario; abort ends the chain but not the other matched scenarios; stop ends the event', async () => {
    const yaml = (how: string) => `a:
  trigger: [{event_type: message}]
  step:
    - action: execute_scenario
      params: {scenario: callee}
    - action: set_cache
      params: {cache: {after_call: true}}
callee:
  step:
    - action: validate
      params: {condition: "true"}
      transition: [{action_result: success, transition_action: ${how}}]
    - action: set_cache
      params: {cache: {unreachable: true}}
b:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {b: true}}
`
    const broke = await run(yaml('break'))
    expect(runs(broke)).toEqual(['a:success', 'callee:break', 'b:success'])
    expect(broke.runs[0].cache).toMatchObject({ after_call: true, scenario_result: 'break' })

    const aborted = await run(yaml('abort'))
    expect(runs(aborted)).toEqual(['a:abort', 'callee:abort', 'b:success'])
    expect(trace(aborted)[0]).toBe('a#0 execute_scenario success → abort')

    const stopped = await run(yaml('stop'))
    expect(runs(stopped)).toEqual(['a:stop', 'callee:stop'])
  })

  it('jump_to_scenario runs the targets in order with the data so far, then ends the jumping scenario', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {trail: [go]}}
      transition:
        - {action_result: any, transition_action: jump_to_scenario, transition_value: [one, two]}
    - action: set_cache
      params: {cache: {unreachable: true}}
one:
  step:
    - action: set_cache
      params: {cache: {trail: "{_cache.trail|comma}, one", chain: "{scenario_chain|comma}"}}
two:
  step:
    - action: set_cache
      params: {cache: {trail: "{_cache.trail}, two", chain: "{scenario_chain|comma}"}}
`)
    expect(runs(result)).toEqual(['go:success', 'one:success', 'two:success'])
    expect(result.runs[0].cache).toEqual({ trail: 'go, one, two', chain: 'go, two' })
    expect(result.runs[1].called_by).toEqual({ scenario: 'go', step: 0, via: 'jump_to_scenario' })
  })

  it('the execute_scenario transition calls and returns, merging the callee cache, then goes on', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: validate
      params: {condition: "true"}
      transition:
        - {action_result: success, transition_action: execute_scenario, transition_value: helper}
    - action: set_cache
      params: {cache: {seen: "{_cache.helped}/{_cache.scenario_result}/{last_result}"}}
helper:
  step:
    - action: set_cache
      params: {cache: {helped: yes}}
`)
    expect(trace(result)).toEqual([
      'go#0 validate success → execute_scenario',
      'go#1 set_cache success → continue',
      'helper#0 set_cache success → continue',
    ])
    expect(result.runs[0].cache.seen).toBe('yes/success/success')
  })

  it('an execute_scenario step with a list runs them in order, stops at an error and returns no cache', async () => {
    const result = await run(`go:
  trigger: [{event_type: message}]
  step:
    - action: set_cache
      params: {cache: {name: missing}}
    - action: execute_scenario
      params: {scenario: [one, "{_cache.name}", two]}
      transition:
        - {action_result: error, transition_action: jump_to_step, transition_value: 3}
    - action: set_cache
      params: {cache: {unreachable: true}}
    - action: set_cache
      params: {cache: {error: "{last_error.code}: {last_error.message}", one: "{_cache.one|fallback:none}"}}
one:
  step:
    - action: set_cache
      params: {cache: {one: 1}}
two:
  step:
    - action: set_cache
      params: {cache: {two: 2}}
`)
    expect(runs(result)).toEqual(['go:success', 'one:success'])
    expect(trace(result)[1]).toBe('go#1 execute_scenario error → jump_to_step')
    expect(result.runs[0].cache).toMatchObject({
      error: "SCENARIO_ERROR: unknown scenario 'missing'",
      one: 'none',
      scenario_result: 'error',
    })
  })
})

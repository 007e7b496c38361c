import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, callback, message, simulate } from './scenario-support.ts'

/** One step that marks the scenario as run, so only `matched` and run order matter. */
const scenario = (name: string, trigger: string) => `${name}:
  trigger:
${trigger}
  step:
    - action: set_cache
      params: {cache: {ran: ${name}}}
`

describe('trigger matching', () => {
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness()
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  const matched = async (scenarios: string, event: Record<string, unknown>, userState?: string) =>
    (
      await simulate(harness, account, {
        event,
        scenarios,
        ...(userState !== undefined ? { user_state: userState } : {}),
      })
    ).matched

  it('ANDs the keys of one trigger, ORs triggers, and runs a scenario once however many match', async () => {
    const yaml = scenario(
      'start',
      `    - event_type: message
      event_text: /start
    - event_type: message
      chat_id: 42
    - event_type: callback
      callback_data: start`,
    )
    expect(await matched(yaml, message('/start'))).toEqual(['start'])
    expect(await matched(yaml, message('/other', { chat_id: 7 }))).toEqual([])
    expect(await matched(yaml, callback('start'))).toEqual(['start'])
    expect(await matched(yaml, callback('menu'))).toEqual([])
  })

  it('runs matched scenarios in load order, and a stop ends the event', async () => {
    const yaml = `${scenario('first', '    - event_type: message')}
second:
  trigger:
    - event_type: message
      event_text: /stop
  step:
    - action: validate
      params: {condition: "true"}
      transition:
        - action_result: success
          transition_action: stop
${scenario('third', '    - event_type: message')}`
    const plain = await simulate(harness, account, { event: message('/hi'), scenarios: yaml })
    expect(plain.runs.map((run: { scenario: string }) => run.scenario)).toEqual(['first', 'third'])
    const stopped = await simulate(harness, account, { event: message('/stop'), scenarios: yaml })
    expect(stopped.matched).toEqual(['first', 'second', 'third'])
    expect(
      stopped.runs.map((run: { scenario: string; result: string }) => [run.scenario, run.result]),
    ).toEqual([
      ['first', 'success'],
      ['second', 'stop'],
    ])
  })

  it('keeps the trigger condition in parentheses, so its `or` cannot escape the event_type guard (Coreness bug)', async () => {
    const yaml = scenario(
      'guarded',
      `    - event_type: message
      condition: "$event_text == 'a' or $callback_data == 'b'"`,
    )
    expect(await matched(yaml, message('a'))).toEqual(['guarded'])
    // In Coreness this compiled to ($event_type == 'message' and $event_text == 'a' or $callback_data == 'b').
    expect(await matched(yaml, callback('b'))).toEqual([])
  })

  it('fires every branch of an `or` of equalities (Coreness indexed only the last one)', async () => {
    const yaml = scenario(
      'either',
      `    - condition: "$event_type == 'message' and ($event_text == 'a' or $event_text == 'b')"`,
    )
    expect(await matched(yaml, message('a'))).toEqual(['either'])
    expect(await matched(yaml, message('b'))).toEqual(['either'])
    expect(await matched(yaml, message('c'))).toEqual([])
  })

  it('fires triggers without any equality (Coreness never indexed them, so they never fired)', async () => {
    const yaml = scenario('vip', `    - condition: "$user_id > 100 and $event_text regex '^/vip'"`)
    expect(await matched(yaml, message('/vip', { user_id: 101 }))).toEqual(['vip'])
    expect(await matched(yaml, message('/vip', { user_id: 99 }))).toEqual([])
  })

  it('compares like the condition language: a quoted number matches the number (Coreness compared types strictly)', async () => {
    const yaml = scenario(
      'admin',
      `    - event_type: message
      user_id: "42"
    - event_type: callback
      chat_id: 42.0`,
    )
    expect(await matched(yaml, message('/x', { user_id: 42 }))).toEqual(['admin'])
    expect(await matched(yaml, callback('x', { chat_id: 42 }))).toEqual(['admin'])
    expect(await matched(yaml, message('/x', { user_id: 43 }))).toEqual([])
  })

  it('resolves placeholders in a trigger condition against the event (Coreness dropped them)', async () => {
    const yaml = scenario(
      'shout',
      `    - event_type: message
      condition: "'{event_text|upper}' == 'HELLO' and {user_id|+1} == 43"`,
    )
    expect(await matched(yaml, message('hello'))).toEqual(['shout'])
    expect(await matched(yaml, message('hello', { user_id: 7 }))).toEqual([])
    expect(await matched(yaml, message('bye'))).toEqual([])
  })

  it('matches user_state, from the request or else the stored state', async () => {
    const yaml = `${scenario('feedback', '    - event_type: message\n      user_state: feedback')}
ask:
  trigger:
    - event_type: message
      event_text: /feedback
  step:
    - action: set_user_state
      params: {state: feedback, expires_in_seconds: 300}
`
    expect(await matched(yaml, message('great app'), 'feedback')).toEqual(['feedback'])
    expect(await matched(yaml, message('great app'))).toEqual([])
    expect(await matched(yaml, message('great app', { user_state: 'feedback' }))).toEqual([
      'feedback',
    ])
  })

  it('matches dotted fields and booleans', async () => {
    const yaml = scenario(
      'premium_group',
      `    - event_type: message
      is_premium: true
      system.bot_id: 5`,
    )
    const event = message('x', { is_premium: true, system: { bot_id: 5, tenant_id: 1 } })
    expect(await matched(yaml, event)).toEqual(['premium_group'])
    expect(await matched(yaml, { ...event, is_premium: false })).toEqual([])
  })
})

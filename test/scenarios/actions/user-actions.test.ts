import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../functions/platform/clock.ts'
import { dbBackends } from '../../support/backends.ts'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, invokeAs, message, simulate } from '../engine/scenario-support.ts'

describe.each(dbBackends)('user state and User Storage actions on %s', (backend) => {
  const clock = fixedClock('2026-11-23T10:00:00Z')
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness({ backend, clock })
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  const invoke = (action: string, input: Record<string, unknown>) =>
    invokeAs(harness, account, action, input)

  it('sets a state that expires, reads it as gone afterwards, and clears it', async () => {
    const set = await invoke('set_user_state', {
      user_id: 7,
      state: 'feedback',
      expires_in_seconds: 300,
    })
    expect(set.response_data).toEqual({
      user_state: 'feedback',
      user_state_expired_at: '2026-11-23T10:05:00.000Z',
    })
    expect((await invoke('get_user_state', { user_id: 7 })).response_data?.user_state).toBe(
      'feedback',
    )
    clock.advance(300_000)
    expect((await invoke('get_user_state', { user_id: 7 })).response_data).toEqual({
      user_state: null,
      user_state_expired_at: null,
    })
    await invoke('set_user_state', { user_id: 7, state: 'forever', expires_in_seconds: 0 })
    expect((await invoke('get_user_state', { user_id: 7 })).response_data).toEqual({
      user_state: 'forever',
      user_state_expired_at: null,
    })
    await invoke('clear_user_state', { user_id: 7 })
    expect((await invoke('get_user_state', { user_id: 7 })).response_data?.user_state).toBeNull()
    await invoke('set_user_state', { user_id: 7, state: 'x' })
    await invoke('set_user_state', { user_id: 7, state: '' })
    expect((await invoke('get_user_state', { user_id: 7 })).response_data?.user_state).toBeNull()
    expect((await invoke('get_user_state', {})).error?.code).toBe('VALIDATION_ERROR')
  })

  it('routes the next event by the stored state, and stops routing once it expired', async () => {
    const scenarios = `answer:
  trigger: [{event_type: message, user_state: awaiting_name}]
  step:
    - action: set_cache
      params: {cache: {name: "{event_text}", state: "{user_state}"}}
`
    await invoke('set_user_state', { user_id: 42, state: 'awaiting_name', expires_in_seconds: 60 })
    const routed = await simulate(harness, account, { event: message('Ann'), scenarios })
    expect(routed.runs[0].cache).toEqual({ name: 'Ann', state: 'awaiting_name' })
    clock.advance(61_000)
    expect(
      (await simulate(harness, account, { event: message('Ann'), scenarios })).matched,
    ).toEqual([])
  })

  it('keeps per-user storage with patterns, and finds users by a stored value of the same type', async () => {
    await invoke('set_user_storage', { user_id: 1, values: { lang: 'en', plan: 'pro', level: 3 } })
    await invoke('set_user_storage', { user_id: 2, key: 'plan', value: 'pro' })
    await invoke('set_user_storage', { user_id: 3, key: 'level', value: '3' })
    const value = async (input: Record<string, unknown>) =>
      (await invoke('get_user_storage', input)).response_data?.user_storage_values
    expect(await value({ user_id: 1, key: 'level' })).toBe(3)
    expect(await value({ user_id: 1, key_pattern: 'L%' })).toEqual({ lang: 'en', level: 3 })
    expect(await value({ user_id: 1 })).toEqual({ lang: 'en', level: 3, plan: 'pro' })
    expect((await invoke('get_user_storage', { user_id: 9 })).result).toBe('not_found')

    const byValue = async (key: string, found: unknown) =>
      (await invoke('get_users_by_storage_value', { key, value: found })).response_data
    expect(await byValue('plan', 'pro')).toEqual({ user_ids: [1, 2], user_count: 2 })
    expect(await byValue('level', 3)).toEqual({ user_ids: [1], user_count: 1 })
    expect(await byValue('level', '3')).toEqual({ user_ids: [3], user_count: 1 })

    expect((await invoke('delete_user_storage', { user_id: 1, key_pattern: 'l%' })).result).toBe(
      'success',
    )
    expect(await value({ user_id: 1 })).toEqual({ plan: 'pro' })
    expect((await invoke('delete_user_storage', { user_id: 1 })).result).toBe('success')
    expect((await invoke('delete_user_storage', { user_id: 1 })).result).toBe('not_found')
  })

  it('lists the users the tenant has seen', async () => {
    const fresh = await signUp(harness.app)
    await invokeAs(harness, fresh, 'set_user_state', { user_id: 5, state: 'a' })
    await invokeAs(harness, fresh, 'set_user_state', { user_id: 3, state: 'b' })
    expect((await invokeAs(harness, fresh, 'get_tenant_users', {})).response_data).toEqual({
      user_ids: [3, 5],
      user_count: 2,
    })
  })
})

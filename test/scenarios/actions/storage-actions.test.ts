import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbBackends } from '../../support/backends.ts'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, invokeAs } from '../engine/scenario-support.ts'

describe.each(dbBackends)('Tenant Storage actions on %s', (backend) => {
  let harness: Harness
  let account: Account
  let other: Account
  beforeAll(async () => {
    harness = await createHarness({ backend })
    account = await signUp(harness.app)
    other = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  const invoke = (action: string, input: Record<string, unknown>) =>
    invokeAs(harness, account, action, input)

  it('sets in three modes and reads back the shapes of §6.5, keeping every JSON type', async () => {
    expect(
      await invoke('set_storage', { group_key: 'settings', key: 'code', value: '123' }),
    ).toEqual({
      result: 'success',
      response_data: { storage_values: '123' },
    })
    const grouped = await invoke('set_storage', {
      group_key: 'settings',
      values: { max: 100, flags: { beta: true }, langs: ['en', 'ru'] },
    })
    expect(grouped.response_data?.storage_values).toEqual({
      code: '123',
      flags: { beta: true },
      langs: ['en', 'ru'],
      max: 100,
    })
    await invoke('set_storage', { values: { temp_a: { x: 1 }, temp_b: { y: 'true' } } })

    const value = async (input: Record<string, unknown>) =>
      (await invoke('get_storage', input)).response_data?.storage_values
    expect(await value({ group_key: 'settings', key: 'code' })).toBe('123')
    expect(await value({ group_key: 'settings', key: 'max' })).toBe(100)
    expect(await value({ group_key: 'settings', key_pattern: 'L%' })).toEqual({
      langs: ['en', 'ru'],
    })
    expect(await value({ group_key_pattern: 'TEMP\\_%' })).toEqual({
      temp_a: { x: 1 },
      temp_b: { y: 'true' },
    })
    expect(await value({ group_key_pattern: 'temp_%', key: 'y' })).toEqual({
      temp_b: { y: 'true' },
    })
    expect(Object.keys((await value({})) as object)).toEqual(['settings', 'temp_a', 'temp_b'])

    const formatted = await invoke('get_storage', { group_key: 'temp_a', format: true })
    expect(formatted.response_data).toEqual({ storage_values: { x: 1 }, formatted_text: 'x: 1\n' })
    expect((await invoke('get_storage', { group_key: 'settings', key: 'nope' })).result).toBe(
      'not_found',
    )
  })

  it('refuses null values, over-deep values, unclear modes and a key without a group', async () => {
    const code = async (action: string, input: Record<string, unknown>) =>
      (await invoke(action, input)).error?.code
    expect(await code('set_storage', { group_key: 'g', key: 'k', value: null })).toBe(
      'VALIDATION_ERROR',
    )
    expect(await code('set_storage', { group_key: 'g', key: 'k' })).toBe('VALIDATION_ERROR')
    expect(await code('set_storage', { group_key: 'g', values: { a: null } })).toBe(
      'VALIDATION_ERROR',
    )
    expect(await code('set_storage', { values: { g: 'flat' } })).toBe('VALIDATION_ERROR')
    let deep: unknown = 'leaf'
    for (let level = 0; level < 21; level++) deep = [deep]
    expect(await code('set_storage', { group_key: 'g', key: 'deep', value: deep })).toBe(
      'VALIDATION_ERROR',
    )
    expect(await code('get_storage', { key: 'k' })).toBe('VALIDATION_ERROR')
    expect(await code('delete_storage', { key: 'k' })).toBe('VALIDATION_ERROR')
  })

  it('deletes values or whole groups by name or pattern, and says not_found when nothing went', async () => {
    await invoke('set_storage', {
      values: { cache_1: { a: 1, b: 2 }, cache_2: { a: 1 }, keep: { a: 1 } },
    })
    expect((await invoke('delete_storage', { group_key: 'cache_1', key: 'a' })).result).toBe(
      'success',
    )
    expect(
      (await invoke('get_storage', { group_key: 'cache_1' })).response_data?.storage_values,
    ).toEqual({ b: 2 })
    expect((await invoke('delete_storage', { group_key_pattern: 'cache%' })).result).toBe('success')
    expect((await invoke('delete_storage', { group_key_pattern: 'cache%' })).result).toBe(
      'not_found',
    )
    expect((await invoke('get_storage', { group_key: 'keep' })).result).toBe('success')
  })

  it('caps reads at 100 values and group lists at 200, saying when the list is cut', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => [`k${String(i).padStart(3, '0')}`, i]),
    )
    await invoke('set_storage', { group_key: 'big', values: many })
    const read = await invoke('get_storage', { group_key: 'big' })
    expect(Object.keys(read.response_data?.storage_values as object)).toHaveLength(100)

    const groups = Object.fromEntries(
      Array.from({ length: 205 }, (_, i) => [`g${String(i).padStart(3, '0')}`, { v: i }]),
    )
    await invokeAs(harness, other, 'set_storage', { values: groups })
    const listed = await invokeAs(harness, other, 'get_storage_groups', {})
    expect(listed.response_data?.is_truncated).toBe(true)
    expect(listed.response_data?.group_keys).toEqual(Object.keys(groups).slice(0, 200))
  })

  it("keeps tenants apart: another tenant's data is invisible and naming its tenant_id is refused", async () => {
    await invoke('set_storage', { group_key: 'private', key: 'k', value: 'mine' })
    expect((await invokeAs(harness, other, 'get_storage', { group_key: 'private' })).result).toBe(
      'not_found',
    )
    const foreign = await invokeAs(harness, other, 'get_storage', {
      group_key: 'private',
      tenant_id: account.tenantId,
    })
    expect(foreign.error?.code).toBe('PERMISSION_DENIED')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, signUp } from '../../support/harness.ts'
import { type Account, invokeAs } from '../engine/scenario-support.ts'

describe('scenario helper actions', () => {
  let harness: Harness
  let account: Account
  beforeAll(async () => {
    harness = await createHarness()
    account = await signUp(harness.app)
  })
  afterAll(() => harness.close())

  const invoke = (action: string, input: Record<string, unknown>) =>
    invokeAs(harness, account, action, input)
  const data = async (action: string, input: Record<string, unknown>) =>
    (await invoke(action, input)).response_data

  it('validate: success when true, failed when false, error for a broken condition', async () => {
    const context = { user_id: 150, _cache: { tags: ['vip'] }, event_text: 'hello there' }
    expect(
      await invoke('validate', {
        ...context,
        condition: "$user_id > 100 and 'vip' in $_cache.tags",
      }),
    ).toEqual({
      result: 'success',
    })
    expect(
      (await invoke('validate', { ...context, condition: "$event_text regex '^bye'" })).result,
    ).toBe('failed')
    expect((await invoke('validate', { condition: '$a ==' })).error?.code).toBe('VALIDATION_ERROR')
    expect((await invoke('validate', { condition: '' })).error?.code).toBe('VALIDATION_ERROR')
  })

  it('generates numbers in range, the same ones for the same seed', async () => {
    const seeded = await data('generate_int', { min: 1, max: 1_000_000, seed: 'abc' })
    expect(await data('generate_int', { min: 1, max: 1_000_000, seed: 'abc' })).toEqual(seeded)
    expect(seeded?.random_seed).toBe('abc')
    for (let i = 0; i < 20; i++) {
      const value = (await data('generate_int', { min: -2, max: 2 }))?.random_value as number
      expect(value).toBeGreaterThanOrEqual(-2)
      expect(value).toBeLessThanOrEqual(2)
    }
    expect((await invoke('generate_int', { min: 5, max: 1 })).error?.code).toBe('VALIDATION_ERROR')

    const list = (await data('generate_array', { min: 1, max: 10, count: 10 }))
      ?.random_list as number[]
    expect([...list].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const again = await data('generate_array', { min: 1, max: 50, count: 5, seed: 7 })
    expect(await data('generate_array', { min: 1, max: 50, count: 5, seed: 7 })).toEqual(again)
    expect((await invoke('generate_array', { min: 1, max: 3, count: 4 })).error?.code).toBe(
      'VALIDATION_ERROR',
    )
    const dupes = (
      await data('generate_array', { min: 1, max: 1, count: 3, allow_duplicates: true })
    )?.random_list
    expect(dupes).toEqual([1, 1, 1])

    const chosen = (await data('choose_from_array', { array: ['a', 'b', 'c'], count: 3 }))
      ?.random_list
    expect([...(chosen as string[])].sort()).toEqual(['a', 'b', 'c'])
    expect((await invoke('choose_from_array', { array: ['a'], count: 2 })).error?.code).toBe(
      'VALIDATION_ERROR',
    )
  })

  it('modifies arrays and finds values the way Python compares them', async () => {
    expect(await data('modify_array', { operation: 'add', array: [1, 2], value: 3 })).toEqual({
      modified_array: [1, 2, 3],
    })
    expect(await data('modify_array', { operation: 'add', array: [1, 2], value: 2 })).toEqual({
      modified_array: [1, 2],
    })
    expect(
      await data('modify_array', {
        operation: 'add',
        array: [1],
        value: 1,
        skip_duplicates: false,
      }),
    ).toEqual({ modified_array: [1, 1] })
    expect(await data('modify_array', { operation: 'remove', array: [1, 2, 1], value: 1 })).toEqual(
      {
        modified_array: [2],
      },
    )
    expect(
      (await invoke('modify_array', { operation: 'remove', array: [1], value: 5 })).result,
    ).toBe('not_found')
    expect(await data('modify_array', { operation: 'clear', array: [1, 2] })).toEqual({
      modified_array: [],
    })
    expect(await data('check_value_in_array', { array: ['a', 2.0, 'c'], value: 2 })).toEqual({
      response_index: 1,
    })
    expect((await invoke('check_value_in_array', { array: ['a'], value: 'b' })).result).toBe(
      'not_found',
    )
  })

  it('gives a tenant the same unique id for the same seed, and new ids otherwise', async () => {
    const first = (await data('generate_unique_id', { seed: 'order-1' }))?.unique_id
    expect(await data('generate_unique_id', { seed: 'order-1' })).toEqual({ unique_id: first })
    const second = (await data('generate_unique_id', { seed: 'order-2' }))?.unique_id
    const unseeded = (await data('generate_unique_id', {}))?.unique_id
    expect(new Set([first, second, unseeded]).size).toBe(3)
    const stranger = await signUp(harness.app)
    const theirs = await invokeAs(harness, stranger, 'generate_unique_id', { seed: 'order-1' })
    expect(theirs.response_data?.unique_id).not.toBe(first)
  })

  it('formats lists by template and structured items with their parameters', async () => {
    const list = await data('format_data_to_text', {
      format_type: 'list',
      title: 'Menu',
      input_data: [
        { name: 'Tea', price: 3 },
        { name: 'Cake', price: 4.5 },
      ],
      item_template: '• $name — $price $currency',
    })
    expect(list).toEqual({ formatted_text: 'Menu\n• Tea — 3 $currency\n• Cake — 4.5 $currency' })
    const structured = await data('format_data_to_text', {
      format_type: 'structured',
      input_data: [
        {
          name: 'send_message',
          description: 'Sends a message',
          parameters: {
            text: { type: 'string', description: 'The text' },
            parse_mode: { type: 'string', optional: true, default: 'HTML' },
          },
        },
        { name: 'sleep' },
      ],
    })
    expect(structured?.formatted_text).toBe(
      'send_message — Sends a message\nParameters:\n- text (string) — The text\n- parse_mode (string) (optional). Default: HTML\n\nsleep',
    )
    expect(
      (await invoke('format_data_to_text', { format_type: 'list', input_data: [] })).error?.code,
    ).toBe('VALIDATION_ERROR')
  })

  it('set_cache returns its object; control actions explain themselves outside a scenario', async () => {
    expect(await data('set_cache', { cache: { a: 1 } })).toEqual({ a: 1 })
    expect((await invoke('wait_for_action', { action_id: 'x' })).error?.code).toBe('INVALID_STATE')
    expect((await invoke('sleep', { seconds: 61 })).error?.code).toBe('VALIDATION_ERROR')
    expect(await invoke('sleep', { seconds: 0 })).toEqual({ result: 'success' })
    const missing = await invoke('execute_scenario', { scenario: 'nothing_loaded' })
    expect(missing).toMatchObject({ result: 'error', error: { code: 'SCENARIO_ERROR' } })
  })
})

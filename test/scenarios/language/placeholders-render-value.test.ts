import { describe, expect, it } from 'vitest'
import { renderValue } from '../../../functions/scenarios/placeholders/index.ts'

const values = {
  name: 'John',
  age: 30,
  lst: ['a', 'b'],
  ids: [1, 2, 3],
  empty: [],
  keyboard: [[{ 'Button 1': 'action1' }, { 'Button 2': 'action2' }], [{ 'Button 3': 'action3' }]],
  _cache: { keyboard: [[{ 'Tenant 1': 't1' }], [{ 'Tenant 2': 't2' }]] },
  kb1: [[{ A: 'a' }]],
  kb2: [[{ B: 'b' }]],
}

describe('renderValue walks dicts and lists', () => {
  it('renders strings at any depth, keeps keys and non-strings', () => {
    const params = {
      text: 'Hello {name}',
      number: '{age}',
      static: 'unchanged',
      missing: '{missing}',
      n: 5,
      b: false,
      nil: null,
      user: { greeting: 'Hi {name}', info: { age: '{age}' } },
      '{name}': 'key stays',
    }
    expect(renderValue(params, values)).toStrictEqual({
      text: 'Hello John',
      number: 30,
      static: 'unchanged',
      missing: '{missing}',
      n: 5,
      b: false,
      nil: null,
      user: { greeting: 'Hi John', info: { age: 30 } },
      '{name}': 'key stays',
    })
  })

  it('renders a bare string as renderString does', () => {
    expect(renderValue('{ids}', values)).toStrictEqual([1, 2, 3])
    expect(renderValue(7, values)).toBe(7)
  })

  it('does not mutate its input', () => {
    const params = { l: ['{lst}'], d: { x: '{name}' } }
    renderValue(params, values)
    expect(params).toStrictEqual({ l: ['{lst}'], d: { x: '{name}' } })
  })
})

describe('list splicing and expand', () => {
  it.each([
    [
      ['{lst}', 'x'],
      ['a', 'b', 'x'],
    ],
    [
      ['{lst} y', 'x'],
      ["['a', 'b'] y", 'x'],
    ],
    [['{empty}', 'x'], ['x']],
    [['{lst|upper}'], ["['A', 'B']"]],
    [['{ids|keys}', 'x'], ['x']],
    [
      ['{keyboard|expand}', { Back: 'back' }],
      [...values.keyboard, { Back: 'back' }],
    ],
    [
      ['{_cache.keyboard|expand}', [{ Back: 'back' }]],
      [...values._cache.keyboard, [{ Back: 'back' }]],
    ],
    [
      ['{kb1|expand}', '{kb2|expand}'],
      [[{ A: 'a' }], [{ B: 'b' }]],
    ],
    [
      ['{ids|expand}', 'x'],
      [[1, 2, 3], 'x'],
    ],
    [
      ['{empty|expand}', 'x'],
      [[], 'x'],
    ],
    [['{keyboard}'], [...values.keyboard]],
    [
      [['{lst}'], '{name}'],
      [['a', 'b'], 'John'],
    ],
    [
      [{ t: '{name}' }, 1, null],
      [{ t: 'John' }, 1, null],
    ],
  ])('%j → %j', (list, expected) => {
    expect(renderValue(list, values)).toStrictEqual(expected)
  })

  it('builds an inline keyboard the way the Master Bot does', () => {
    const params = { inline: ['{_cache.keyboard|expand}', [{ Back: 'back' }]] }
    expect(renderValue(params, values)).toStrictEqual({
      inline: [[{ 'Tenant 1': 't1' }], [{ 'Tenant 2': 't2' }], [{ Back: 'back' }]],
    })
  })

  it('returns plain numbers for Python floats (no wrapper leaks out)', () => {
    const out = renderValue({ f: "{'2.0'}", l: ["{'[1.0, 2.5]'}"] }, values)
    expect(out).toStrictEqual({ f: 2, l: [1, 2.5] })
  })
})

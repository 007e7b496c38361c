import { describe, expect, it } from 'vitest'
import { renderString, renderText } from '../../../functions/scenarios/placeholders/index.ts'

describe('§4.5 verified examples', () => {
  it.each([
    ['{username|fallback:Guest}', { username: null }, 'Guest'],
    ['{n|+1}', { n: '42' }, 43],
    ['{price|*0.9|format:currency}', { price: 1400 }, '1260.00 ₽'],
    ['{flag|true|value:ON|fallback:OFF}', { flag: true }, 'ON'],
    ['{status|equals:{expected}|value:OK|fallback:BAD}', { status: 'a', expected: 'a' }, 'OK'],
    ['{status|equals:{expected}|value:OK|fallback:BAD}', { status: 'a', expected: 'b' }, 'BAD'],
    ['{_cache.x.y[-1]}', { _cache: { x: { y: [10, 20] } } }, 20],
    ["{'2024-01-31'|shift:+1 month}", {}, '2024-02-29'],
    ["{'2h 30m'|seconds}", {}, 9000],
    ['{lst|list|code}', { lst: ['a', 'b'] }, '<code>• a\n• b</code>'],
    ['{name|truncate:5}', { name: 'john doe' }, 'jo...'],
    ['Hi {missing}!', {}, 'Hi {missing}!'],
    ['{zero|fallback:9}', { zero: 0 }, 0],
  ])('%s with %j → %j', (template, values, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })
})

describe('§4.3 result typing of a whole-string placeholder', () => {
  it.each([
    ['{chat_id}', { chat_id: 12345 }, 12345],
    ['{code}', { code: '007' }, 7],
    ['{v}', { v: '1.0' }, 1],
    ['{v}', { v: ' 42 ' }, 42],
    ['{v}', { v: '+7' }, 7],
    ['{v}', { v: '1.5e3' }, 1500],
    ['{v}', { v: '1e5' }, '1e5'],
    ['{v}', { v: 'TRUE' }, true],
    ['{v}', { v: ' false ' }, false],
    ['{v}', { v: '[1, 2.0, "x"]' }, [1, 2, 'x']],
    ['{v}', { v: "['a', 'b']" }, "['a', 'b']"],
    ['{v}', { v: '{"a": 1}' }, '{"a": 1}'],
    ['{v}', { v: '50%' }, '50%'],
    ['{v}', { v: '100 ₽' }, '100 ₽'],
    ['{v}', { v: '1_000' }, '1_000'],
    ['{v}', { v: '   ' }, '   '],
    ['{v}', { v: '' }, ''],
    ['{v}', { v: 'null' }, 'null'],
    ['{v}', { v: false }, false],
    ['{v}', { v: [] }, []],
    ['{v}', { v: { k: 1 } }, { k: 1 }],
    ["{'123'}", {}, 123],
    ["{'123.45'}", {}, 123.45],
    ["{'true'}", {}, true],
  ])('%s with %j → %j', (template, values, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })
})

describe('§4.3 mixed text renders Python str()', () => {
  const values = {
    flag: true,
    off: false,
    none: null,
    lst: ['a', "it's", 1.5, null, true],
    d: { k: 1, s: 'x', l: [1] },
    f: 1.5,
    tiny: 0.00001,
    ints: [1, 2],
    text: 'line\nbreak\t\\',
  }
  it.each([
    ['x {flag} {off}', 'x True False'],
    ['x {none}', 'x {none}'],
    ['x {lst}', `x ['a', "it's", 1.5, None, True]`],
    ['x {d}', "x {'k': 1, 's': 'x', 'l': [1]}"],
    ['x {f} {tiny}', 'x 1.5 1e-05'],
    ["x {'1.0'} {'1.50'|lower} {'-0.0'}", 'x 1.0 1.5 -0.0'],
    ['x {none|fallback:1.0}', 'x 1.0'],
    ["x {'[1.0, 2]'}", 'x [1.0, 2]'],
    ['x {ints|keys} {d|keys}', "x [] ['k', 's', 'l']"],
    ['x {\'["a\\nb"]\'}', "x ['a\\nb']"],
    ['{text|upper} [{lst}]', `LINE\nBREAK\t\\ [['a', "it's", 1.5, None, True]]`],
  ])('%s → %s', (template, expected) => {
    expect(renderString(template, values)).toBe(expected)
  })

  it('renders format:number through type inference, as Coreness does ("5.00" → 5.0 → "5.0")', () => {
    expect(renderString('{p|format:number}', { p: 5 })).toBe(5)
    expect(renderString('Sum: {p|format:number}', { p: 5 })).toBe('Sum: 5.0')
    expect(renderString('Sum: {p|format:number}', { p: 5.256 })).toBe('Sum: 5.26')
  })

  it.each([
    [1e16, '10000000000000000'],
    [1e22, '10000000000000000000000'],
    [1.5e16, '15000000000000000'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-7, '1e-07'],
    [0.0001, '0.0001'],
    [1.5e17 + 0.5, '150000000000000000'],
    [123456789.123, '123456789.123'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
    [-0, '0'],
  ])('renders the number %d as Python would (%s)', (n, text) => {
    expect(renderString('{n} ', { n })).toBe(`${text} `)
  })

  it.each([
    ["{'1e300'|*1e10}", 'inf'],
    ["{'2.5e-5'}", '2.5e-05'],
    ["{'1.0e16'}", '1e+16'],
    ["{'123456789012345678.0'}", '1.2345678901234568e+17'],
  ])('renders the float %s as Python repr (%s)', (template, text) => {
    expect(renderString(`${template} `, {})).toBe(`${text} `)
  })

  it('renderText always returns the text', () => {
    expect(renderText('{n}', { n: 7 })).toBe('7')
    expect(renderText('{v}', { v: '2.0' })).toBe('2.0')
    expect(renderText('{l}', { l: [true] })).toBe('[True]')
  })
})

describe('§4.2 paths', () => {
  const values = {
    user: { name: 'John', profile: { tags: ['a', 'b'] } },
    items: [10, 20, 30],
    matrix: [
      [1, 2],
      [3, 4],
    ],
    users: [{ id: 1 }, { id: 2 }],
    nums: { '1': 'one', '7': 'seven' },
    d: { k: 'v', ' k ': 'spaced' },
    empty: [],
    s: 'text',
    nested: { a: { b: { c: 'deep' } } },
    constructor: 'own',
  }
  it.each([
    ['{user.name}', 'John'],
    ['{user.profile.tags[1]}', 'b'],
    ['{items[0]}', 10],
    ['{items[-1]}', 30],
    ['{items[-3]}', 10],
    ['{items[ 1 ]}', 20],
    ['{users[-1].id}', 2],
    ['{matrix[1][0]}', 3],
    ['{nested.a.b.c}', 'deep'],
    ['{d[k]}', 'v'],
    ['{d[ k ]}', 'spaced'],
    ['{nums.7}', 'seven'],
    ['{nums.007}', 'seven'],
    ['{nums[1]}', 'one'],
    ['{constructor}', 'own'],
    ['{items[3]}', '{items[3]}'],
    ['{items[-4]}', '{items[-4]}'],
    ['{empty[0]}', '{empty[0]}'],
    ['{items.0}', '{items.0}'],
    ['{s.length}', '{s.length}'],
    ['{user.missing}', '{user.missing}'],
    ['{items[0}', '{items[0}'],
    ['{toString}', '{toString}'],
    ['{user..name}', 'John'],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })
})

describe('§4.2 quoted literals', () => {
  it.each([
    ["{'hello'}", 'hello'],
    ['{"world"}', 'world'],
    ["{'hello world'}", 'hello world'],
    ["{'   '}", '   '],
    ["{''}", ''],
    ["{'it\\'s working'}", "it's working"],
    ['{" say \\"hi\\" "}', ' say "hi" '],
    ["{'100'|+50}", 150],
    ["{'test'|upper} - {age}", 'TEST - 25'],
    ["Hello, {'world'}! My name is {name}.", 'Hello, world! My name is John.'],
    ["{'a'b'}", "a'b"],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, { age: 25, name: 'John' })).toStrictEqual(expected)
  })
})

describe('unresolved placeholders stay as written', () => {
  it.each([
    ['{missing}', '{missing}'],
    ['{ missing }', '{ missing }'],
    ['x { missing } y', 'x { missing } y'],
    ['x {missing|+1} y', 'x {missing|+1} y'],
    ['{missing|+1}', '{missing|+1}'],
    ['{ missing|+1 }', '{ missing|+1 }'],
    ['{a.{b}|+1}', '{a.B|+1}'],
    ['x {a.{b}} y', 'x {a.{b}} y'],
    ['{}', '{}'],
    ['{', '{'],
    ['}', '}'],
    ['{a', '{a'],
    ['{{a}', '{A'],
    ['{a}}', 'A}'],
    ['{{}}', '{{}}'],
    ['{none}', '{none}'],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, { a: 'A', b: 'B', none: null })).toStrictEqual(expected)
  })

  it('runs the modifier chain on a missing value', () => {
    expect(renderString('{missing|upper}', {})).toBe('')
    expect(renderString('{missing|exists}', {})).toBe(false)
    expect(renderString('{missing|length}', {})).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { evaluateCondition, parseCondition } from '../../../functions/scenarios/conditions/index.ts'
import { renderString } from '../../../functions/scenarios/placeholders/index.ts'

/** `{s|regex:…}` returns what Python's `re.search` finds (expected values were produced with CPython 3.11). */
describe('regex modifier follows Python re', () => {
  it.each([
    ['\\d+', 'abc ١٢٣ 45', '١٢٣'],
    ['(?a)\\d+', 'abc ١٢٣ 45', 45],
    ['\\w+', '  Привет_1 мир', 'Привет_1'],
    ['\\bмир\\b', 'Привет мир', 'мир'],
    ['world$', 'hello world\n', 'world'],
    ['world\\Z', 'hello world\n', ''],
    ['a.b', 'a\nb a\rb', 'a\rb'],
    ['(?s)a.b', 'a\nb', 'a\nb'],
    ['(?P<w>o)(?P=w)', 'foo', 'o'],
    ['(o)\\1', 'foo', 'o'],
    ['\\101', 'zA', 'A'],
    ['\\x41\\u0042', 'AB', 'AB'],
    ['(?x) a b  # comment', 'ab', 'ab'],
    ['(?i)ПРИВЕТ', 'привет', 'привет'],
    ['^b', 'a\nb', ''],
    ['(?m)^b', 'a\nb', 'b'],
    ['(?m)a$', 'a\nb', 'a'],
    ['[\\w-]+', 'ab-c d', 'ab-c'],
    ['[^\\W\\d]+', '12ab3', 'ab'],
    ['[\\s]+', 'a \u00a0 b', ' \u00a0 '],
    ['[]a]+', 'x]a]', ']a]'],
    ["\\'", "it's", "'"],
    ["'\\ '", 'a b', ' '],
    ['\\ ', 'a b', 'a b'],
    ['[\\b]', 'a\bb', '\b'],
    ['\\.\\*', 'x.*', '.*'],
    ['\\$\\d', 'cost $5', '$5'],
    ["'(?:a|b)+?'", 'abab', 'a'],
  ])('%s on %j → %j', (pattern, text, expected) => {
    expect(renderString(`{s|regex:${pattern}}`, { s: text })).toStrictEqual(expected)
  })

  it.each(['\\q', 'a**', '*a', '(?<n>a)', '[z-a]', '\\8', 'a++', '(?i:a)'])(
    'rejects %s (value comes back unchanged, with a warning)',
    (pattern) => {
      const warnings: string[] = []
      expect(
        renderString(`{s|regex:${pattern}}`, { s: 'aa' }, { onWarning: (m) => warnings.push(m) }),
      ).toBe('aa')
      expect(warnings).toHaveLength(1)
    },
  )
})

describe('regex operator in conditions', () => {
  it.each([
    ["$s regex 'x{,2}y'", 'xxxy', true],
    ["$s regex 'a{b'", 'a{b', true],
    ["$s regex 'a{1,b'", 'xa{1,b', true],
    ["$s regex '^x{2}$'", 'xx', true],
    ["$s regex '^x{2}$'", 'xxx', false],
    ["$s regex '^\\d{3}-\\d{2}$'", '123-45', true],
  ])('%s on %j → %s', (condition, s, expected) => {
    expect(evaluateCondition(condition, { s }, { placeholders: false }).matched).toBe(expected)
  })

  it('rejects a bad pattern at parse time', () => {
    expect(() => parseCondition("$s regex 'a**'")).toThrow(
      "bad regex 'a**': multiple repeat at position 2",
    )
  })
})

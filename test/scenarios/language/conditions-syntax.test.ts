import { describe, expect, it } from 'vitest'
import {
  ConditionSyntaxError,
  evaluateCondition,
  parseCondition,
} from '../../../functions/scenarios/conditions/index.ts'

const eval_ = (condition: string, data: Record<string, unknown> = {}) =>
  evaluateCondition(condition, data).matched

describe('§3.2 / §3.3 examples', () => {
  it.each([
    [
      "($event_type == 'message' and $user_id > 100)",
      { event_type: 'message', user_id: 101 },
      true,
    ],
    [
      "($event_type == 'message' and $user_id > 100)",
      { event_type: 'message', user_id: 100 },
      false,
    ],
    ["en in ['en','ru']", {}, true],
    ['null == "null"', {}, true],
    ['none == "none"', {}, true],
    ['null == null', {}, true],
    ['$field == null', { field: null }, false],
    ['$field == value', { field: 'value' }, true],
    ['$a.b is_null', {}, true],
    ['{x|exists} == True', {}, false],
    ['true', {}, true],
    ['FALSE', {}, false],
    [' True ', {}, true],
  ])('%s with %j → %s', (condition, data, expected) => {
    expect(eval_(condition, data)).toBe(expected)
  })
})

describe('tokens', () => {
  it.each([
    ['02.12.2012 == 02.12.2012', true],
    ['25.12.2024 15:30 == 25.12.2024 15:30', true],
    ['25.12.2024 15:30:45 == "25.12.2024 15:30:45"', true],
    ['192.168.1.1 == "192.168.1.1"', true],
    ['1.2.3.4 == 1.2.3.4', true],
    ["'1.2.3' == 1.2.3", true],
    ['x.y.z == "x.y.z"', true],
    ['sk-or-v1-token == "sk-or-v1-token"', true],
    ['123:abc-def == "123:abc-def"', true],
    ['550e8400-e29b-41d4-a716-446655440000 == "550e8400-e29b-41d4-a716-446655440000"', true],
    ["10:30 == '10:30'", true],
    ["1e5 == '1e5'", true],
    ["5-3 == '5-3'", true],
    ['a-b-c-d == "a-b-c-d"', true],
    ['abc- == "abc"', true],
    ['TRUE == "TRUE"', true],
    ['True_x == "True_x"', true],
    ['-5 < 0', true],
    ['1.5 == 1.5', true],
    ['00 == 0', true],
    ['notinside == "notinside"', true],
    ['$x == "a\\tb"', false],
    ['\'a\\tb\' == "a\tb"', true],
    ["'\\x41\\u0042\\103' == 'ABC'", true],
    ['\'\\d\' == "\\\\d"', true],
  ])('%s → %s', (condition, expected) => {
    expect(eval_(condition)).toBe(expected)
  })

  it('drops unknown characters with a warning', () => {
    const result = evaluateCondition('$a == 1 @ and # $b == 2', { a: 1, b: 2 })
    expect(result.matched).toBe(true)
    expect(result.warnings).toStrictEqual([
      "ignored '@' at position 8",
      "ignored '#' at position 14",
    ])
  })

  it('keeps string literals exactly (fixed: Coreness collapses spaces and spaces around ( ) ,)', () => {
    expect(eval_("$t == 'a  b'", { t: 'a  b' })).toBe(true)
    expect(eval_("$t == 'a ( b , c )'", { t: 'a ( b , c )' })).toBe(true)
  })

  it('uses the whole bare word after ~ (fixed: Coreness drops its first and last letters)', () => {
    expect(eval_('$t ~ xellx', { t: 'hello' })).toBe(false)
    expect(eval_('$t ~ hello', { t: 'hello' })).toBe(true)
  })

  it('accepts a double quote inside a single-quoted ~ / regex operand (fixed: Coreness breaks)', () => {
    expect(eval_('$q ~ \'"hi"\'', { q: 'say "hi"' })).toBe(true)
    expect(eval_('$q regex \'"h."\'', { q: 'say "hi"' })).toBe(true)
  })

  it('reads non-ASCII bare words (fixed: Coreness drops the rest of the condition)', () => {
    expect(eval_('$lang == русский', { lang: 'русский' })).toBe(true)
    expect(eval_('$a == 1 @@ and $b == 2', { a: 1, b: 3 })).toBe(false)
  })

  it('resolves a missing nested field to null (fixed: Coreness gives {})', () => {
    expect(eval_('$missing.deep is_null')).toBe(true)
    expect(eval_('$missing.deep == None')).toBe(true)
    expect(eval_('$_cache.missing is_null', { _cache: {} })).toBe(true)
    expect(eval_('$text.x is_null or $ok', { text: 'str', ok: true })).toBe(true)
  })

  it('allows parentheses around an operand', () => {
    expect(eval_('($role) == admin', { role: 'admin' })).toBe(true)
    expect(eval_("($role) in ['admin']", { role: 'admin' })).toBe(true)
  })

  it('applies Python chained membership', () => {
    expect(eval_("'a' in $s in $l", { s: 'abc', l: ['abc'] })).toBe(true)
    expect(eval_("'a' in $s not in $l", { s: 'abc', l: ['abc'] })).toBe(false)
  })
})

describe('syntax errors', () => {
  it.each([
    ['', 'empty condition', 0],
    ['   ', 'empty condition', 0],
    ['@@', 'empty condition', 2],
    ['$a ==', 'unexpected end of condition: expected a value', 5],
    ['== 1', "expected a value, got '=='", 0],
    ['$a == 1 2', "unexpected '2' after a complete condition", 8],
    ['$a $b', "unexpected '$b' after a complete condition", 3],
    ['$a = 1', "unexpected '1' after a complete condition", 5],
    ['$a === 1', "unexpected '=' before '1'", 7],
    ['$a == @b', "unexpected '@' before 'b'", 7],
    ['($a == 1', "expected ')' to close the '(' at position 0", 8],
    ['$a == 1)', "unexpected ')' after a complete condition", 7],
    ['$a == not $b', "expected a value, got 'not'", 6],
    ['$a == [1]', "a list is only allowed after 'in' or 'not in'", 6],
    ['$a in [[1]]', "expected a value, got '['", 7],
    ['$a ~ $b', "'~' needs a string on its right, got '$b'", 5],
    ['$a !~ 5', "'!~' needs a string on its right, got '5'", 6],
    ["$a regex '('", "bad regex '(': missing ), unterminated subpattern at position 1", 9],
    [
      "$a regex '(?<n>x)'",
      "bad regex '(?<n>x)': unsupported group syntax (scoped flags, conditionals and atomic groups) at position 0",
      9,
    ],
    ['$a == 007', "leading zeros are not allowed in '007'; quote it as a string", 6],
    ["$a == 'x\\'", 'a backslash cannot end a quoted string', 6],
    ["$a == '\\x4'", 'bad \\x escape in a quoted string', 6],
    ["$a == '1.2.3' 4", 'unexpected text after a quoted string', 6],
    ['$a and', 'unexpected end of condition: expected a value', 6],
    ['  $a and or', "expected a value, got 'or'", 9],
  ])('%j → %s at %i', (condition, detail, position) => {
    let error: unknown
    try {
      parseCondition(condition)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConditionSyntaxError)
    expect(error).toMatchObject({ detail, position, source: condition })
    expect((error as Error).message).toBe(`${detail} (position ${position})`)
  })

  it('rejects an empty condition (fixed: Coreness evaluates it as true)', () => {
    expect(() => parseCondition('')).toThrow('empty condition (position 0)')
  })

  it('throws from evaluateCondition too, also after rendering placeholders', () => {
    expect(() => evaluateCondition('$a ==', {})).toThrow(ConditionSyntaxError)
    expect(() => evaluateCondition('{v} == 1', { v: "it's" })).toThrow(ConditionSyntaxError)
  })
})

describe('parsed conditions', () => {
  it('can be parsed once and evaluated many times', () => {
    const condition = parseCondition("$event_type == 'message' and $text ~ 'hi'")
    expect(evaluateCondition(condition, { event_type: 'message', text: 'hi there' }).matched).toBe(
      true,
    )
    expect(evaluateCondition(condition, { event_type: 'callback', text: 'hi' }).matched).toBe(false)
  })

  it('exposes the AST with positions', () => {
    expect(parseCondition('$a.b[0] == 1').root).toStrictEqual({
      kind: 'compare',
      op: '==',
      left: {
        kind: 'field',
        path: [{ key: 'a' }, { key: 'b' }, { index: '0' }],
        text: '$a.b[0]',
        start: 0,
      },
      right: { kind: 'literal', value: 1, start: 11 },
      start: 0,
    })
  })

  it('does not render placeholders in an already parsed condition', () => {
    const condition = parseCondition("'{name}' == 'Ann'")
    expect(evaluateCondition(condition, { name: 'Ann' }).matched).toBe(false)
  })
})

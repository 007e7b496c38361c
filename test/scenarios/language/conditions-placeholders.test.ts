import { describe, expect, it } from 'vitest'
import { checkCondition, evaluateCondition } from '../../../functions/scenarios/conditions/index.ts'

const values = {
  user_id: 123,
  event_text: 'hello',
  _cache: { name: 'John Doe', items: [1, 2], tags: ['a', 'b'], flag: true, x: null },
  _async_action: { ai_1: { __async_action: 'ai_1', status: 'done' } },
  date: '2012-12-02',
}

describe('placeholders are rendered textually before parsing (as in validate)', () => {
  it.each([
    ["'{_cache.name}' == 'John Doe'", true],
    ['{user_id} > 100', true],
    ['{_cache.items|length} > 1', true],
    ["'b' in {_cache.tags}", true],
    ['{_cache.flag} == True', true],
    ['{_cache.x|exists} == True', false],
    ['{_cache.x|is_null}', true],
    ['{_async_action.ai_1|ready} == True', true],
    ['{date|format:date} == 02.12.2012', true],
    ['$event_text == {event_text}', true],
    ['{missing} == 5', false],
    ['{_cache.flag}', true],
  ])('%s → %s', (condition, expected) => {
    expect(evaluateCondition(condition, values).matched).toBe(expected)
  })

  it('does not quote rendered values: an unquoted value with a space is a syntax error', () => {
    expect(() => evaluateCondition('{_cache.name} == John Doe', values)).toThrow(
      "unexpected 'Doe' after a complete condition (position 5)",
    )
  })

  it('can be turned off (for text that was rendered already)', () => {
    expect(evaluateCondition("'{x}' == 'y'", { x: 'y' }, { placeholders: false }).matched).toBe(
      false,
    )
    expect(evaluateCondition("'{x}' == 'y'", { x: 'y' }).matched).toBe(true)
  })

  it('passes render options through and collects render warnings', () => {
    const seen: string[] = []
    const result = evaluateCondition("{'x'|regex:'(?<a>x)'} == x", values, {
      onWarning: (message) => seen.push(message),
    })
    expect(result.matched).toBe(true)
    expect(result.warnings).toHaveLength(1)
    expect(seen).toStrictEqual(result.warnings)
  })

  it('uses the time zone option for date modifiers', () => {
    const condition = "{'1640444445'|format:time} == '18:00'"
    expect(evaluateCondition(condition, {}, { timeZone: 'Europe/Moscow' }).matched).toBe(true)
    expect(evaluateCondition(condition, {}).matched).toBe(false)
  })
})

describe('checkCondition (load time)', () => {
  it.each([
    "$event_type == 'message'",
    "'{_cache.name}' == 'John Doe'",
    '{_cache.items|length} > 1',
    "'b' in {_cache.tags}",
    '{_async_action.ai_1|ready} == True',
  ])('accepts %s', (condition) => {
    expect(checkCondition(condition)).toStrictEqual([])
  })

  it.each([
    ['$a ==', ['unexpected end of condition: expected a value (position 5)']],
    ['{x|lenght} > 1', ["unknown modifier 'lenght' in placeholder at position 0"]],
    ['{x} > > 1', ["expected a value, got '>' (position 6)"]],
    [
      "{x|regex:'('} == 1",
      [
        "bad regex '(': missing ), unterminated subpattern at position 1 in placeholder at position 0",
      ],
    ],
    ['{x > 1', ["unclosed '{' at position 0"]],
    ['x} > 1', ["unmatched '}' at position 1"]],
  ])('reports %s', (condition, problems) => {
    expect(checkCondition(condition)).toStrictEqual(problems)
  })
})

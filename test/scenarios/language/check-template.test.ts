import { describe, expect, it } from 'vitest'
import { checkTemplate } from '../../../functions/scenarios/placeholders/index.ts'

describe('checkTemplate', () => {
  it.each([
    'Hello {name}!',
    '{price|*0.9|format:currency}',
    "{text|regex:'(a|b)'}",
    '{a|fallback:{b|upper}}',
    '{x|shift:+1 day|format:date}',
    '{x|case:title|truncate:5|+1|-2|*3|/4|%5}',
    '{_cache.translation.{key}|fallback:-}',
    '{x|format:{fmt}}',
    '{x|{dynamic}}',
    'no placeholders at all',
    "{'it\\'s'}",
  ])('accepts %s', (template) => {
    expect(checkTemplate(template)).toStrictEqual([])
  })

  it.each([
    ['Hello {name', ["unclosed '{' at position 6"]],
    ['Hello name}', ["unmatched '}' at position 10"]],
    ['{a|upperr}', ["unknown modifier 'upperr' in placeholder at position 0"]],
    ['x {a|fallback :y}', ["unknown modifier 'fallback ' in placeholder at position 2"]],
    ["{'abc|upper}", ['unterminated quote in placeholder at position 0']],
    ["{a|fallback:'x}", ["unterminated quote in modifier 'fallback:'x' at position 0"]],
    [
      "{a|regex:'('}",
      [
        "bad regex '(': missing ), unterminated subpattern at position 1 in placeholder at position 0",
      ],
    ],
    ['{a|format:money}', ["unknown format 'money' in placeholder at position 0"]],
    ['{a|case:snake}', ["unknown case 'snake' in placeholder at position 0"]],
    ['{a|shift:1 day}', ["shift needs a + or - sign: '1 day' in placeholder at position 0"]],
    ['{a|fallback:{b|nope}}', ["unknown modifier 'nope' in placeholder at position 12"]],
  ])('reports %s', (template, problems) => {
    expect(checkTemplate(template)).toStrictEqual(problems)
  })

  it('reports nesting deeper than the limit', () => {
    const deep = `${'{a|fallback:'.repeat(11)}x${'}'.repeat(11)}`
    expect(checkTemplate(deep)).toStrictEqual([
      'placeholder at position 120 is nested deeper than 10',
    ])
  })
})

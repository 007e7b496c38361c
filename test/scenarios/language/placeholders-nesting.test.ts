import { describe, expect, it } from 'vitest'
import { renderString } from '../../../functions/scenarios/placeholders/index.ts'

const values = {
  a: 'field',
  field: 'value',
  value: 'final',
  field1: 'price',
  price: 1000,
  discount: 0.1,
  key: 'menu',
  name: 'Ann',
  tpl: 'Dear {name}',
  pipe: 'x|upper',
  quote: "it's",
  userText: '{_config.token}',
  _config: { token: 'secret' },
  _cache: {
    translation: { menu: 'Menu of {name}', hi: 'Hi {name|upper}' },
    loop: '{_cache.loop|upper}',
  },
}

describe('nested placeholders', () => {
  it.each([
    ['{a|+{b}|*{c}}', { a: 10, b: 5, c: 2 }, 30],
    ['{{field1}}', values, 1000],
    ['{{{a}}}', values, 'final'],
    ['{{{{a}}}}', values, '{final}'],
    ['{nonexistent|fallback:{{field1}}}', values, 1000],
    ['{{field1}|*{discount}|format:currency}', values, '100.00 ₽'],
    ['{_cache.translation.{key}}', values, 'Menu of Ann'],
    ['{x|fallback:{y|fallback:{z|fallback:deep}}}', {}, 'deep'],
    ['{x|fallback:{y|fallback:{z|fallback:{w|fallback:deeper}}}}', {}, 'deeper'],
    ['{x|fallback:{pipe}}', values, 'X'],
    ['{x|fallback:{quote}|upper}', values, "IT'S"],
  ])('%s → %j', (template, data, expected) => {
    expect(renderString(template, data)).toStrictEqual(expected)
  })

  it('substitutes inner placeholders textually before splitting on |, as Coreness does', () => {
    expect(renderString('{missing|fallback:{pipe}}', values)).toBe('X')
  })
})

describe('recursive expansion happens only on the modifier path', () => {
  it.each([
    ['{tpl}', 'Dear {name}'],
    ['Mixed {tpl} only', 'Mixed Dear {name} only'],
    ['{tpl|upper}', 'DEAR ANN'],
    ['{tpl|fallback:x}', 'Dear Ann'],
    ['Mixed {tpl} {name|upper}', 'Mixed Dear Ann ANN'],
    ['{_cache.translation.menu|fallback:-}', 'Menu of Ann'],
    ['x {_cache.translation.hi|fallback:-}', 'x Hi ANN'],
    ['{_cache.translation.{key}|fallback:none}', 'Menu of Ann'],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })

  it('stops at the depth limit, leaves the text and warns', () => {
    const warnings: string[] = []
    const out = renderString('{_cache.loop}', values)
    expect(out).toBe('{_cache.loop|upper}')
    expect(
      renderString('{_cache.loop|lower}', values, { onWarning: (m) => warnings.push(m) }),
    ).toBe('{_cache.loop|upper}')
    expect(warnings.some((w) => w.includes('deeper than 10'))).toBe(true)
  })

  it('honours a smaller maxDepth (the inner placeholder is then left as text)', () => {
    expect(renderString('{x|fallback:{name}}', values)).toBe('Ann')
    expect(renderString('{x|fallback:{name}}', values, { maxDepth: 1 })).toBe('{name}')
  })

  it('resolves nesting beyond two levels (fixed: Coreness breaks at three)', () => {
    expect(renderString('{x|fallback:{y|fallback:{z|fallback:{w|fallback:deeper}}}} ok', {})).toBe(
      'deeper ok',
    )
  })

  it('expands placeholders found in values on the modifier path (Coreness does the same)', () => {
    expect(renderString('Echo: {userText|lower}', values)).toBe('Echo: secret')
    expect(renderString('Echo: {userText}', values)).toBe('Echo: {_config.token}')
  })

  it('does not re-scan the rendered text (fixed: Coreness loops over its own output)', () => {
    const data = { d: { a: 'b' }, y: 'Y' }
    expect(renderString('{d|fallback:x} and {y|upper}', data)).toBe("{'a': 'b'} and Y")
  })
})

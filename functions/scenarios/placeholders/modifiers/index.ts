import { pyStrip } from '../python/py-text.ts'
import { asyncModifiers } from './async.ts'
import { dateModifiers } from './dates.ts'
import { formatModifiers } from './format.ts'
import { listModifiers } from './lists.ts'
import { logicModifiers } from './logic.ts'
import { mathModifiers } from './math.ts'
import type { Modifier, ModifierContext } from './modifier.ts'
import { textModifiers } from './text.ts'

export type { Modifier, ModifierContext } from './modifier.ts'

/** All 38 Coreness modifiers, by name (the arithmetic ones by their sign). */
export const MODIFIERS: ReadonlyMap<string, Modifier> = new Map(
  Object.entries({
    ...logicModifiers,
    ...mathModifiers,
    ...textModifiers,
    ...formatModifiers,
    ...dateModifiers,
    ...listModifiers,
    ...asyncModifiers,
  }),
)

/** Coreness `_strip_quotes`: trims, then removes one pair of matching surrounding quotes. */
function stripQuotes(text: string): string {
  const s = pyStrip(text)
  const first = s[0]
  return s.length >= 2 && (first === "'" || first === '"') && s.endsWith(first) ? s.slice(1, -1) : s
}

/** `+5` → ['+', '5']; `name:param` → split at the first colon; `name` → [name, null]. */
export function parseModifier(text: string): { name: string; param: string | null } {
  const first = text[0]
  if (first !== undefined && '+-*/%'.includes(first)) {
    const param = text.length > 1 ? text.slice(1) : null
    return { name: first, param: param ? stripQuotes(param) : param }
  }
  const colon = text.indexOf(':')
  if (colon === -1) return { name: text, param: null }
  const param = text.slice(colon + 1)
  return { name: text.slice(0, colon), param: param ? stripQuotes(param) : param }
}

/** One modifier step: unknown names change nothing, and an exception leaves the value unchanged. */
export function applyModifier(value: unknown, text: string, ctx: ModifierContext): unknown {
  const { name, param } = parseModifier(text)
  const modifier = MODIFIERS.get(name)
  if (!modifier) return value
  try {
    return modifier(value, param, ctx)
  } catch (error) {
    ctx.warn(`modifier '${name}' failed: ${(error as Error).message}`)
    return value
  }
}

import { type RenderOptions, renderState } from './options.ts'
import { toNative } from './python/py-ops.ts'
import { pyStr } from './python/python-str.ts'
import { processString } from './render.ts'
import { renderNested } from './render-value.ts'

export { checkTemplate } from './check-template.ts'
export { MODIFIERS } from './modifiers/index.ts'
export { defaultIsReady, type RenderOptions } from './options.ts'
export { pyRepr, pyStr } from './python/python-str.ts'

export type Values = Record<string, unknown>

/**
 * Renders one string. A string that is exactly one placeholder gives the native value (number, bool, list,
 * dict, …); any other string gives a string; unresolved placeholders stay as written.
 */
export function renderString(text: string, values: Values, options?: RenderOptions): unknown {
  return toNative(processString(text, renderState(values, options), 0))
}

/** Renders one string and always returns text, as Python `str()` would show the result. */
export function renderText(text: string, values: Values, options?: RenderOptions): string {
  return pyStr(processString(text, renderState(values, options), 0))
}

/**
 * Renders every string inside `value` (dicts and lists at any depth, keys untouched), splicing list
 * results into their parent list as Coreness does (`inline: ["{keyboard|expand}", …]`).
 */
export function renderValue(value: unknown, values: Values, options?: RenderOptions): unknown {
  return toNative(renderNested(value, renderState(values, options)))
}

import { parsePyInt } from '../python/py-float.ts'
import { isNone, pyTruthy } from '../python/py-ops.ts'
import { compilePyRegex } from '../python/py-regex.ts'
import { pyLen, pySlice } from '../python/py-text.ts'
import { pyStr } from '../python/python-str.ts'
import { pyCapitalize, pyTitle } from './case-mapping.ts'
import type { Modifier } from './modifier.ts'

const textOf = (value: unknown): string => (isNone(value) ? '' : pyStr(value))

const CASES: Record<string, (text: string) => string> = {
  upper: (text) => text.toUpperCase(),
  lower: (text) => text.toLowerCase(),
  title: pyTitle,
  capitalize: pyCapitalize,
}

const upper: Modifier = (value) => textOf(value).toUpperCase()
const lower: Modifier = (value) => textOf(value).toLowerCase()
const title: Modifier = (value) => pyTitle(textOf(value))
const capitalize: Modifier = (value) => pyCapitalize(textOf(value))

/** `case:upper|lower|title|capitalize`; any other parameter returns the text unchanged. */
const caseModifier: Modifier = (value, param) => {
  if (!pyTruthy(value) || !param) return textOf(value)
  const text = pyStr(value)
  return Object.hasOwn(CASES, param) ? (CASES[param]?.(text) ?? text) : text
}

/** Longer than N → the first N-3 characters plus "..." (Python slicing, so N < 3 cuts from the end). */
const truncate: Modifier = (value, param) => {
  if (!pyTruthy(value) || !param) return textOf(value)
  const text = pyStr(value)
  const length = parsePyInt(param)
  if (length === undefined) return text
  return pyLen(text) <= length ? text : `${pySlice(text, undefined, length - 3)}...`
}

/** List → item count; anything else → length of its Python text (a dict counts its repr). */
const length: Modifier = (value) => {
  if (isNone(value)) return 0
  if (Array.isArray(value)) return value.length
  return pyLen(pyStr(value))
}

/** `re.search`: group 1 when the pattern has groups, else the whole match; no match → ''. */
const regex: Modifier = (value, param, ctx) => {
  if (!pyTruthy(value) || !param) return textOf(value)
  const text = pyStr(value)
  let pattern: RegExp
  try {
    pattern = compilePyRegex(param)
  } catch (error) {
    ctx.warn(`regex modifier: bad pattern '${param}': ${(error as Error).message}`)
    return text
  }
  const match = pattern.exec(text)
  if (!match) return ''
  return match.length > 1 ? (match[1] ?? null) : match[0]
}

/** `<code>…</code>`; a list gets one block per item, joined by newlines. */
const code: Modifier = (value) => {
  if (isNone(value)) return '<code></code>'
  if (Array.isArray(value)) return value.map((item) => `<code>${pyStr(item)}</code>`).join('\n')
  return `<code>${pyStr(value)}</code>`
}

export const textModifiers: Record<string, Modifier> = {
  upper,
  lower,
  title,
  capitalize,
  case: caseModifier,
  truncate,
  length,
  regex,
  code,
}

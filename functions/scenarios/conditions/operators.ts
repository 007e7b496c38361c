import {
  isPyNumeric,
  numericValue,
  parsePyFloat,
  parsePyInt,
} from '../placeholders/python/py-float.ts'
import { isDict, isNone, pyEquals, pyTypeName } from '../placeholders/python/py-ops.ts'
import { pyStr } from '../placeholders/python/python-str.ts'

/** A runtime failure (Python would raise); the condition then evaluates to false. */
export class ConditionRuntimeError extends Error {}

/** `safe_eq`: None only equals None; a numeric string meets a number (bool counts as a number). */
export function safeEq(left: unknown, right: unknown): boolean {
  if (isNone(left) || isNone(right)) return isNone(left) && isNone(right)
  const coerce = (s: string) => (s.includes('.') ? parsePyFloat(s) : parsePyInt(s)) ?? s
  const l = typeof left === 'string' && isPyNumeric(right) ? coerce(left) : left
  const r = typeof right === 'string' && isPyNumeric(l) ? coerce(right) : right
  return pyEquals(l, r)
}

function orderable(value: unknown): number | undefined {
  if (isPyNumeric(value)) return numericValue(value)
  return typeof value === 'string' ? parsePyFloat(value) : undefined
}

/** `safe_gt` and friends: both sides as floats, or false (no string or date ordering). */
export function safeOrder(op: '>' | '<' | '>=' | '<=', left: unknown, right: unknown): boolean {
  const l = orderable(left)
  const r = orderable(right)
  if (l === undefined || r === undefined) return false
  if (op === '>') return l > r
  if (op === '<') return l < r
  return op === '>=' ? l >= r : l <= r
}

export const isNullValue = (value: unknown): boolean =>
  isNone(value) || value === '' || (typeof value === 'string' && value.toLowerCase() === 'null')

/** `needle in str(left)`: a missing value is the text "None". */
export const containsText = (left: unknown, needle: string): boolean => pyStr(left).includes(needle)

/** Python `needle in haystack`. */
export function pyIn(needle: unknown, haystack: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => pyEquals(needle, item))
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string') {
      throw new ConditionRuntimeError(
        `'in <string>' requires string as left operand, not ${pyTypeName(needle)}`,
      )
    }
    return haystack.includes(needle)
  }
  if (isDict(haystack)) {
    if (Array.isArray(needle) || isDict(needle)) {
      throw new ConditionRuntimeError(`unhashable type: '${pyTypeName(needle)}'`)
    }
    return typeof needle === 'string' && Object.hasOwn(haystack, needle)
  }
  throw new ConditionRuntimeError(`argument of type '${pyTypeName(haystack)}' is not iterable`)
}

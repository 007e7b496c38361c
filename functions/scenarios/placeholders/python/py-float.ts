import { pyStrip } from './py-text.ts'

/**
 * A Python float whose value is integral. JS numbers cannot tell `1.0` from `1`, but Python renders the
 * first as "1.0", so the places that produce Python floats (type inference, JSON, condition literals)
 * box integral results in this class. Public entry points unbox it again (see `toNative`).
 */
export class PyFloat {
  readonly value: number

  constructor(value: number) {
    this.value = value
  }
}

/** The value of a Python float result: boxed only when integral, so it still prints as "1.0". */
export const asPyFloat = (n: number): number | PyFloat => (Number.isInteger(n) ? new PyFloat(n) : n)

/** `isinstance(v, (int, float))` without bool. */
export const isPyNumber = (v: unknown): v is number | PyFloat =>
  typeof v === 'number' || v instanceof PyFloat

/** `isinstance(v, (int, float))` including bool, which Python treats as an int. */
export const isPyNumeric = (v: unknown): v is number | PyFloat | boolean =>
  isPyNumber(v) || typeof v === 'boolean'

export const numericValue = (v: number | PyFloat | boolean): number =>
  typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : v.value

const DIGITS = String.raw`\d(?:_?\d)*`
const FLOAT_TEXT = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
)
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i
const INT_TEXT = new RegExp(`^[+-]?${DIGITS}$`)

/** Python `float(text)`: surrounding whitespace, `_` between digits, inf and nan are accepted. */
export function parsePyFloat(text: string): number | undefined {
  const s = pyStrip(text)
  if (FLOAT_TEXT.test(s)) return Number(s.replaceAll('_', ''))
  const special = FLOAT_SPECIAL.exec(s)
  if (!special) return undefined
  if (special[2]?.toLowerCase() === 'nan') return Number.NaN
  return special[1] === '-' ? -Infinity : Infinity
}

/** Python `int(text)` in base 10. */
export function parsePyInt(text: string): number | undefined {
  const s = pyStrip(text)
  return INT_TEXT.test(s) ? Number(s.replaceAll('_', '')) : undefined
}

/** Python `float(value)`; undefined where Python raises. */
export function pyFloatOf(value: unknown): number | undefined {
  if (isPyNumeric(value)) return numericValue(value)
  if (typeof value === 'string') return parsePyFloat(value)
  return undefined
}

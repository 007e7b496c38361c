import { PyFloat } from './py-float.ts'
import { isDict } from './py-ops.ts'

/** Python `repr(float)`: shortest round-trip digits, exponent form outside 1e-4 ≤ |x| < 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const exponent = Number(exponentText)
  const sign = x < 0 ? '-' : ''
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
    const whole = digits.padEnd(exponent + 1, '0').slice(0, exponent + 1)
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const expSign = exponent < 0 ? '-' : '+'
  return `${sign}${head}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`
}

/** Python `str(int)`; JS would switch to exponent form from 1e21. */
export const pyIntStr = (n: number): string =>
  Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString()

/** A JS number is a Python int when integral, otherwise a float. */
const numberStr = (n: number): string => (Number.isInteger(n) ? pyIntStr(n) : pyFloatRepr(n))

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0')
}

/** Python `repr(str)`: single quotes unless the text has a single quote and no double quote. */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (ch === quote || ch === '\\') out += `\\${ch}`
    else if (ch === '\t') out += '\\t'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`
    else if (code < 0x7f || ch === ' ' || !NON_PRINTABLE.test(ch)) out += ch
    else if (code < 0x100) out += `\\x${hex(code, 2)}`
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`
    else out += `\\U${hex(code, 8)}`
  }
  return out + quote
}

function render(value: unknown, nested: boolean, seen: Set<object>): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'string') return nested ? pyStrRepr(value) : value
  if (typeof value === 'number') return numberStr(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof PyFloat) return pyFloatRepr(value.value)
  if (Array.isArray(value)) {
    if (seen.has(value)) return '[...]'
    seen.add(value)
    const text = `[${value.map((item) => render(item, true, seen)).join(', ')}]`
    seen.delete(value)
    return text
  }
  if (isDict(value)) {
    if (seen.has(value)) return '{...}'
    seen.add(value)
    const entries = Object.entries(value).map(
      ([key, item]) => `${pyStrRepr(key)}: ${render(item, true, seen)}`,
    )
    seen.delete(value)
    return `{${entries.join(', ')}}`
  }
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

/** Python `str(value)`: True/False/None, `1.0`, and reprs for lists and dicts (`['a', 'b']`, `{'k': 1}`). */
export const pyStr = (value: unknown): string => render(value, false, new Set())

/** Python `repr(value)`. */
export const pyRepr = (value: unknown): string => render(value, true, new Set())

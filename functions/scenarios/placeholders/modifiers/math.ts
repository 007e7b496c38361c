import { pyFloatOf } from '../python/py-float.ts'
import { isNone } from '../python/py-ops.ts'
import type { Modifier } from './modifier.ts'

/** Python float `%`: the result takes the sign of the divisor. */
function pyMod(a: number, b: number): number {
  const r = a % b
  if (r === 0) return b < 0 ? -0 : 0
  return r < 0 !== b < 0 ? r + b : r
}

/** `float(value) op float(param)`; an integral result becomes an int; an error leaves the value unchanged. */
function arithmetic(op: (a: number, b: number) => number | undefined): Modifier {
  return (value, param) => {
    if (isNone(value)) return null
    const a = pyFloatOf(value)
    const b = param === null ? undefined : pyFloatOf(param)
    if (a === undefined || b === undefined) return value
    const result = op(a, b)
    return result === undefined ? value : result
  }
}

/** `int(float(value) % float(param))`. */
const modulo: Modifier = (value, param) => {
  if (isNone(value)) return null
  const a = pyFloatOf(value)
  const b = param === null ? undefined : pyFloatOf(param)
  if (a === undefined || b === undefined || b === 0) return value
  const result = pyMod(a, b)
  return Number.isFinite(result) ? Math.trunc(result) || 0 : value
}

export const mathModifiers: Record<string, Modifier> = {
  '+': arithmetic((a, b) => a + b),
  '-': arithmetic((a, b) => a - b),
  '*': arithmetic((a, b) => a * b),
  '/': arithmetic((a, b) => (b === 0 ? undefined : a / b)),
  '%': modulo,
}

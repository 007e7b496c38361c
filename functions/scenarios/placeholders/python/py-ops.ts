import { isPyNumeric, numericValue, PyFloat } from './py-float.ts'

/** A Python dict: a plain object (including async-action handles), not an array, Date or boxed float. */
export function isDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export const isNone = (value: unknown): value is null | undefined =>
  value === null || value === undefined

/** Own property lookup, so `constructor` or `__proto__` never leak in from the prototype. */
export const ownValue = (obj: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(obj, key) ? obj[key] : undefined

/** Assignment that treats `__proto__` as an ordinary key, as JSON.parse does. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Python `bool(value)`. */
export function pyTruthy(value: unknown): boolean {
  if (isNone(value)) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  if (value instanceof PyFloat) return value.value !== 0
  if (typeof value === 'string') return value.length > 0
  if (Array.isArray(value)) return value.length > 0
  if (isDict(value)) return Object.keys(value).length > 0
  return true
}

/** Python `a == b` (no coercion between strings and numbers; bool counts as int). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (isNone(a) || isNone(b)) return isNone(a) && isNone(b)
  if (isPyNumeric(a) && isPyNumeric(b)) return numericValue(a) === numericValue(b)
  if (typeof a === 'string' || typeof b === 'string') return a === b
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pyEquals(item, b[i]))
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) return false
    return keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key], b[key]))
  }
  return a === b
}

/** Python's type name, for error messages. */
export function pyTypeName(value: unknown): string {
  if (isNone(value)) return 'NoneType'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (value instanceof PyFloat) return 'float'
  if (typeof value === 'string') return 'str'
  if (Array.isArray(value)) return 'list'
  if (isDict(value)) return 'dict'
  return typeof value
}

/** Replaces boxed floats by plain numbers, sharing every unchanged branch with the input. */
export function toNative(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value instanceof PyFloat) return value.value
  if (Array.isArray(value)) {
    if (seen.has(value)) return value
    seen.add(value)
    let copy: unknown[] | undefined
    value.forEach((item, i) => {
      const native = toNative(item, seen)
      if (native !== item) {
        copy ??= value.slice()
        copy[i] = native
      }
    })
    return copy ?? value
  }
  if (isDict(value)) {
    if (seen.has(value)) return value
    seen.add(value)
    let copy: Record<string, unknown> | undefined
    for (const [key, item] of Object.entries(value)) {
      const native = toNative(item, seen)
      if (native !== item) {
        copy ??= { ...value }
        setOwn(copy, key, native)
      }
    }
    return copy ?? value
  }
  return value
}

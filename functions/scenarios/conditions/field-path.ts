import { parsePyInt } from '../placeholders/python/py-float.ts'
import { isDict, isNone, ownValue } from '../placeholders/python/py-ops.ts'
import type { FieldStep } from './ast.ts'

/** `$a.b[0][-1].c` → key a, key b, index 0, index -1, key c. */
export function parseFieldPath(token: string): FieldStep[] {
  const body = token.slice(1)
  const bracket = body.indexOf('[')
  const base = bracket === -1 ? body : body.slice(0, bracket)
  const steps: FieldStep[] = base.split('.').map((key) => ({ key }))
  for (const [, index, key] of body.slice(base.length).matchAll(/\[([^\]]+)\]|\.([^.[]+)/g)) {
    steps.push(index === undefined ? { key: key ?? '' } : { index })
  }
  return steps
}

/**
 * Resolves a field against the evaluation data. Every miss gives null: a missing key, a non-dict before
 * a key, a non-list or out-of-range index, and a bracket that does not hold an integer.
 */
export function resolveField(path: FieldStep[], data: unknown): unknown {
  let current: unknown = data
  for (const step of path) {
    if ('key' in step) current = isDict(current) ? ownValue(current, step.key) : null
    else {
      const index = parsePyInt(step.index)
      if (!Array.isArray(current) || index === undefined) return null
      current = index < 0 ? current[current.length + index] : current[index]
    }
    if (isNone(current)) return null
  }
  return current
}

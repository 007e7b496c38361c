import { asPyFloat, parsePyFloat, parsePyInt } from './python/py-float.ts'
import { pyJsonLoads } from './python/py-json.ts'
import { pyStrip } from './python/py-text.ts'

/**
 * Coreness `determine_result_type`: a string that looks like a JSON array, a boolean or a number becomes
 * that value; anything else stays as it is. Strings with `₽`, `%` or `_` are never numbers. Integers beyond
 * 2^53 stay strings, since a JS number would silently change their digits.
 */
export function determineResultType(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null
  const stripped = pyStrip(value)
  if (stripped === '') return value
  if (stripped.startsWith('[') && stripped.endsWith(']')) {
    const parsed = pyJsonLoads(stripped)
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) return parsed.value
  }
  const lower = stripped.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  if (value.includes('₽') || value.includes('%') || value.includes('_')) return value
  if (value.includes('.')) {
    const n = parsePyFloat(value)
    return n === undefined ? value : asPyFloat(n)
  }
  const n = parsePyInt(value)
  return n === undefined || !Number.isSafeInteger(n) ? value : n
}

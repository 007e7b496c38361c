import { parsePyInt } from './python/py-float.ts'
import { isDict, isNone, ownValue } from './python/py-ops.ts'
import { pyStrip } from './python/py-text.ts'

type PathPart = string | number

/** Coreness `parse_path_with_arrays`: `a.b[0][-1][key]`; an unclosed bracket makes the whole path invalid. */
export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = []
  let current = ''
  let i = 0
  while (i < path.length) {
    const ch = path[i] ?? ''
    if (ch === '.') {
      if (current) parts.push(current)
      current = ''
      i += 1
    } else if (ch === '[') {
      if (current) parts.push(current)
      current = ''
      const close = path.indexOf(']', i + 1)
      if (close === -1) return []
      const index = path.slice(i + 1, close)
      parts.push(parsePyInt(index) ?? index)
      i = close + 1
    } else {
      current += ch
      i += 1
    }
  }
  if (current) parts.push(current)
  return parts
}

/** Dict keys are strings here; Coreness retries a numeric-looking key as an int, which is the same key. */
function dictValue(obj: Record<string, unknown>, key: PathPart): unknown {
  const direct = ownValue(obj, String(key))
  if (!isNone(direct) || typeof key !== 'string' || !/^-?[0-9]+$/.test(key)) return direct
  return ownValue(obj, String(Number(key)))
}

/** Coreness `get_nested_value`: any miss (missing key, index out of range, wrong type) gives null. */
export function getNestedValue(root: unknown, path: string): unknown {
  const parts = parsePath(path)
  if (parts.length === 0) return null
  let obj: unknown = root
  for (const part of parts) {
    if (isNone(obj)) return null
    if (isDict(obj)) obj = dictValue(obj, part)
    else if (Array.isArray(obj) && typeof part === 'number') {
      obj = part < 0 ? (-part <= obj.length ? obj[obj.length + part] : null) : obj[part]
    } else return null
    if (isNone(obj)) return null
  }
  return obj
}

/** A quoted literal (`'it\'s'`, `"say \"hi\""`) or a path looked up in `values`. */
export function literalOrLookup(field: string, values: unknown): unknown {
  const text = pyStrip(field)
  const quote = text[0]
  if (text.length >= 2 && (quote === "'" || quote === '"') && text.endsWith(quote)) {
    return text.slice(1, -1).replaceAll(`\\${quote}`, quote)
  }
  return getNestedValue(values, text)
}

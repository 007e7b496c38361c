import { isDict, isNone } from '../python/py-ops.ts'
import type { Modifier } from './modifier.ts'

/** Identity: it only marks a list-of-lists for splicing into the parent list (see render-value.ts). */
const expand: Modifier = (value) => value

const keys: Modifier = (value) => {
  if (isNone(value)) return null
  return isDict(value) ? Object.keys(value) : []
}

export const listModifiers: Record<string, Modifier> = { expand, keys }

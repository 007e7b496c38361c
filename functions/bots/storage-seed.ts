import { type ConfigIssue, type ConfigResult, formatPath } from './config-result.ts'

/** Tenant Storage seed from `storage/*.yaml`: `{group_key: {key: value}}`. */

export type StorageValue =
  | string
  | number
  | boolean
  | StorageValue[]
  | { [key: string]: StorageValue }
export type StorageGroup = Record<string, StorageValue>
export type StorageSeed = Record<string, StorageGroup>

/** Coreness `storage_max_depth`. */
export const STORAGE_MAX_DEPTH = 20

type Walk = { warnings: ConfigIssue[]; maxDepth: number }

function isMapping(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}

/**
 * Cleans one value the way Coreness stores it: nulls are dropped, mappings left empty are dropped,
 * empty lists are kept, anything too deep or not JSON-like is dropped with a warning.
 * Undefined means "leave this key out".
 */
function cleanValue(
  value: unknown,
  path: PropertyKey[],
  depth: number,
  walk: Walk,
): StorageValue | undefined {
  if (depth > walk.maxDepth) {
    walk.warnings.push({
      path: formatPath(path),
      message: `nested deeper than ${walk.maxDepth} levels, skipped`,
    })
    return undefined
  }
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value
    walk.warnings.push({ path: formatPath(path), message: `${value} cannot be stored, skipped` })
    return undefined
  }
  // YAML timestamps stay as written in ISO form rather than turning into an object.
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const items: StorageValue[] = []
    value.forEach((item, index) => {
      const cleaned = cleanValue(item, [...path, index], depth + 1, walk)
      if (cleaned !== undefined) items.push(cleaned)
    })
    return items
  }
  if (isMapping(value)) {
    const entries: Record<string, StorageValue> = {}
    for (const [key, item] of Object.entries(value)) {
      const cleaned = cleanValue(item, [...path, key], depth + 1, walk)
      if (cleaned !== undefined) entries[key] = cleaned
    }
    return Object.keys(entries).length > 0 ? entries : undefined
  }
  walk.warnings.push({
    path: formatPath(path),
    message: `unsupported ${typeof value} value, skipped`,
  })
  return undefined
}

/**
 * Validates one parsed storage file. A file that is not a mapping is an error; a group that is not
 * a mapping is skipped with a warning, as in Coreness, so one bad group does not block the rest.
 */
export function parseStorageSeed(
  input: unknown,
  maxDepth = STORAGE_MAX_DEPTH,
): ConfigResult<StorageSeed> {
  if (input === null || input === undefined) return { ok: true, value: {}, warnings: [] }
  if (!isMapping(input)) {
    return {
      ok: false,
      errors: [{ path: '(root)', message: 'must be a mapping of group → {key: value}' }],
    }
  }
  const walk: Walk = { warnings: [], maxDepth }
  const seed: StorageSeed = {}
  for (const [groupKey, group] of Object.entries(input)) {
    if (!isMapping(group)) {
      walk.warnings.push({
        path: groupKey,
        message: 'a group must be a mapping of key → value, skipped',
      })
      continue
    }
    const cleaned: StorageGroup = {}
    for (const [key, value] of Object.entries(group)) {
      const item = cleanValue(value, [groupKey, key], 0, walk)
      if (item !== undefined) cleaned[key] = item
    }
    seed[groupKey] = cleaned
  }
  return { ok: true, value: seed, warnings: walk.warnings }
}

/**
 * Merges the seeds of several files (pass them sorted by file name for a stable result): groups
 * are united, and within a group a later file's key overwrites an earlier one.
 */
export function mergeStorageSeeds(seeds: readonly StorageSeed[]): StorageSeed {
  const merged: StorageSeed = {}
  for (const seed of seeds) {
    for (const [groupKey, group] of Object.entries(seed)) {
      merged[groupKey] = { ...merged[groupKey], ...group }
    }
  }
  return merged
}

import { isDict } from '../placeholders/python/py-ops.ts'

type Dict = Record<string, unknown>

/**
 * Coreness's `_cache` merge: dicts merge recursively, anything else is overwritten. Returns new
 * objects (never mutates), so data copies handed to called scenarios stay independent.
 */
export function deepMerge(base: Dict, update: Dict): Dict {
  const out: Dict = { ...base }
  for (const [key, value] of Object.entries(update)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined
    out[key] = isDict(current) && isDict(value) ? deepMerge(current, value) : value
  }
  return out
}

/**
 * Where a step's `response_data` lands in `_cache` (§3.7): `_response_key` first renames the action's
 * replaceable output field, then `_namespace` nests everything under one key; by default it is flat.
 */
export function mergeResponse(
  cache: Dict,
  responseData: Dict,
  options: { namespace?: unknown; responseKey?: unknown; replaceableField?: string | undefined },
): Dict {
  let data = responseData
  const { namespace, responseKey, replaceableField } = options
  if (
    typeof responseKey === 'string' &&
    responseKey !== '' &&
    replaceableField &&
    Object.hasOwn(data, replaceableField)
  ) {
    const { [replaceableField]: value, ...rest } = data
    data = { ...rest, [responseKey]: value }
  }
  if (typeof namespace === 'string' && namespace !== '') {
    const current = Object.hasOwn(cache, namespace) ? cache[namespace] : undefined
    return { ...cache, [namespace]: isDict(current) ? deepMerge(current, data) : data }
  }
  return deepMerge(cache, data)
}

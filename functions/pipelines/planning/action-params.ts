import type { CatalogAction, JsonObject } from './types.ts'

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** JSON Schema of each declared input parameter, in declaration order. */
export function parameterSchemas(action: CatalogAction): Record<string, JsonObject> {
  const properties = action.inputSchema.properties
  if (!isObject(properties)) return {}
  const result: Record<string, JsonObject> = {}
  for (const [name, schema] of Object.entries(properties))
    result[name] = isObject(schema) ? schema : {}
  return result
}

function declaredRequired(action: CatalogAction): string[] | null {
  const required = action.inputSchema.required
  return Array.isArray(required)
    ? required.filter((name): name is string => typeof name === 'string')
    : null
}

/**
 * Parameter → type label fed by predecessors, in declaration order. A bare label feeds the first
 * required parameter that the user does not supply, else the first such declared parameter.
 */
export function fedParameters(action: CatalogAction): [string, string][] {
  const { inputType } = action
  if (inputType === null) return []
  if (typeof inputType !== 'string') return Object.entries(inputType)
  const candidates = [...(declaredRequired(action) ?? []), ...Object.keys(parameterSchemas(action))]
  const target = candidates.find((name) => !action.externalInputs.includes(name)) ?? 'input'
  return [[target, inputType]]
}

/**
 * Required parameters. A schema without a `required` list still has to get its external inputs and
 * fed parameters from somewhere, so those count as required rather than silently optional.
 */
export function requiredParameters(action: CatalogAction): string[] {
  const declared = declaredRequired(action)
  if (declared) return declared
  const names = [...action.externalInputs, ...fedParameters(action).map(([name]) => name)]
  return [...new Set(names)]
}

/** What a node for this action lists as external inputs: the declared ones, plus required
 *  parameters that nothing else could feed. */
export function nodeExternalInputs(action: CatalogAction): string[] {
  const fed = new Set(fedParameters(action).map(([name]) => name))
  const extra = requiredParameters(action).filter(
    (name) => !fed.has(name) && !action.externalInputs.includes(name),
  )
  return [...action.externalInputs, ...extra]
}

export function hasDefault(action: CatalogAction, parameter: string): boolean {
  const schema = parameterSchemas(action)[parameter]
  return schema !== undefined && schema.default !== undefined
}

export function exampleFor(action: CatalogAction, parameter: string): string | null {
  const schema = parameterSchemas(action)[parameter]
  if (!schema) return null
  const example = Array.isArray(schema.examples) ? schema.examples[0] : schema.example
  return typeof example === 'string' || typeof example === 'number' ? String(example) : null
}

/** The JSON Schema `type` of a parameter, null when the schema does not say. */
export function parameterType(action: CatalogAction, parameter: string): string | null {
  const type = parameterSchemas(action)[parameter]?.type
  if (typeof type === 'string') return type
  if (Array.isArray(type)) {
    return type.find((t): t is string => typeof t === 'string' && t !== 'null') ?? null
  }
  return null
}

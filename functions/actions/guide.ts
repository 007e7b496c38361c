import { stringify } from 'yaml'
import type { Action } from './define.ts'
import type { ActionRegistry } from './registry.ts'
import { jsonSchemaOf } from './registry.ts'

type JsonSchema = {
  type?: string | string[]
  description?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  enum?: unknown[]
  default?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  minItems?: number
  maxItems?: number
}

const NAMESPACE_NOTE =
  'Custom key for creating nesting in _cache. If specified, data is saved in _cache[_namespace] instead of flat cache. Used to control overwriting on repeated calls of the same action. Access via {_cache._namespace.field}. By default, data is merged directly into _cache (flat caching).'

function typeName(schema: JsonSchema): string {
  if (schema.anyOf)
    return [...new Set(schema.anyOf.map(typeName))].filter((t) => t !== 'null').join('|')
  if (schema.enum) return 'string'
  const type = Array.isArray(schema.type)
    ? schema.type.filter((t) => t !== 'null').join('|')
    : schema.type
  if (type === 'number') return 'float'
  if (type === 'array' && schema.items) return `array of ${typeName(schema.items)}`
  return type ?? 'any'
}

function constraints(schema: JsonSchema): string[] {
  const target = schema.anyOf?.find((s) => s.type !== 'null') ?? schema
  const parts: string[] = []
  const add = (label: string, value: unknown) =>
    value !== undefined && parts.push(`${label}: ${JSON.stringify(value)}`)
  add('min', target.minimum)
  add('max', target.maximum)
  add('min length', target.minLength ?? target.minItems)
  add('max length', target.maxLength ?? target.maxItems)
  add('pattern', target.pattern)
  if (target.enum) parts.push(`values: ${target.enum.map((v) => JSON.stringify(v)).join(', ')}`)
  add('default', schema.default ?? target.default)
  return parts
}

function field(
  name: string,
  schema: JsonSchema,
  required: boolean | null,
  depth: number,
): string[] {
  const flags = [
    typeName(schema),
    ...(required === null ? [] : [required ? 'required' : 'optional']),
    ...constraints(schema),
  ]
  const line = `${'  '.repeat(depth)}- \`${name}\` (${flags.join(', ')})${schema.description ? ` — ${schema.description}` : ''}`
  const nested = schema.properties
    ? Object.entries(schema.properties).flatMap(([key, child]) =>
        field(key, child, null, depth + 1),
      )
    : []
  return [line, ...nested]
}

function exampleParams(action: Action, input: JsonSchema): Record<string, unknown> {
  if (action.example) return action.example
  const params: Record<string, unknown> = {}
  for (const name of input.required ?? []) params[name] = `{${name}}`
  return params
}

function section(action: Action): string {
  const input = jsonSchemaOf(action.input, 'input') as JsonSchema
  const output = jsonSchemaOf(action.output, 'output') as JsonSchema
  const required = new Set(input.required ?? [])
  const inputs = Object.entries(input.properties ?? {}).flatMap(([name, schema]) =>
    field(name, schema, required.has(name), 0),
  )
  const extra = [`- \`_namespace\` (string, optional) — ${NAMESPACE_NOTE}`]
  if (action.replaceableField) {
    extra.push(
      `- \`_response_key\` (string, optional) — Renames the output field \`${action.replaceableField}\` in _cache.`,
    )
  }
  const results = ['success', 'error', ...(action.extraResults ?? [])].join(', ')
  const outputs = [
    `- \`result\` (string) — Result: ${results}`,
    '- `error` (object, optional) — Error structure',
    '  - `code` (string) — Error code',
    '  - `message` (string) — Error message',
    '  - `details` (array, optional) — Error details (e.g. field validation errors)',
    '- `response_data` (object) — Response data',
    ...Object.entries(output.properties ?? {}).flatMap(([name, schema]) =>
      field(
        name,
        name === action.replaceableField
          ? { ...schema, description: `🔀 ${schema.description ?? ''}`.trim() }
          : schema,
        null,
        1,
      ),
    ),
  ]
  const example = stringify([
    { action: action.name, params: exampleParams(action, input) },
  ]).trimEnd()
  const meta = `Access: ${action.access} · mutating: ${action.isMutating ? 'yes' : 'no'} · idempotent: ${action.isIdempotent ? 'yes' : 'no'} · timeout: ${action.timeoutMs} ms`
  return [
    `### ${action.name}`,
    '',
    `Description: ${action.description}`,
    '',
    meta,
    '',
    '**Input Parameters:**',
    '',
    ...(inputs.length ? inputs : ['- (none)']),
    '',
    '⚙️ Additional Parameters',
    '',
    ...extra,
    '',
    '**Output Parameters:**',
    '',
    ...outputs,
    '',
    '**Usage Example:**',
    '',
    '```yaml',
    '# In scenario',
    example,
    '```',
    '',
  ].join('\n')
}

/** The System Actions Guide, laid out like Coreness's: generated from the registry, never written by hand. */
export function renderActionsGuide(registry: ActionRegistry): string {
  const byService = new Map<string, Action[]>()
  for (const action of registry.list()) {
    if (action.access === 'internal') continue
    byService.set(action.service, [...(byService.get(action.service) ?? []), action])
  }
  const services = [...byService.keys()]
  const toc = services.map(
    (service) =>
      `- [${service}](#${service}) — ${(byService.get(service) ?? []).map((a) => a.name).join(', ')}`,
  )
  const body = services.flatMap((service) => [
    `## ${service}`,
    '',
    `Description: ${registry.serviceDescription(service) ?? ''}`,
    '',
    ...(byService.get(service) ?? []).map(section),
  ])
  return [
    '# 🎯 System Actions Guide',
    '',
    'Complete description of all available actions with their parameters and results. Generated by `npm run actions:guide` from the action registry.',
    '',
    '## 📋 Table of Contents',
    '',
    ...toc,
    '',
    ...body,
  ].join('\n')
}

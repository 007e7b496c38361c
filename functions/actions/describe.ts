import type { Action } from './define.ts'
import { jsonSchemaOf } from './registry.ts'

/** The public description of an action: what the API lists and `get_available_actions` returns. */
export function describeAction(action: Action) {
  return {
    name: action.name,
    service: action.service,
    description: action.description,
    access: action.access,
    is_mutating: action.isMutating,
    is_idempotent: action.isIdempotent,
    timeout_ms: action.timeoutMs,
    input_schema: jsonSchemaOf(action.input, 'input'),
    output_schema: jsonSchemaOf(action.output, 'output'),
  }
}

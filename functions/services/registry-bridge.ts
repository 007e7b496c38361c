import { z } from 'zod'
import type { Action } from '../actions/define.ts'
import { defineAction, success } from '../actions/define.ts'
import type { ActionResolver } from '../actions/registry.ts'
import type { ActionOutcome } from '../actions/types.ts'
import { type CallableAction, findActionByName, unsealHeaders } from './callable-action.ts'
import { callHttpAction, type HttpCallResult, usesQueryString } from './http-call.ts'

const QUALIFIED_NAME = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/

/**
 * The action's input JSON Schema as a zod object, so the registry's lenient coercion ("7" → 7 for
 * an integer) and field-level errors apply; unknown fields pass through. A schema zod cannot read
 * only loses validation, never the call.
 */
function inputOf(jsonSchema: Record<string, unknown>): z.ZodObject {
  try {
    const converted = z.fromJSONSchema(jsonSchema)
    if (converted instanceof z.ZodObject) return converted.loose()
  } catch {
    // Fall through to no validation.
  }
  return z.looseObject({})
}

const asRecord = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : { data: body }

export function outcomeOf(name: string, result: HttpCallResult): ActionOutcome {
  if (result.kind === 'timeout') {
    return { result: 'timeout', error: { code: 'TIMEOUT', message: `${name}: ${result.message}` } }
  }
  if (result.kind === 'network_error') {
    return {
      result: 'error',
      error: { code: 'NETWORK_ERROR', message: `${name}: ${result.message}` },
    }
  }
  if (result.statusCode >= 200 && result.statusCode < 300) return success(asRecord(result.body))
  return {
    result: 'error',
    error: {
      code: `HTTP_${result.statusCode}`,
      message: `${name} answered HTTP ${result.statusCode}`,
    },
    response_data: { status_code: result.statusCode, body: result.body },
  }
}

/** A connected service's action in the registry's shape, named `<capability>.<action>`. */
export function capabilityAction({ action, capability }: CallableAction): Action {
  const name = `${capability.name}.${action.name}`
  const readOnly = usesQueryString(action.method)
  return defineAction({
    name,
    service: capability.name,
    description: action.description,
    access: 'public',
    isMutating: !readOnly,
    isIdempotent: readOnly || action.method === 'PUT' || action.method === 'DELETE',
    timeoutMs: action.timeoutMs,
    input: inputOf(action.inputSchema),
    output: z.record(z.string(), z.unknown()),
    async execute(input, context) {
      if (context.simulation) {
        context.simulation.record({ service: capability.name, method: action.name, payload: input })
        return success({})
      }
      const result = await callHttpAction({
        baseUrl: capability.baseUrl,
        method: action.method,
        path: action.path,
        headers: await unsealHeaders(context.services.secrets, capability),
        input,
        timeoutMs: action.timeoutMs,
        signal: context.signal,
        ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      })
      return outcomeOf(name, result)
    },
  })
}

/**
 * Lets scenarios and agents invoke a connected service's actions through the registry. Only a
 * caller acting for an organization finds them, and only its own organization's.
 */
export const resolveCapabilityAction: ActionResolver = async (name, options) => {
  const { caller, services } = options
  if (caller.kind === 'internal') return undefined
  const match = QUALIFIED_NAME.exec(name)
  const [, capabilityName, actionName] = match ?? []
  if (!capabilityName || !actionName) return undefined
  const found = await findActionByName(
    services.db,
    caller.organizationId,
    capabilityName,
    actionName,
  )
  return found ? capabilityAction(found) : undefined
}

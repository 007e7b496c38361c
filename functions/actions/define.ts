import type { z } from 'zod'
import type { Services } from '../platform/services.ts'
import type { ActionAccess, ActionCaller, ActionOutcome } from './types.ts'

/** A call an action would have made to an outside system (Telegram, an HTTP service). */
export type RecordedCall = { service: string; method: string; payload: unknown }

/**
 * Present while a scenario is simulated: actions that reach outside record the call here and return a
 * plausible success instead of making it. Writes to our own database are rolled back by the simulator.
 */
export type SimulationRecorder = { record(call: RecordedCall): void }

export type ActionContext = {
  services: Services
  caller: ActionCaller
  simulation?: SimulationRecorder
  /** Aborted when the action's timeout passes; long work should stop then. */
  signal: AbortSignal
  /** Carried to outbound mutating calls so a retried step is not applied twice. */
  idempotencyKey?: string
}

type Metadata = {
  name: string
  service: string
  description: string
  access: ActionAccess
  isMutating: boolean
  isIdempotent: boolean
  timeoutMs: number
  /** The output field that `_response_key` renames (Coreness's `replaceable: true`). */
  replaceableField?: string
  /** Result values besides success/error that callers can branch on (not_found, failed, timeout…). */
  extraResults?: string[]
  /** Params for the guide's YAML usage example. */
  example?: Record<string, unknown>
}

/** A registered action with its types erased: the registry validates input before `execute` sees it. */
export type Action = Metadata & {
  input: z.ZodObject
  output: z.ZodType
  execute(input: unknown, context: ActionContext): Promise<ActionOutcome>
}

export type ActionDefinition<Input extends z.ZodObject, Output extends z.ZodType> = Metadata & {
  input: Input
  output: Output
  execute(input: z.output<Input>, context: ActionContext): Promise<ActionOutcome>
}

export function defineAction<Input extends z.ZodObject, Output extends z.ZodType>(
  definition: ActionDefinition<Input, Output>,
): Action {
  return {
    ...definition,
    execute: (input, context) => definition.execute(input as z.output<Input>, context),
  }
}

export const success = (responseData?: Record<string, unknown>): ActionOutcome =>
  responseData === undefined
    ? { result: 'success' }
    : { result: 'success', response_data: responseData }

export const failure = (code: string, message: string, result = 'error'): ActionOutcome => ({
  result,
  error: { code, message },
})

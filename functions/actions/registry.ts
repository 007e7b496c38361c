import { z } from 'zod'
import type { Logger } from '../platform/logger.ts'
import { coerceInput } from './coerce.ts'
import type { Action, ActionContext } from './define.ts'
import type { ActionCaller, ActionErrorDetail, ActionOutcome } from './types.ts'

/** Params every action accepts that belong to the scenario engine, not the action. */
export const ENGINE_PARAMS = ['_namespace', '_response_key'] as const

export const SYSTEM_TENANT_LIMIT = 100

export type InvokeOptions = Omit<ActionContext, 'signal'>

/**
 * Finds an action that is not registered statically (a connected service's action, scoped to the
 * caller's organization). Consulted only for names the registry does not know.
 */
export type ActionResolver = (name: string, options: InvokeOptions) => Promise<Action | undefined>

/** May the caller reach this action? System actions: system tenants' scenarios and the platform. */
export function canCall(action: Action, caller: ActionCaller): boolean {
  if (action.access === 'public') return true
  if (caller.kind === 'internal') return true
  if (action.access === 'system')
    return caller.kind === 'scenario' && caller.tenantId < SYSTEM_TENANT_LIMIT
  return false
}

/**
 * Every operation a scenario step, pipeline node or agent tool can call. Invoking validates the input,
 * enforces access and the timeout, and always returns an outcome: it never throws.
 */
export class ActionRegistry {
  private readonly actions = new Map<string, Action>()
  private readonly serviceDescriptions = new Map<string, string>()
  private readonly resolvers: ActionResolver[] = []
  private readonly log: Logger

  constructor(log: Logger) {
    this.log = log
  }

  register(...actions: Action[]): this {
    for (const action of actions) {
      if (this.actions.has(action.name))
        throw new Error(`Action ${action.name} is registered twice`)
      this.actions.set(action.name, action)
    }
    return this
  }

  resolveWith(resolver: ActionResolver): this {
    this.resolvers.push(resolver)
    return this
  }

  describeService(service: string, description: string): this {
    this.serviceDescriptions.set(service, description)
    return this
  }

  serviceDescription(service: string): string | undefined {
    return this.serviceDescriptions.get(service)
  }

  get(name: string): Action | undefined {
    return this.actions.get(name)
  }

  list(): Action[] {
    return [...this.actions.values()].sort(
      (a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name),
    )
  }

  async invoke(
    name: string,
    input: Record<string, unknown>,
    options: InvokeOptions,
  ): Promise<ActionOutcome> {
    const action = this.actions.get(name) ?? (await this.resolve(name, options))
    if (!action)
      return { result: 'error', error: { code: 'NOT_FOUND', message: `Unknown action: ${name}` } }
    if (!canCall(action, options.caller)) {
      return {
        result: 'error',
        error: {
          code: 'PERMISSION_DENIED',
          message: `Action ${name} is not available to this caller`,
        },
      }
    }
    const parsed = action.input.safeParse(coerceInput(action.input, input))
    if (!parsed.success) {
      return {
        result: 'error',
        error: {
          code: 'VALIDATION_ERROR',
          message: `Invalid input for ${name}`,
          details: fieldErrors(parsed.error, input),
        },
      }
    }
    return this.run(action, parsed.data, options)
  }

  private async resolve(name: string, options: InvokeOptions): Promise<Action | undefined> {
    for (const resolver of this.resolvers) {
      try {
        const action = await resolver(name, options)
        if (action) return action
      } catch (error) {
        this.log.error('action.resolve_failed', { action: name, error })
      }
    }
    return undefined
  }

  private async run(
    action: Action,
    input: unknown,
    options: InvokeOptions,
  ): Promise<ActionOutcome> {
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<ActionOutcome>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error('timeout'))
        resolve({
          result: 'timeout',
          error: {
            code: 'TIMEOUT',
            message: `${action.name} did not finish within ${action.timeoutMs} ms`,
          },
        })
      }, action.timeoutMs)
    })
    try {
      return await Promise.race([
        action.execute(input, { ...options, signal: controller.signal }),
        timeout,
      ])
    } catch (error) {
      this.log.error('action.failed', { action: action.name, error })
      return {
        result: 'error',
        error: { code: 'INTERNAL_ERROR', message: `${action.name} failed unexpectedly` },
      }
    } finally {
      clearTimeout(timer)
    }
  }
}

function fieldErrors(error: z.ZodError, input: Record<string, unknown>): ActionErrorDetail[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(root)'
    const top = issue.path[0]
    return {
      field,
      message: issue.message,
      type: issue.code,
      ...(typeof top === 'string' && top in input ? { input: input[top] } : {}),
    }
  })
}

/** JSON Schema of an action's input or output, as the API and the guide publish it. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>
}

import type { ActionOutcome } from '../../actions/types.ts'
import type { StepSpec } from '../loader/types.ts'
import { renderValue } from '../placeholders/index.ts'
import { isDict } from '../placeholders/python/py-ops.ts'
import { launchAsync, refreshHandles } from './async-actions.ts'
import { mergeResponse } from './cache-merge.ts'
import type { Chain } from './runtime.ts'
import type { Data } from './types.ts'

/** A step after its action ran: the params it got (after placeholders) and what it returned. */
export type Executed = {
  action: string
  params: Record<string, unknown>
  outcome: ActionOutcome
  namespace?: unknown
  responseKey?: unknown
  async: boolean
}

/** The step's view of the data: `_async_action` belongs to the chain, not to one scenario's data. */
export function valuesOf(chain: Chain, data: Data): Data {
  return { ...data, _async_action: chain.asyncHandles }
}

/**
 * Runs one step (§3.4): placeholders in params (never reaching `_config` from expanded values), the
 * flat context overridden by the params except `system`, then the action through the registry, or,
 * with `async: true`, a queued launch whose immediate result is success.
 */
export async function executeStep(
  chain: Chain,
  step: StepSpec,
  data: Data,
  idempotencyKey: string,
): Promise<Executed> {
  const { runtime } = chain
  await refreshHandles(chain)
  const values = valuesOf(chain, data)
  const rendered = renderValue(step.params, values, {
    timeZone: runtime.timeZone,
    hiddenFromRecursion: ['_config'],
    onWarning: (message) => runtime.warnings.push(message),
  })
  const {
    _namespace: namespace,
    _response_key: responseKey,
    ...params
  } = isDict(rendered) ? rendered : {}
  const input: Data = { ...values, ...params }
  if (Object.hasOwn(data, 'system')) input.system = data.system
  else delete input.system
  const engine = { namespace, responseKey }
  if (step.async) {
    if (!step.action_id) {
      const error = { code: 'VALIDATION_ERROR', message: 'an async step needs an action_id' }
      return {
        action: step.action,
        params,
        outcome: { result: 'error', error },
        ...engine,
        async: true,
      }
    }
    const handle = await launchAsync(chain, step.action_id, step.action, input)
    chain.asyncHandles[step.action_id] = handle
    return { action: step.action, params, outcome: { result: 'success' }, ...engine, async: true }
  }
  const outcome = await runtime.services.actions.invoke(step.action, input, {
    services: runtime.services,
    caller: chain.caller,
    ...(runtime.simulation ? { simulation: runtime.simulation } : {}),
    idempotencyKey,
  })
  return { action: step.action, params, outcome, ...engine, async: false }
}

/** The data after a step: `response_data` merged into `_cache`, `last_result` and `last_error` set. */
export function withOutcome(chain: Chain, data: Data, executed: Executed): Data {
  const { outcome } = executed
  const next: Data = { ...data, last_result: outcome.result, last_error: outcome.error ?? null }
  const response = outcome.response_data
  if (response && Object.keys(response).length > 0) {
    const cache = isDict(data._cache) ? data._cache : {}
    next._cache = mergeResponse(cache, response, {
      namespace: executed.namespace,
      responseKey: executed.responseKey,
      replaceableField: chain.runtime.services.actions.get(executed.action)?.replaceableField,
    })
  }
  return next
}

import type { ActionOutcome } from '../../actions/types.ts'
import { isDict } from '../placeholders/python/py-ops.ts'
import type { CallState, Data, Finished } from './types.ts'

/** The state of an execute/jump call as its targets finish one after another. */

export const cacheOf = (data: Data) => (isDict(data._cache) ? data._cache : {})

export function newCall(
  via: CallState['via'],
  targets: string[],
  returnCache: boolean,
  data: Data,
): CallState {
  return { via, targets, position: 0, returnCache, data, lastResult: null }
}

/** A finished target folded into the call: the next target starts from its data (`_cache` flows on). */
export function absorb(call: CallState, finished: Finished): CallState {
  return {
    ...call,
    position: call.position + 1,
    data: { ...finished.data, scenario_chain: call.data.scenario_chain },
    lastResult: finished.result,
    ...(finished.error !== undefined ? { lastError: finished.error } : {}),
  }
}

export const endsList = (call: CallState) =>
  call.lastResult === 'abort' ||
  call.lastResult === 'stop' ||
  (call.via !== 'jump' && call.lastResult === 'error')

/** `execute_scenario`'s outcome (§6.2): the callee's `_cache` comes back only for a single name. */
export function executeOutcome(call: CallState): ActionOutcome {
  const result = call.lastResult ?? 'success'
  if (result === 'error') {
    return {
      result: 'error',
      error: {
        code: 'SCENARIO_ERROR',
        message: call.lastError ?? 'the scenario ended with an error',
      },
      response_data: { scenario_result: 'error' },
    }
  }
  const cache = call.returnCache && call.targets.length === 1 ? cacheOf(call.data) : {}
  return { result: 'success', response_data: { ...cache, scenario_result: result } }
}

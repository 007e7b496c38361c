import type { TransitionSpec } from '../loader/types.ts'

/**
 * Coreness's selection (§3.5): an `any` entry wins whatever the result; otherwise the last entry whose
 * `action_result` equals the result; none means continue with the next step.
 */
export function selectTransition(
  transitions: readonly TransitionSpec[],
  result: string,
): TransitionSpec | undefined {
  const any = transitions.find((transition) => transition.action_result === 'any')
  if (any) return any
  return transitions.findLast((transition) => transition.action_result === result)
}

/** A whole number from a transition value (the loader already turned numeric strings into numbers). */
export function wholeNumber(value: TransitionSpec['transition_value']): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

export function targetNames(value: TransitionSpec['transition_value']): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value]
  return Array.isArray(value) ? value.filter((name) => name.trim() !== '') : []
}

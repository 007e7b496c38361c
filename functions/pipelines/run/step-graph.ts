import type { PipelineRunStepRow } from '../../../db/schema/index.ts'
import { fedParameters } from '../planning/action-params.ts'
import type { CatalogAction } from '../planning/index.ts'

type StepLinks = Pick<PipelineRunStepRow, 'step' | 'status' | 'predecessors'>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A pending step may start once every predecessor succeeded (none: at once). */
export function canStart(step: StepLinks, steps: readonly StepLinks[]): boolean {
  if (step.status !== 'PENDING') return false
  return step.predecessors.every(
    (from) => steps.find((other) => other.step === from)?.status === 'SUCCEEDED',
  )
}

/** Steps that may start now among `candidates` (all steps when omitted), in step order. */
export function startable(steps: readonly StepLinks[], candidates?: readonly number[]): number[] {
  return steps
    .filter((step) => (candidates ? candidates.includes(step.step) : true))
    .filter((step) => canStart(step, steps))
    .map((step) => step.step)
    .sort((a, b) => a - b)
}

/** The steps fed by `step`: the only ones whose readiness its success can change. */
export const successorsOf = (step: number, steps: readonly StepLinks[]) =>
  steps.filter((other) => other.predecessors.includes(step)).map((other) => other.step)

/**
 * A step's inputs: the merged output payloads of its predecessors (in step order), then the run's
 * values for its own external inputs, which win over a predecessor's field of the same name. A
 * predecessor's output that is not an object goes to the parameter its type feeds.
 */
export function resolveStepInputs(
  runInputs: Record<string, unknown>,
  step: Pick<PipelineRunStepRow, 'predecessors' | 'externalInputs' | 'inputTypes'>,
  steps: readonly Pick<PipelineRunStepRow, 'step' | 'outputPayload'>[],
  action: CatalogAction | null,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  const fed = new Map((action ? fedParameters(action) : []).map(([name, type]) => [type, name]))
  for (const from of [...step.predecessors].sort((a, b) => a - b)) {
    const output = steps.find((other) => other.step === from)?.outputPayload
    if (isObject(output)) {
      Object.assign(resolved, output)
    } else if (output !== null && output !== undefined) {
      const type = step.inputTypes.find((entry) => entry.from_step === from)?.type
      resolved[(type && fed.get(type)) || `step_${from}`] = output
    }
  }
  for (const name of step.externalInputs) {
    const value = runInputs[name]
    if (value !== undefined) resolved[name] = value
  }
  return resolved
}

export type RunTally = {
  total_steps: number
  succeeded: number
  failed: number
  skipped: number
}

export function tally(steps: readonly Pick<PipelineRunStepRow, 'status'>[]): RunTally {
  const count = (status: PipelineRunStepRow['status']) =>
    steps.filter((step) => step.status === status).length
  return {
    total_steps: steps.length,
    succeeded: count('SUCCEEDED'),
    failed: count('FAILED'),
    skipped: count('SKIPPED'),
  }
}

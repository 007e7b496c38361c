import { HttpError } from '../../platform/errors.ts'
import { hasDefault, requiredParameters } from '../planning/action-params.ts'
import type { CatalogAction } from '../planning/index.ts'
import type { PipelineGraphNode } from '../schema.ts'

// The seed's 400 example.
export const NOT_READY_DETAIL = 'Pipeline is not ready for execution'

/** The seed's 400, naming what is missing beside its exact `detail`. */
export class PipelineNotReadyError extends HttpError {
  readonly missingInputs: string[]
  readonly missingActions: string[]

  constructor(missing: { inputs: string[]; actions: string[] }) {
    super(400, NOT_READY_DETAIL)
    this.missingInputs = missing.inputs
    this.missingActions = missing.actions
  }
}

const actionOf = (node: PipelineGraphNode, catalog: readonly CatalogAction[]) => {
  const id = node.endpoints[0]?.action_id?.toLowerCase()
  return catalog.find((action) => action.id.toLowerCase() === id)
}

const absent = (value: unknown) => value === undefined || value === null || value === ''

/**
 * Every node's action must still exist, and every required external input without a schema
 * default must have a value (the pipeline's defaults merged with the run's inputs).
 */
export function assertRunnable(
  nodes: readonly PipelineGraphNode[],
  catalog: readonly CatalogAction[],
  inputs: Record<string, unknown>,
): void {
  const missingInputs: string[] = []
  const missingActions: string[] = []
  for (const node of nodes) {
    const action = actionOf(node, catalog)
    if (!action) {
      missingActions.push(node.name)
      continue
    }
    const required = requiredParameters(action)
    for (const name of node.external_inputs) {
      if (!required.includes(name) || hasDefault(action, name) || !absent(inputs[name])) continue
      if (!missingInputs.includes(name)) missingInputs.push(name)
    }
  }
  if (missingInputs.length > 0 || missingActions.length > 0) {
    throw new PipelineNotReadyError({ inputs: missingInputs, actions: missingActions })
  }
}

/** The 400 body: the seed's `detail`, and what is missing beside it. */
export function notReadyBody(error: PipelineNotReadyError) {
  return {
    detail: NOT_READY_DETAIL,
    missing_inputs: error.missingInputs,
    ...(error.missingActions.length > 0 ? { missing_actions: error.missingActions } : {}),
  }
}

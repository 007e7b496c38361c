import { exampleFor, hasDefault, parameterType, requiredParameters } from './action-params.ts'
import { coerceValue, parameterSpec } from './extract-values.ts'
import type { MissingInput, NeedsInputPlan, ReadyPlan } from './plan-outcome.ts'
import type { CatalogAction, PlanGraph, PlanInputValue } from './types.ts'

function actionOf(
  endpointActionId: string | null | undefined,
  catalog: readonly CatalogAction[],
): CatalogAction | undefined {
  const id = endpointActionId?.toLowerCase()
  return catalog.find((action) => action.id.toLowerCase() === id)
}

/** A value in the parameter's JSON type, or null when it cannot be one (an LLM's "7" is 7). */
function fitted(action: CatalogAction, name: string, value: PlanInputValue): PlanInputValue | null {
  const type = parameterType(action, name)
  if (type === null) return value
  if (typeof value === 'string' && ['integer', 'number', 'boolean'].includes(type)) {
    return coerceValue(parameterSpec(action, name), value)
  }
  if (typeof value === 'number' && type === 'integer' && !Number.isInteger(value)) return null
  if (typeof value !== 'string' && type === 'string') return String(value)
  return value
}

/**
 * Decides ready vs needs_input for a validated graph: a required external input with no value
 * from the dialog (or one that does not fit its type) and no schema default is missing. Values for
 * parameters the graph does not use are dropped so they never reach the stored pipeline.
 */
export function resolveInputs(
  graph: PlanGraph,
  found: Readonly<Record<string, PlanInputValue>>,
  catalog: readonly CatalogAction[],
  texts: { chatReplyRu: string; contextSummary: string },
): ReadyPlan | NeedsInputPlan {
  const inputs: Record<string, PlanInputValue> = {}
  const missing: MissingInput[] = []
  const nodes = [...graph.nodes].sort((a, b) => a.step - b.step)
  for (const node of nodes) {
    const action = actionOf(node.endpoints[0]?.action_id, catalog)
    for (const name of node.external_inputs) {
      const raw = found[name]
      const value = raw === undefined || !action ? raw : fitted(action, name, raw)
      if (value !== undefined && value !== null) {
        inputs[name] = value
        continue
      }
      if (!action || !requiredParameters(action).includes(name) || hasDefault(action, name))
        continue
      if (missing.some((entry) => entry.name === name)) continue
      missing.push({
        name,
        step: node.step,
        actionName: action.name,
        example: exampleFor(action, name),
      })
    }
  }
  const { edges } = graph
  if (missing.length > 0) return { status: 'needs_input', nodes, edges, inputs, missing }
  return { status: 'ready', nodes, edges, inputs, ...texts }
}

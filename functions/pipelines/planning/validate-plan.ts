import type { PipelineGraphEdge, PipelineGraphNode } from '../schema.ts'
import { fedParameters, parameterSchemas, requiredParameters } from './action-params.ts'
import type { CatalogAction, PlanGraph } from './types.ts'

const edgeKey = (from: number, to: number) => `${from}->${to}`
const sameId = (a: string | null | undefined, b: string) =>
  typeof a === 'string' && a.toLowerCase() === b.toLowerCase()

/**
 * Every check a plan must pass before anyone sees it. Returns one precise sentence per problem
 * (empty when valid); the LLM gets them verbatim in its repair round.
 */
export function validatePlan(graph: PlanGraph, catalog: readonly CatalogAction[]): string[] {
  const errors: string[] = []
  if (graph.nodes.length === 0) return ['the plan has no steps']

  const nodes = new Map<number, PipelineGraphNode>()
  for (const node of graph.nodes) {
    if (!Number.isInteger(node.step) || node.step < 1) {
      errors.push(`step ${node.step}: step numbers must be positive integers`)
    }
    if (nodes.has(node.step)) errors.push(`step ${node.step}: used by more than one node`)
    else nodes.set(node.step, node)
  }

  const actions = new Map<number, CatalogAction>()
  for (const node of nodes.values()) {
    const action = resolveEndpoint(node, catalog, errors)
    if (action) actions.set(node.step, action)
  }

  const edges = checkEdges(graph.edges, nodes, errors)
  const cycle = findCycle([...nodes.keys()], edges)
  if (cycle) errors.push(`the graph has a cycle: ${cycle.join(' → ')}`)

  checkAgreement(nodes, edges, errors)
  const keys = new Set(edges.map((edge) => edgeKey(edge.from_step, edge.to_step)))
  for (const node of nodes.values()) {
    const action = actions.get(node.step)
    if (action) checkInputs(node, action, { actions, keys }, errors)
  }
  return errors
}

function resolveEndpoint(
  node: PipelineGraphNode,
  catalog: readonly CatalogAction[],
  errors: string[],
): CatalogAction | undefined {
  const [endpoint, ...extra] = node.endpoints
  if (!endpoint || extra.length > 0) {
    errors.push(`step ${node.step}: must have exactly one endpoint, found ${node.endpoints.length}`)
  }
  if (!endpoint) return undefined
  const action = endpoint.action_id
    ? catalog.find((candidate) => sameId(endpoint.action_id, candidate.id))
    : catalog.find(
        (candidate) =>
          sameId(endpoint.capability_id, candidate.capabilityId) &&
          candidate.name === endpoint.name,
      )
  if (!action) {
    const id = endpoint.action_id ?? `${endpoint.capability_id}/${endpoint.name}`
    errors.push(
      `step ${node.step}: endpoint "${endpoint.name}" (${id}) does not exist among the available capabilities`,
    )
    return undefined
  }
  if (!sameId(endpoint.capability_id, action.capabilityId)) {
    errors.push(
      `step ${node.step}: action ${action.id} belongs to capability ${action.capabilityId}, not ${endpoint.capability_id}`,
    )
  }
  if (endpoint.name !== action.name) {
    errors.push(
      `step ${node.step}: endpoint name "${endpoint.name}" does not match action "${action.name}"`,
    )
  }
  if (endpoint.output_type != null && endpoint.output_type !== action.outputType) {
    errors.push(
      `step ${node.step}: endpoint output_type ${JSON.stringify(endpoint.output_type)} differs from action "${action.name}", which outputs ${JSON.stringify(action.outputType)}`,
    )
  }
  return action
}

/** Reports malformed edges and returns the well-formed ones (deduplicated). */
function checkEdges(
  edges: readonly PipelineGraphEdge[],
  nodes: ReadonlyMap<number, PipelineGraphNode>,
  errors: string[],
): PipelineGraphEdge[] {
  const seen = new Set<string>()
  const valid: PipelineGraphEdge[] = []
  for (const edge of edges) {
    const label = `edge ${edge.from_step}→${edge.to_step}`
    let ok = true
    if (edge.type !== 'data_dependency') {
      errors.push(`${label}: type "${edge.type}" is not "data_dependency"`)
    }
    for (const end of [edge.from_step, edge.to_step]) {
      if (!nodes.has(end)) {
        errors.push(`${label}: step ${end} does not exist`)
        ok = false
      }
    }
    if (edge.from_step === edge.to_step) {
      errors.push(`${label}: a step cannot depend on itself`)
      ok = false
    }
    const key = edgeKey(edge.from_step, edge.to_step)
    if (seen.has(key)) {
      errors.push(`${label}: listed more than once`)
      ok = false
    }
    seen.add(key)
    if (ok) valid.push(edge)
  }
  return valid
}

/** One cycle as a closed step path (e.g. [2, 3, 2]), or null when the graph is acyclic. */
function findCycle(steps: number[], edges: readonly PipelineGraphEdge[]): number[] | null {
  const next = new Map<number, number[]>()
  for (const edge of edges)
    next.set(edge.from_step, [...(next.get(edge.from_step) ?? []), edge.to_step])
  const state = new Map<number, 'open' | 'done'>()
  const path: number[] = []
  const visit = (step: number): number[] | null => {
    if (state.get(step) === 'done') return null
    if (state.get(step) === 'open') return [...path.slice(path.indexOf(step)), step]
    state.set(step, 'open')
    path.push(step)
    for (const to of next.get(step) ?? []) {
      const cycle = visit(to)
      if (cycle) return cycle
    }
    path.pop()
    state.set(step, 'done')
    return null
  }
  for (const step of [...steps].sort((a, b) => a - b)) {
    const cycle = visit(step)
    if (cycle) return cycle
  }
  return null
}

/** edges, input_connected_from, output_connected_to and input_data_type_from_previous must agree. */
function checkAgreement(
  nodes: ReadonlyMap<number, PipelineGraphNode>,
  edges: readonly PipelineGraphEdge[],
  errors: string[],
): void {
  const keys = new Set(edges.map((edge) => edgeKey(edge.from_step, edge.to_step)))
  for (const { from_step: from, to_step: to } of edges) {
    const source = nodes.get(from)
    const target = nodes.get(to)
    if (source && !source.output_connected_to.includes(to)) {
      errors.push(
        `step ${from}: output_connected_to lacks ${to} although edge ${from}→${to} exists`,
      )
    }
    if (target && !target.input_connected_from.includes(from)) {
      errors.push(
        `step ${to}: input_connected_from lacks ${from} although edge ${from}→${to} exists`,
      )
    }
    if (target && !target.input_data_type_from_previous.some((input) => input.from_step === from)) {
      errors.push(
        `step ${to}: input_data_type_from_previous has no entry for step ${from} although edge ${from}→${to} exists`,
      )
    }
  }
  for (const node of nodes.values()) {
    for (const from of node.input_connected_from) {
      if (!keys.has(edgeKey(from, node.step))) {
        errors.push(
          `step ${node.step}: input_connected_from lists ${from} but there is no edge ${from}→${node.step}`,
        )
      }
    }
    for (const to of node.output_connected_to) {
      if (!keys.has(edgeKey(node.step, to))) {
        errors.push(
          `step ${node.step}: output_connected_to lists ${to} but there is no edge ${node.step}→${to}`,
        )
      }
    }
    for (const input of node.input_data_type_from_previous) {
      if (!keys.has(edgeKey(input.from_step, node.step))) {
        errors.push(
          `step ${node.step}: input_data_type_from_previous names step ${input.from_step} but there is no edge ${input.from_step}→${node.step}`,
        )
      }
    }
  }
}

/** Types fed from predecessors, and that every required parameter gets a value from somewhere. */
function checkInputs(
  node: PipelineGraphNode,
  action: CatalogAction,
  graph: { actions: ReadonlyMap<number, CatalogAction>; keys: ReadonlySet<string> },
  errors: string[],
): void {
  const { actions, keys } = graph
  const at = `step ${node.step} (${action.name})`
  const fed = new Map(fedParameters(action))
  const accepted = new Set(fed.values())
  const incoming = new Set<string>()
  for (const input of node.input_data_type_from_previous) {
    const source = actions.get(input.from_step)
    if (source && source.outputType !== input.type) {
      errors.push(
        `${at}: receives type "${input.type}" from step ${input.from_step}, but step ${input.from_step} (${source.name}) outputs ${source.outputType === null ? 'no type' : `"${source.outputType}"`}`,
      )
    }
    if (!accepted.has(input.type)) {
      const list = accepted.size > 0 ? [...accepted].map((type) => `"${type}"`).join(', ') : 'none'
      errors.push(`${at}: does not accept type "${input.type}" (accepted input types: ${list})`)
    } else if (source?.outputType === input.type && keys.has(edgeKey(input.from_step, node.step))) {
      // Only a real edge from a producer of that type feeds anything.
      incoming.add(input.type)
    }
  }
  for (const parameter of requiredParameters(action)) {
    const type = fed.get(parameter)
    if (type !== undefined && incoming.has(type)) continue
    if (node.external_inputs.includes(parameter)) continue
    errors.push(
      type === undefined
        ? `${at}: required parameter "${parameter}" is neither fed by a predecessor nor an external input`
        : `${at}: required parameter "${parameter}" needs type "${type}" from a predecessor or must be an external input`,
    )
  }
  const declared = Object.keys(parameterSchemas(action))
  for (const name of node.external_inputs) {
    if (declared.length > 0 && !declared.includes(name) && !action.externalInputs.includes(name)) {
      errors.push(`${at}: external input "${name}" is not a parameter of the action`)
    }
  }
}

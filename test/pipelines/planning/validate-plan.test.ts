import { describe, expect, test } from 'vitest'
import type { PlanGraph } from '../../../functions/pipelines/planning/types.ts'
import { validatePlan } from '../../../functions/pipelines/planning/validate-plan.ts'
import type { PipelineGraphNode } from '../../../functions/pipelines/schema.ts'
import { seedReady, travelCatalog } from './travel-fixture.ts'

function seedGraph(): PlanGraph {
  return structuredClone({ nodes: seedReady.nodes, edges: seedReady.edges })
}

function node(graph: PlanGraph, step: number): PipelineGraphNode {
  const found = graph.nodes.find((candidate) => candidate.step === step)
  if (!found) throw new Error(`no step ${step}`)
  return found
}

/** Applies a mutation to the seed graph and returns the errors. */
function errorsAfter(mutate: (graph: PlanGraph) => void): string[] {
  const graph = seedGraph()
  mutate(graph)
  return validatePlan(graph, travelCatalog)
}

describe('validatePlan', () => {
  test('accepts the seed ready graph', () => {
    expect(validatePlan(seedGraph(), travelCatalog)).toEqual([])
  })

  test('rejects an empty plan', () => {
    expect(validatePlan({ nodes: [], edges: [] }, travelCatalog)).toEqual(['the plan has no steps'])
  })

  test('every endpoint must exist in the catalog', () => {
    const errors = errorsAfter((g) => {
      const [endpoint] = node(g, 2).endpoints
      if (endpoint) endpoint.action_id = '00000000-0000-4000-8000-000000000000'
    })
    expect(errors).toContain(
      'step 2: endpoint "get_top_hotels" (00000000-0000-4000-8000-000000000000) does not exist among the available capabilities',
    )
  })

  test('an endpoint must agree with its action (capability, name, output type)', () => {
    const errors = errorsAfter((g) => {
      const [endpoint] = node(g, 1).endpoints
      if (!endpoint) return
      endpoint.capability_id = '470ae37e-029e-4c67-a293-acb848675d0b'
      endpoint.name = 'get_users'
      endpoint.output_type = 'people[]'
    })
    expect(errors).toEqual([
      'step 1: action e4b0bcb6-6a8c-4b0a-8e18-3f44b5f7d1c2 belongs to capability c4be1e66-2e04-4c6f-8d8f-6f39f1f46087, not 470ae37e-029e-4c67-a293-acb848675d0b',
      'step 1: endpoint name "get_users" does not match action "get_recent_users"',
      'step 1: endpoint output_type "people[]" differs from action "get_recent_users", which outputs "users[]"',
    ])
  })

  test('a node needs exactly one endpoint', () => {
    expect(
      errorsAfter((g) => {
        node(g, 4).endpoints = []
      }),
    ).toContain('step 4: must have exactly one endpoint, found 0')
  })

  test('step numbers are unique positive integers', () => {
    const errors = errorsAfter((g) => {
      node(g, 2).step = 1
      const first = g.nodes[0]
      if (first) first.step = 0
    })
    expect(errors).toContain('step 0: step numbers must be positive integers')
    const duplicate = errorsAfter((g) => {
      node(g, 2).step = 1
    })
    expect(duplicate).toContain('step 1: used by more than one node')
  })

  test('edges must join existing, distinct steps with the data_dependency type', () => {
    const errors = errorsAfter((g) => {
      g.edges.push({ from_step: 5, to_step: 9, type: 'data_dependency' })
      g.edges.push({ from_step: 2, to_step: 2, type: 'data_dependency' })
      g.edges.push({ from_step: 1, to_step: 3, type: 'data_dependency' })
      const first = g.edges[0]
      if (first) first.type = 'control'
    })
    expect(errors).toEqual(
      expect.arrayContaining([
        'edge 1→3: type "control" is not "data_dependency"',
        'edge 5→9: step 9 does not exist',
        'edge 2→2: a step cannot depend on itself',
        'edge 1→3: listed more than once',
      ]),
    )
  })

  test('the graph must be acyclic', () => {
    const errors = errorsAfter((g) => {
      g.edges.push({ from_step: 5, to_step: 1, type: 'data_dependency' })
      node(g, 5).output_connected_to.push(1)
      node(g, 1).input_connected_from.push(5)
      node(g, 1).input_data_type_from_previous.push({ from_step: 5, type: 'delivery_report' })
    })
    expect(errors).toContain('the graph has a cycle: 1 → 3 → 4 → 5 → 1')
  })

  test('output_connected_to must mirror the edges', () => {
    const errors = errorsAfter((g) => {
      node(g, 1).output_connected_to = []
    })
    expect(errors).toEqual(['step 1: output_connected_to lacks 3 although edge 1→3 exists'])
  })

  test('input_connected_from must mirror the edges', () => {
    const errors = errorsAfter((g) => {
      node(g, 3).input_connected_from = [1]
      node(g, 4).input_connected_from.push(2)
    })
    expect(errors).toEqual([
      'step 3: input_connected_from lacks 2 although edge 2→3 exists',
      'step 4: input_connected_from lists 2 but there is no edge 2→4',
    ])
  })

  test('an edge in the node lists but not in edges is reported from both ends', () => {
    const errors = errorsAfter((g) => {
      g.edges = g.edges.filter((edge) => !(edge.from_step === 4 && edge.to_step === 5))
    })
    expect(errors).toEqual([
      'step 4: output_connected_to lists 5 but there is no edge 4→5',
      'step 5: input_connected_from lists 4 but there is no edge 4→5',
      'step 5: input_data_type_from_previous names step 4 but there is no edge 4→5',
      'step 5 (send_hotel_offers_by_email): required parameter "assignments" needs type "assignments[]" from a predecessor or must be an external input',
    ])
  })

  test('input_data_type_from_previous must have an entry per incoming edge', () => {
    const errors = errorsAfter((g) => {
      node(g, 3).input_data_type_from_previous = [{ from_step: 1, type: 'users[]' }]
    })
    expect(errors).toEqual([
      'step 3: input_data_type_from_previous has no entry for step 2 although edge 2→3 exists',
      'step 3 (segment_users_by_hotel_preferences): required parameter "hotels" needs type "hotels[]" from a predecessor or must be an external input',
    ])
  })

  test("a type fed from a predecessor must be that predecessor's output_type", () => {
    const errors = errorsAfter((g) => {
      node(g, 3).input_data_type_from_previous = [
        { from_step: 1, type: 'hotels[]' },
        { from_step: 2, type: 'hotels[]' },
      ]
    })
    expect(errors).toEqual([
      'step 3 (segment_users_by_hotel_preferences): receives type "hotels[]" from step 1, but step 1 (get_recent_users) outputs "users[]"',
      'step 3 (segment_users_by_hotel_preferences): required parameter "users" needs type "users[]" from a predecessor or must be an external input',
    ])
  })

  test('a step only receives types it accepts', () => {
    const errors = errorsAfter((g) => {
      g.edges.push({ from_step: 1, to_step: 4, type: 'data_dependency' })
      node(g, 1).output_connected_to.push(4)
      node(g, 4).input_connected_from.push(1)
      node(g, 4).input_data_type_from_previous.push({ from_step: 1, type: 'users[]' })
    })
    expect(errors).toEqual([
      'step 4 (assign_users_to_hotels): does not accept type "users[]" (accepted input types: "segments[]")',
    ])
  })

  test('every required parameter is fed by a predecessor or an external input', () => {
    const errors = errorsAfter((g) => {
      node(g, 5).external_inputs = []
    })
    expect(errors).toEqual([
      'step 5 (send_hotel_offers_by_email): required parameter "template_id" is neither fed by a predecessor nor an external input',
    ])
  })

  test('external inputs must be parameters of the action', () => {
    const errors = errorsAfter((g) => {
      node(g, 1).external_inputs.push('limit')
    })
    expect(errors).toEqual([
      'step 1 (get_recent_users): external input "limit" is not a parameter of the action',
    ])
  })
})

import type { HttpMethod, PipelineGraphEdge, PipelineGraphNode } from '../schema.ts'

export type JsonObject = Record<string, unknown>

/** The planner's view of one registered capability action; built by `catalogFromCapabilities`. */
export type CatalogAction = {
  /** Action id (uuid): what a graph node's endpoint refers to. */
  id: string
  capabilityId: string
  capabilityName: string
  name: string
  description: string
  method: HttpMethod
  path: string
  inputSchema: JsonObject
  outputSchema: JsonObject
  /** Parameter → type label fed by a predecessor; a bare label is normalised by `fedParameters`. */
  inputType: Record<string, string> | string | null
  outputType: string | null
  /** Parameters the user supplies (in the dialog, or at run time). */
  externalInputs: string[]
}

/** One message of the pipeline dialog, oldest first. */
export type DialogTurn = { role: 'user' | 'assistant'; content: string }

export type PlanInputValue = string | number | boolean

export type PlanGraph = { nodes: PipelineGraphNode[]; edges: PipelineGraphEdge[] }

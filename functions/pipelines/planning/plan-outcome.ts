import type { PipelineGraphEdge, PipelineGraphNode } from '../schema.ts'
import type { PlanInputValue } from './types.ts'

/** A valid graph whose required external inputs all have a value or a default. */
export type ReadyPlan = {
  status: 'ready'
  nodes: PipelineGraphNode[]
  edges: PipelineGraphEdge[]
  /** Values found in the dialog, keyed by parameter; the run uses them as defaults. */
  inputs: Record<string, PlanInputValue>
  chatReplyRu: string
  contextSummary: string
}

export type MissingInput = {
  name: string
  step: number
  actionName: string
  /** From the parameter's JSON Schema `examples`/`example`, if any. */
  example: string | null
}

/** A valid graph that still lacks required external inputs; the dialog's next message may supply them. */
export type NeedsInputPlan = {
  status: 'needs_input'
  nodes: PipelineGraphNode[]
  edges: PipelineGraphEdge[]
  inputs: Record<string, PlanInputValue>
  missing: MissingInput[]
}

export type CannotBuildReason =
  | 'llm_unavailable'
  | 'no_capabilities'
  | 'no_matching_capability'
  | 'missing_producer'
  | 'invalid_plan'
  | 'llm_declined'

export type CannotBuildPlan = {
  status: 'cannot_build'
  reason: CannotBuildReason
  missingRequirements: string[]
  /** Russian explanation for the chat; empty for llm_unavailable, whose text is fixed. */
  detailRu: string
  /** Validation errors of the last plan (invalid_plan only). */
  errors: string[]
}

export type PlanOutcome = ReadyPlan | NeedsInputPlan | CannotBuildPlan

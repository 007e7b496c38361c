import { and, eq } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import { type PipelineRow, pipelines } from '../../db/schema/index.ts'
import { notFound } from '../platform/errors.ts'
import type { Services } from '../platform/services.ts'
import type { PipelineGraphEdge, PipelineGraphNode } from './schema.ts'

export const PIPELINE_NOT_FOUND = 'Pipeline not found'

export type StoredPipeline = Omit<PipelineRow, 'nodes' | 'edges'> & {
  nodes: PipelineGraphNode[]
  edges: PipelineGraphEdge[]
}

/** Stores a ready plan; its input values become the defaults of every run. */
export async function savePipeline(
  services: Services,
  input: {
    organizationId: string
    userId: string | null
    dialogId: string | null
    nodes: PipelineGraphNode[]
    edges: PipelineGraphEdge[]
    inputs: Record<string, unknown>
  },
): Promise<string> {
  const id = services.ids.uuid()
  const now = services.clock.now()
  await services.db.insert(pipelines).values({
    id,
    organizationId: input.organizationId,
    userId: input.userId,
    dialogId: input.dialogId,
    status: 'ready',
    nodes: input.nodes,
    edges: input.edges,
    inputs: input.inputs,
    createdAt: now,
    updatedAt: now,
  })
  return id
}

/** Another organization's pipeline is indistinguishable from a missing one. */
export async function requirePipeline(
  db: Database,
  organizationId: string,
  pipelineId: string,
): Promise<StoredPipeline> {
  const [row] = await db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.id, pipelineId), eq(pipelines.organizationId, organizationId)))
  if (!row) throw notFound(PIPELINE_NOT_FOUND)
  return {
    ...row,
    nodes: row.nodes as PipelineGraphNode[],
    edges: row.edges as PipelineGraphEdge[],
  }
}

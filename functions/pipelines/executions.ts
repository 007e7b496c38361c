import { and, asc, desc, eq } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import {
  type PipelineRunRow,
  type PipelineRunStepRow,
  pipelineRunSteps,
  pipelineRuns,
} from '../../db/schema/index.ts'
import { notFound } from '../platform/errors.ts'
import type {
  ExecutionRunDetailResponse,
  ExecutionRunListItemResponse,
  ExecutionStepRunResponse,
  HttpMethod,
} from './schema.ts'

export const RUN_NOT_FOUND = 'Execution not found'

export type RunWithSteps = { run: PipelineRunRow; steps: PipelineRunStepRow[] }

const iso = (at: Date | null) => (at ? at.toISOString() : null)

/** The run and its steps in step order; another organization's run is a 404. */
export async function requireRun(
  db: Database,
  organizationId: string,
  runId: string,
): Promise<RunWithSteps> {
  const [run] = await db
    .select()
    .from(pipelineRuns)
    .where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.organizationId, organizationId)))
  if (!run) throw notFound(RUN_NOT_FOUND)
  const steps = await db
    .select()
    .from(pipelineRunSteps)
    .where(eq(pipelineRunSteps.runId, runId))
    .orderBy(asc(pipelineRunSteps.step))
  return { run, steps }
}

export async function listRuns(
  db: Database,
  organizationId: string,
  page: { limit: number; offset: number },
): Promise<ExecutionRunListItemResponse[]> {
  const rows = await db
    .select()
    .from(pipelineRuns)
    .where(eq(pipelineRuns.organizationId, organizationId))
    .orderBy(desc(pipelineRuns.createdAt), desc(pipelineRuns.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((run) => ({
    id: run.id,
    pipeline_id: run.pipelineId,
    status: run.status,
    error: run.error,
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    created_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
  }))
}

/** The seed's step shape, plus `attempt` (HTTP attempts made) beside it. */
export function presentStep(step: PipelineRunStepRow): ExecutionStepRunResponse & {
  attempt: number
} {
  return {
    step: step.step,
    name: step.name,
    capability_id: step.capabilityId,
    action_id: step.actionId,
    method: step.method as HttpMethod | null,
    status_code: step.statusCode,
    status: step.status,
    attempt: step.attempt,
    resolved_inputs: step.resolvedInputs,
    accepted_payload: step.acceptedPayload ?? null,
    output_payload: step.outputPayload ?? null,
    request_snapshot: step.requestSnapshot,
    response_snapshot: step.responseSnapshot,
    error: step.error,
    started_at: iso(step.startedAt),
    finished_at: iso(step.finishedAt),
    duration_ms: step.durationMs,
    created_at: step.createdAt.toISOString(),
    updated_at: step.updatedAt.toISOString(),
  }
}

/** The seed's run detail, plus `retry_of` beside it. */
export function presentRun({ run, steps }: RunWithSteps): ExecutionRunDetailResponse & {
  retry_of: string | null
} {
  return {
    id: run.id,
    pipeline_id: run.pipelineId,
    status: run.status,
    retry_of: run.retryOf,
    inputs: run.inputs,
    summary: run.summary,
    error: run.error,
    started_at: iso(run.startedAt),
    finished_at: iso(run.finishedAt),
    created_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    steps: steps.map(presentStep),
  }
}

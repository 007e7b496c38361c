import type { PipelineRunRow, PipelineRunStepRow } from '../../../db/schema/index.ts'
import { pipelineRunSteps, pipelineRuns } from '../../../db/schema/index.ts'
import { withTransaction } from '../../../db/transaction.ts'
import { conflict } from '../../platform/errors.ts'
import type { Services } from '../../platform/services.ts'
import { listCapabilities } from '../../services/capabilities.ts'
import { requireRun } from '../executions.ts'
import { requirePipeline, type StoredPipeline } from '../pipelines-store.ts'
import { catalogFromCapabilities } from '../planning/index.ts'
import type { RunPipelineResponse } from '../schema.ts'
import { publishSteps } from './publish-steps.ts'
import { assertRunnable } from './readiness.ts'
import { type RunEvent, recordEvents } from './run-events.ts'
import { startable } from './step-graph.ts'

type StepRow = typeof pipelineRunSteps.$inferInsert

async function assertPipelineRunnable(
  services: Services,
  pipeline: StoredPipeline,
  inputs: Record<string, unknown>,
) {
  const capabilities = await listCapabilities(services.db, pipeline.organizationId)
  return assertRunnable(pipeline.nodes, catalogFromCapabilities(capabilities), inputs)
}

/**
 * Inserts the run, its steps and its first event in one transaction, then publishes the steps
 * that can start at once (those without predecessors, or whose predecessors were reused).
 */
async function createRun(
  services: Services,
  run: Pick<PipelineRunRow, 'pipelineId' | 'organizationId' | 'userId' | 'inputs' | 'retryOf'>,
  steps: (runId: string, at: Date) => StepRow[],
): Promise<RunPipelineResponse> {
  const id = services.ids.uuid()
  const now = services.clock.now()
  const rows = steps(id, now)
  await withTransaction(services.db, async (tx) => {
    const [inserted] = await tx
      .insert(pipelineRuns)
      .values({ ...run, id, status: 'QUEUED', createdAt: now, updatedAt: now })
      .returning()
    if (!inserted) throw new Error('Run insert returned nothing')
    await tx.insert(pipelineRunSteps).values(rows)
    const reused: RunEvent[] = rows
      .filter((row) => row.status === 'SUCCEEDED')
      .map((row) => ({ kind: 'step', step: row.step, status: 'SUCCEEDED', data: { reused: true } }))
    await recordEvents(tx, inserted, [{ kind: 'run', status: 'QUEUED' }, ...reused], now)
  })
  const links = rows.map((row) => ({
    step: row.step,
    status: row.status,
    predecessors: row.predecessors,
  })) as Pick<PipelineRunStepRow, 'step' | 'status' | 'predecessors'>[]
  await publishSteps(services, id, startable(links))
  services.log.info('pipeline.run_queued', { runId: id, pipelineId: run.pipelineId })
  return { run_id: id, pipeline_id: run.pipelineId, status: 'QUEUED' }
}

/** `POST /pipelines/{id}/run`: the pipeline's input values are defaults the request overrides. */
export async function startRun(
  services: Services,
  scope: { organizationId: string; userId: string },
  pipelineId: string,
  requestInputs: Record<string, unknown>,
): Promise<RunPipelineResponse> {
  const pipeline = await requirePipeline(services.db, scope.organizationId, pipelineId)
  const inputs = { ...pipeline.inputs, ...requestInputs }
  await assertPipelineRunnable(services, pipeline, inputs)
  return createRun(
    services,
    {
      pipelineId,
      organizationId: scope.organizationId,
      userId: scope.userId,
      inputs,
      retryOf: null,
    },
    (runId, at) =>
      pipeline.nodes.map((node) => ({
        runId,
        step: node.step,
        name: node.name,
        capabilityId: node.endpoints[0]?.capability_id ?? null,
        actionId: node.endpoints[0]?.action_id ?? null,
        predecessors: node.input_connected_from,
        externalInputs: node.external_inputs,
        inputTypes: node.input_data_type_from_previous,
        // Recorded when the step runs: a step that never starts shows none, as in the seed.
        method: null,
        status: 'PENDING',
        createdAt: at,
        updatedAt: at,
      })),
  )
}

/**
 * A new run of a failed one (`retry_of`): steps that succeeded keep their records and outputs,
 * the rest start again from PENDING, so the run resumes at the failed step.
 */
export async function retryRun(
  services: Services,
  scope: { organizationId: string; userId: string },
  runId: string,
  inputOverrides: Record<string, unknown>,
): Promise<RunPipelineResponse> {
  const previous = await requireRun(services.db, scope.organizationId, runId)
  if (previous.run.status !== 'FAILED' && previous.run.status !== 'PARTIAL_FAILED') {
    throw conflict('Only a FAILED or PARTIAL_FAILED execution can be retried')
  }
  const pipeline = await requirePipeline(services.db, scope.organizationId, previous.run.pipelineId)
  const inputs = { ...previous.run.inputs, ...inputOverrides }
  await assertPipelineRunnable(services, pipeline, inputs)
  return createRun(
    services,
    {
      pipelineId: pipeline.id,
      organizationId: scope.organizationId,
      userId: scope.userId,
      inputs,
      retryOf: previous.run.id,
    },
    (newRunId, at) =>
      previous.steps.map((step) => {
        const wiring = {
          runId: newRunId,
          step: step.step,
          name: step.name,
          capabilityId: step.capabilityId,
          actionId: step.actionId,
          predecessors: step.predecessors,
          externalInputs: step.externalInputs,
          inputTypes: step.inputTypes,
          method: step.method,
          createdAt: at,
          updatedAt: at,
        }
        if (step.status !== 'SUCCEEDED') return { ...wiring, status: 'PENDING' as const }
        return {
          ...wiring,
          status: 'SUCCEEDED' as const,
          reusedFromRunId: step.reusedFromRunId ?? step.runId,
          statusCode: step.statusCode,
          attempt: step.attempt,
          resolvedInputs: step.resolvedInputs,
          acceptedPayload: step.acceptedPayload,
          outputPayload: step.outputPayload,
          requestSnapshot: step.requestSnapshot,
          responseSnapshot: step.responseSnapshot,
          startedAt: step.startedAt,
          finishedAt: step.finishedAt,
          durationMs: step.durationMs,
        }
      }),
  )
}

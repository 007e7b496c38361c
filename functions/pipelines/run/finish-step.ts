import { and, eq } from 'drizzle-orm'
import { pipelineRunSteps, pipelineRuns } from '../../../db/schema/index.ts'
import { withTransaction } from '../../../db/transaction.ts'
import type { Services } from '../../platform/services.ts'
import type { ClaimedStep } from './claim-step.ts'
import type { StepRecord } from './execute-step.ts'
import { recordEvents } from './run-events.ts'
import { loadSteps, lockRun, settleRun } from './settle.ts'

/**
 * Records a step's outcome and settles the run in one transaction under the run's lock. Two
 * predecessors of a join finishing together are serialised by that lock, so the second one sees
 * the first as SUCCEEDED and starts the join: it can be neither missed nor started twice.
 * Returns the steps to publish after commit.
 */
export async function finishStep(
  services: Services,
  claim: ClaimedStep,
  record: StepRecord,
): Promise<number[]> {
  const now = services.clock.now()
  const stepNo = claim.step.step
  return withTransaction(services.db, async (tx) => {
    const run = await lockRun(tx, claim.run.id)
    if (!run) return []
    const startedAt = claim.step.startedAt ?? now
    const [finished] = await tx
      .update(pipelineRunSteps)
      .set({
        status: record.status,
        statusCode: record.statusCode,
        acceptedPayload: record.acceptedPayload,
        outputPayload: record.outputPayload,
        requestSnapshot: record.requestSnapshot,
        responseSnapshot: record.responseSnapshot,
        error: record.error,
        claimToken: null,
        leaseUntil: null,
        finishedAt: now,
        durationMs: Math.max(0, now.getTime() - startedAt.getTime()),
        updatedAt: now,
      })
      .where(
        and(
          eq(pipelineRunSteps.runId, run.id),
          eq(pipelineRunSteps.step, stepNo),
          eq(pipelineRunSteps.status, 'RUNNING'),
          eq(pipelineRunSteps.claimToken, claim.token),
        ),
      )
      .returning()
    // Another delivery took the step over after this one's lease ran out: its outcome counts.
    if (!finished) return []

    if (record.status === 'FAILED' && run.failedStep === null) {
      const error = `Step ${stepNo} failed: ${record.runReason ?? record.error ?? 'unknown error'}`
      await tx
        .update(pipelineRuns)
        .set({ failedStep: stepNo, error, updatedAt: now })
        .where(eq(pipelineRuns.id, run.id))
      Object.assign(run, { failedStep: stepNo, error })
    }
    await recordEvents(
      tx,
      run,
      [
        {
          kind: 'step',
          step: stepNo,
          status: record.status,
          data: {
            attempt: finished.attempt,
            status_code: record.statusCode,
            ...(record.error ? { error: record.error } : {}),
          },
        },
      ],
      now,
    )
    return settleRun(tx, run, await loadSteps(tx, run.id), now, stepNo)
  })
}

/**
 * For a step that is already finished (a redelivered message): settle the run again and return
 * its successors that may start, in case the handler that finished it died before publishing.
 */
export function resumeAfter(services: Services, runId: string, stepNo: number): Promise<number[]> {
  const now = services.clock.now()
  return withTransaction(services.db, async (tx) => {
    const run = await lockRun(tx, runId)
    if (!run) return []
    return settleRun(tx, run, await loadSteps(tx, runId), now, stepNo)
  })
}

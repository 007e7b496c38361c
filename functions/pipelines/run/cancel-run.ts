import { eq } from 'drizzle-orm'
import { pipelineRuns } from '../../../db/schema/index.ts'
import { withTransaction } from '../../../db/transaction.ts'
import { conflict, notFound } from '../../platform/errors.ts'
import type { Services } from '../../platform/services.ts'
import { RUN_NOT_FOUND } from '../executions.ts'
import { isFinished, loadSteps, lockRun, settleRun } from './settle.ts'

/**
 * Stops a run: pending steps become SKIPPED at once; a step already calling its service finishes
 * first, then the run ends. The contract has no CANCELLED status, so a cancelled run ends FAILED
 * (or PARTIAL_FAILED when some steps succeeded) with `error` "Run cancelled" and
 * `summary.cancelled`.
 */
export async function cancelRun(
  services: Services,
  organizationId: string,
  runId: string,
): Promise<void> {
  const now = services.clock.now()
  await withTransaction(services.db, async (tx) => {
    const run = await lockRun(tx, runId)
    if (!run || run.organizationId !== organizationId) throw notFound(RUN_NOT_FOUND)
    if (isFinished(run.status)) throw conflict('Execution already finished')
    if (run.cancelRequested) return
    await tx
      .update(pipelineRuns)
      .set({ cancelRequested: true, updatedAt: now })
      .where(eq(pipelineRuns.id, runId))
    run.cancelRequested = true
    await settleRun(tx, run, await loadSteps(tx, runId), now, null)
  })
}

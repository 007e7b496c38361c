import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Transaction } from '../../../db/database.ts'
import {
  type PipelineRunRow,
  type PipelineRunStepRow,
  pipelineRunSteps,
  pipelineRuns,
  type RunStatusValue,
} from '../../../db/schema/index.ts'
import { type RunEvent, recordEvents } from './run-events.ts'
import { startable, successorsOf, tally } from './step-graph.ts'

export const RUN_CANCELLED = 'Run cancelled'

export const RUN_FINISHED_STATUSES: readonly string[] = ['SUCCEEDED', 'FAILED', 'PARTIAL_FAILED']

export const isFinished = (status: RunStatusValue) => RUN_FINISHED_STATUSES.includes(status)

/** Nothing new starts once a step failed or a cancel came in. */
export const isStopping = (run: PipelineRunRow) =>
  run.failedStep !== null || run.cancelRequested || isFinished(run.status)

/** The run's row, locked until the transaction ends: every transition of a run goes one at a time. */
export async function lockRun(tx: Transaction, runId: string): Promise<PipelineRunRow | null> {
  const [run] = await tx.select().from(pipelineRuns).where(eq(pipelineRuns.id, runId)).for('update')
  return run ?? null
}

export function loadSteps(tx: Transaction, runId: string): Promise<PipelineRunStepRow[]> {
  return tx
    .select()
    .from(pipelineRunSteps)
    .where(eq(pipelineRunSteps.runId, runId))
    .orderBy(asc(pipelineRunSteps.step))
}

function skipText(run: PipelineRunRow): string {
  return run.failedStep !== null
    ? `Skipped: run stopped after failure at step ${run.failedStep}`
    : 'Skipped: run cancelled'
}

function finalStatus(steps: readonly PipelineRunStepRow[]): RunStatusValue {
  if (steps.every((step) => step.status === 'SUCCEEDED')) return 'SUCCEEDED'
  return steps.some((step) => step.status === 'SUCCEEDED') ? 'PARTIAL_FAILED' : 'FAILED'
}

/**
 * Brings a run up to date after a step changed (the caller holds the run lock and passes the
 * steps as they now are): a stopping run skips its pending steps; a run with nothing pending or
 * running gets its final status, error and summary. Returns the successors of `after` that may
 * start now, which the caller publishes once the transaction has committed.
 */
export async function settleRun(
  tx: Transaction,
  run: PipelineRunRow,
  steps: PipelineRunStepRow[],
  at: Date,
  after: number | null,
): Promise<number[]> {
  const events: RunEvent[] = []
  if (isStopping(run)) {
    const pending = steps.filter((step) => step.status === 'PENDING')
    if (pending.length > 0) {
      const error = skipText(run)
      await tx
        .update(pipelineRunSteps)
        .set({ status: 'SKIPPED', error, updatedAt: at })
        .where(
          and(
            eq(pipelineRunSteps.runId, run.id),
            inArray(
              pipelineRunSteps.step,
              pending.map((step) => step.step),
            ),
          ),
        )
      for (const step of pending) {
        step.status = 'SKIPPED'
        events.push({ kind: 'step', step: step.step, status: 'SKIPPED', data: { error } })
      }
    }
  }
  const open = steps.some((step) => step.status === 'PENDING' || step.status === 'RUNNING')
  if (open || isFinished(run.status)) {
    await recordEvents(tx, run, events, at)
    if (isStopping(run) || after === null) return []
    return startable(steps, successorsOf(after, steps))
  }
  const status = finalStatus(steps)
  const summary = { ...tally(steps), ...(run.cancelRequested ? { cancelled: true } : {}) }
  const error = run.error ?? (run.cancelRequested ? RUN_CANCELLED : null)
  await tx
    .update(pipelineRuns)
    .set({ status, summary, error, finishedAt: at, updatedAt: at })
    .where(eq(pipelineRuns.id, run.id))
  Object.assign(run, { status, summary, error, finishedAt: at })
  events.push({ kind: 'run', status, data: { error, summary } })
  await recordEvents(tx, run, events, at)
  return []
}

import { and, eq } from 'drizzle-orm'
import {
  type PipelineRunRow,
  type PipelineRunStepRow,
  pipelineRunSteps,
  pipelineRuns,
} from '../../../db/schema/index.ts'
import { withTransaction } from '../../../db/transaction.ts'
import type { Services } from '../../platform/services.ts'
import { type CallableAction, findActionById } from '../../services/callable-action.ts'
import { presentCapability } from '../../services/capabilities.ts'
import { catalogFromCapabilities } from '../planning/index.ts'
import type { CatalogAction } from '../planning/types.ts'
import { MAX_ATTEMPTS, maxWaitMs } from './retry-policy.ts'
import { type RunEvent, recordEvents } from './run-events.ts'
import { isStopping, loadSteps, lockRun } from './settle.ts'
import { canStart, resolveStepInputs } from './step-graph.ts'

export const DEFAULT_TIMEOUT_MS = 30_000
const LEASE_MARGIN_MS = 30_000

export type ClaimedStep = {
  kind: 'claimed'
  run: PipelineRunRow
  step: PipelineRunStepRow
  token: string
  callable: CallableAction | null
  timeoutMs: number
}

/**
 * - claimed: this delivery runs the step.
 * - busy: another delivery holds an unexpired lease; look again when it runs out.
 * - settled: nothing to run (already finished, run stopping, not ready): make sure what should
 *   follow has happened — this is how a redelivery after a crash resumes the run.
 * - gone: the run no longer exists.
 */
export type Claim =
  | ClaimedStep
  | { kind: 'busy'; leaseUntil: Date }
  | { kind: 'settled' }
  | { kind: 'gone' }

export function catalogActionOf(callable: CallableAction | null): CatalogAction | null {
  if (!callable) return null
  const [action] = catalogFromCapabilities([
    presentCapability(callable.capability, [callable.action]),
  ])
  return action ?? null
}

/**
 * The lease outlives every attempt the handler may make, so a live handler never loses its step;
 * a dead one's step becomes claimable again when the lease runs out.
 */
function leaseMs(timeoutMs: number, backoffMs: number): number {
  return MAX_ATTEMPTS * (timeoutMs + maxWaitMs(backoffMs)) + LEASE_MARGIN_MS
}

/**
 * Claims a step with a conditional update under the run's lock: PENDING (all predecessors
 * succeeded) → RUNNING, or a RUNNING step whose lease expired. A duplicate delivery finds it
 * RUNNING or finished and claims nothing.
 */
export async function claimStep(services: Services, runId: string, stepNo: number): Promise<Claim> {
  const now = services.clock.now()
  return withTransaction(services.db, async (tx): Promise<Claim> => {
    const run = await lockRun(tx, runId)
    if (!run) return { kind: 'gone' }
    const steps = await loadSteps(tx, runId)
    const step = steps.find((candidate) => candidate.step === stepNo)
    if (!step) return { kind: 'gone' }
    if (step.status === 'RUNNING' && step.leaseUntil && step.leaseUntil > now) {
      return { kind: 'busy', leaseUntil: step.leaseUntil }
    }
    // A step whose handler died was in flight: it may finish even if the run is stopping
    // (otherwise the run would wait for it forever); nothing new starts once the run stops.
    const abandoned = step.status === 'RUNNING'
    if (!abandoned && (isStopping(run) || !canStart(step, steps))) return { kind: 'settled' }

    const callable = step.actionId
      ? await findActionById(tx, run.organizationId, step.actionId)
      : null
    const timeoutMs = callable?.action.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const token = services.ids.uuid()
    const resolvedInputs = resolveStepInputs(run.inputs, step, steps, catalogActionOf(callable))
    const [claimed] = await tx
      .update(pipelineRunSteps)
      .set({
        status: 'RUNNING',
        // The first HTTP attempt is counted here; executeStep counts the retries.
        attempt: step.attempt + 1,
        claimToken: token,
        leaseUntil: new Date(
          now.getTime() + leaseMs(timeoutMs, services.env.PIPELINE_RETRY_BACKOFF_MS),
        ),
        startedAt: step.startedAt ?? now,
        resolvedInputs,
        method: callable?.action.method ?? step.method,
        updatedAt: now,
      })
      .where(
        and(
          eq(pipelineRunSteps.runId, runId),
          eq(pipelineRunSteps.step, stepNo),
          eq(pipelineRunSteps.status, step.status),
        ),
      )
      .returning()
    if (!claimed) return { kind: 'settled' }

    const events: RunEvent[] = []
    if (run.status === 'QUEUED') {
      await tx
        .update(pipelineRuns)
        .set({ status: 'RUNNING', startedAt: now, updatedAt: now })
        .where(eq(pipelineRuns.id, runId))
      Object.assign(run, { status: 'RUNNING', startedAt: now })
      events.push({ kind: 'run', status: 'RUNNING' })
    }
    events.push({
      kind: 'step',
      step: stepNo,
      status: 'RUNNING',
      data: abandoned ? { resumed: true } : {},
    })
    await recordEvents(tx, run, events, now)
    return { kind: 'claimed', run, step: claimed, token, callable, timeoutMs }
  })
}

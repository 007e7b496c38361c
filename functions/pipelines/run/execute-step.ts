import { and, eq, sql } from 'drizzle-orm'
import { pipelineRunSteps } from '../../../db/schema/index.ts'
import type { Services } from '../../platform/services.ts'
import { unsealHeaders } from '../../services/callable-action.ts'
import { callHttpAction, type HttpCallResult } from '../../services/http-call.ts'
import type { ClaimedStep } from './claim-step.ts'
import { MAX_ATTEMPTS, retryWaitMs } from './retry-policy.ts'
import { ACTION_GONE, judgeCall } from './step-failure.ts'

/** What a finished step records. */
export type StepRecord = {
  status: 'SUCCEEDED' | 'FAILED'
  statusCode: number | null
  acceptedPayload: unknown
  outputPayload: unknown
  requestSnapshot: Record<string, unknown> | null
  responseSnapshot: Record<string, unknown> | null
  error: string | null
  /** After "Step N failed: " in the run's error. */
  runReason: string | null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function recordOf(result: HttpCallResult, verdict: ReturnType<typeof judgeCall>): StepRecord {
  const answered = result.kind === 'response'
  return {
    status: verdict.ok ? 'SUCCEEDED' : 'FAILED',
    statusCode: answered ? result.statusCode : null,
    acceptedPayload: result.acceptedPayload,
    outputPayload: answered ? result.body : null,
    requestSnapshot: result.requestSnapshot,
    responseSnapshot: answered ? { status_code: result.statusCode, body: result.body } : null,
    error: verdict.ok ? null : verdict.stepError,
    runReason: verdict.ok ? null : verdict.runReason,
  }
}

/**
 * Counts an attempt on the step, fenced by the claim token: false when another delivery took the
 * step over (this one's lease ran out), which must then stop.
 */
async function countAttempt(services: Services, claim: ClaimedStep): Promise<boolean> {
  const updated = await services.db
    .update(pipelineRunSteps)
    .set({ attempt: sql`${pipelineRunSteps.attempt} + 1`, updatedAt: services.clock.now() })
    .where(
      and(
        eq(pipelineRunSteps.runId, claim.run.id),
        eq(pipelineRunSteps.step, claim.step.step),
        eq(pipelineRunSteps.claimToken, claim.token),
      ),
    )
    .returning({ attempt: pipelineRunSteps.attempt })
  return updated.length > 0
}

/**
 * Calls the step's action: network errors, timeouts, 429 and 5xx are retried with backoff, up to
 * three attempts in all (a step resumed after a crash only gets what is left, but at least one).
 * Returns null when the claim was lost midway.
 */
export async function executeStep(
  services: Services,
  claim: ClaimedStep,
): Promise<StepRecord | null> {
  if (!claim.callable) {
    return {
      status: 'FAILED',
      statusCode: null,
      acceptedPayload: null,
      outputPayload: null,
      requestSnapshot: null,
      responseSnapshot: null,
      error: ACTION_GONE.stepError,
      runReason: ACTION_GONE.runReason,
    }
  }
  const { action, capability } = claim.callable
  const headers = await unsealHeaders(services.secrets, capability)
  const backoffMs = services.env.PIPELINE_RETRY_BACKOFF_MS
  // The claim counted this delivery's first attempt; earlier deliveries' attempts count too.
  const before = claim.step.attempt - 1
  const attempts = Math.max(1, MAX_ATTEMPTS - before)
  for (let attempt = 1; ; attempt += 1) {
    if (attempt > 1 && !(await countAttempt(services, claim))) return null
    const result = await callHttpAction({
      baseUrl: capability.baseUrl,
      method: action.method,
      path: action.path,
      headers,
      input: claim.step.resolvedInputs ?? {},
      idempotencyKey: `${claim.run.id}:${claim.step.step}`,
      timeoutMs: claim.timeoutMs,
    })
    const verdict = judgeCall(result)
    if (verdict.ok || !verdict.retryable || attempt >= attempts) return recordOf(result, verdict)
    const retryAfterMs = result.kind === 'response' ? result.retryAfterMs : null
    services.log.warn('pipeline.step_retry', {
      runId: claim.run.id,
      step: claim.step.step,
      attempt: before + attempt,
      error: verdict.stepError,
    })
    await sleep(retryWaitMs(attempt, backoffMs, retryAfterMs))
  }
}

import { eq } from 'drizzle-orm'
import { scenarioContinuations } from '../../../db/schema/index.ts'
import type { Services } from '../../platform/services.ts'
import { tenantRuntime } from '../../tenants/tenant-runtime.ts'
import { tenantScenarioIndex } from '../store/tenant-scenarios.ts'
import { type ContinuationState, persistPause } from './pause.ts'
import { runMatched } from './process-event.ts'
import { resumeFrames } from './run-scenario.ts'
import { createRuntime, newChain } from './runtime.ts'
import type { Data, EventResult, Frame } from './types.ts'

/**
 * The `scenario-continue` job: claims the paused execution by deleting it (a repeated or second
 * wake-up finds nothing), then continues its frames and the event's remaining scenarios.
 */
export async function resumeContinuation(
  services: Services,
  continuationId: string,
): Promise<EventResult | null> {
  const [row] = await services.db
    .delete(scenarioContinuations)
    .where(eq(scenarioContinuations.id, continuationId))
    .returning({ state: scenarioContinuations.state })
  if (!row) return null
  const state = row.state as ContinuationState
  const config = (await tenantRuntime(services, state.tenantId))?.config ?? {}
  const runtime = createRuntime(services, {
    tenantId: state.tenantId,
    organizationId: state.organizationId,
    index: await tenantScenarioIndex(services, state.tenantId),
    timeZone: state.timeZone,
    config,
    stepsUsed: state.stepsUsed,
    resumedWait: state.wait
      ? { actionId: state.wait.actionId, deadline: new Date(state.wait.deadline) }
      : null,
  })
  const withConfig = (data: Data): Data => ({ ...data, _config: config })
  const event = withConfig(state.event)
  const frames: Frame[] = state.frames.map((frame) => ({
    ...frame,
    data: withConfig(frame.data),
    ...(frame.call ? { call: { ...frame.call, data: withConfig(frame.call.data) } } : {}),
  }))
  const result: EventResult = { matched: [], runs: runtime.runs, warnings: runtime.warnings }
  if (frames.length > 0) {
    const chain = newChain(runtime, state.executionId, state.asyncHandles)
    let outcome: Awaited<ReturnType<typeof resumeFrames>>
    try {
      outcome = await resumeFrames(chain, frames)
    } catch (error) {
      // The claim is gone, so a retry would find nothing: record the failure instead of throwing.
      services.log.error('scenario.resume_failed', { tenantId: state.tenantId, error })
      return { ...result, error: 'internal error' }
    }
    if (outcome.kind === 'suspended') {
      await persistPause(runtime, {
        executionId: state.executionId,
        event,
        frames: outcome.frames,
        asyncHandles: chain.asyncHandles,
        remaining: state.remaining,
      })
      return { ...result, suspended: true }
    }
    if (outcome.result === 'error') result.error = outcome.error ?? 'error'
    if (outcome.result === 'stop' || runtime.exhausted) return result
  }
  return runMatched(runtime, event, state.remaining, result)
}

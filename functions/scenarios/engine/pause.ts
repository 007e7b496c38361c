import { scenarioContinuations } from '../../../db/schema/index.ts'
import { type AsyncHandle, CONTINUE_TOPIC, readAsyncAction } from './async-actions.ts'
import type { EventRuntime } from './runtime.ts'
import type { Data, Frame } from './types.ts'

/**
 * A paused execution as plain JSON. Frames carry their scenarios' definitions, so a resync while it
 * sleeps cannot shift the step it resumes at; `_config` is left out (it holds secrets) and reloaded.
 */
export type ContinuationState = {
  version: 1
  tenantId: number
  organizationId: string
  timeZone: string
  executionId: string
  event: Data
  frames: Frame[]
  asyncHandles: Record<string, AsyncHandle>
  /** Matched scenarios of the event still to run after this chain. */
  remaining: string[]
  stepsUsed: number
  wait: { actionId: string; deadline: string } | null
}

function withoutConfig(data: Data): Data {
  const { _config: _secrets, ...rest } = data
  return rest
}

function storedFrame(frame: Frame): Frame {
  return {
    ...frame,
    data: withoutConfig(frame.data),
    ...(frame.call ? { call: { ...frame.call, data: withoutConfig(frame.call.data) } } : {}),
  }
}

export type PauseInput = {
  executionId: string
  event: Data
  frames: Frame[]
  asyncHandles: Record<string, AsyncHandle>
  remaining: string[]
}

/**
 * Stores the paused execution and queues its `scenario-continue` job for when the sleep ends or the
 * wait times out; a wait is also woken when its action finishes (by the async job, or here when it
 * finished while this execution was pausing).
 */
export async function persistPause(runtime: EventRuntime, input: PauseInput): Promise<void> {
  const { services } = runtime
  const id = services.ids.uuid()
  const now = services.clock.now()
  const wait = runtime.waiting
  const resumeAt = wait?.deadline ?? runtime.delayUntil ?? now
  const state: ContinuationState = {
    version: 1,
    tenantId: runtime.tenantId,
    organizationId: runtime.organizationId,
    timeZone: runtime.timeZone,
    executionId: input.executionId,
    event: withoutConfig(input.event),
    frames: input.frames.map(storedFrame),
    asyncHandles: input.asyncHandles,
    remaining: input.remaining,
    stepsUsed: runtime.stepsUsed,
    wait: wait ? { actionId: wait.actionId, deadline: wait.deadline.toISOString() } : null,
  }
  await services.db.insert(scenarioContinuations).values({
    id,
    tenantId: runtime.tenantId,
    executionId: input.executionId,
    waitingFor: wait?.actionId ?? null,
    state,
    resumeAt,
    createdAt: now,
  })
  const delaySeconds = Math.max(0, Math.ceil((resumeAt.getTime() - now.getTime()) / 1000))
  await services.queue.publish(
    CONTINUE_TOPIC,
    { continuation_id: id },
    { delaySeconds, deduplicationId: `scenario-continue:${id}:at` },
  )
  if (wait) {
    const action = await readAsyncAction(services, wait.executionId, wait.actionId)
    if (action?.status === 'done') {
      await services.queue.publish(
        CONTINUE_TOPIC,
        { continuation_id: id },
        { deduplicationId: `scenario-continue:${id}:ready` },
      )
    }
  }
}

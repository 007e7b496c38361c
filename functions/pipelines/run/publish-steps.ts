import type { Services } from '../../platform/services.ts'

export const PIPELINE_STEP_TOPIC = 'pipeline-step'

export type StepMessage = { run_id: string; step: number }

/**
 * One queue message per step, deduplicated by `{run_id}:{step}`: two predecessors or a
 * redelivery publishing the same step enqueue it once.
 */
export async function publishSteps(
  services: Services,
  runId: string,
  steps: readonly number[],
): Promise<void> {
  await Promise.all(
    steps.map((step) =>
      services.queue.publish(PIPELINE_STEP_TOPIC, { run_id: runId, step } satisfies StepMessage, {
        deduplicationId: `${runId}:${step}`,
      }),
    ),
  )
}

/** Looks at a step again when its lease runs out (its handler may have died). */
export async function publishLeaseCheck(
  services: Services,
  message: StepMessage,
  leaseUntil: Date,
): Promise<void> {
  const waitMs = leaseUntil.getTime() - services.clock.now().getTime()
  await services.queue.publish(PIPELINE_STEP_TOPIC, message, {
    delaySeconds: Math.max(1, Math.ceil(waitMs / 1000) + 1),
    deduplicationId: `${message.run_id}:${message.step}:lease:${leaseUntil.getTime()}`,
  })
}

import type { Services } from '../../platform/services.ts'
import { claimStep } from './claim-step.ts'
import { executeStep } from './execute-step.ts'
import { finishStep, resumeAfter } from './finish-step.ts'
import { publishLeaseCheck, publishSteps, type StepMessage } from './publish-steps.ts'

/**
 * One `pipeline-step` delivery. The message is acknowledged only after the successors are
 * published, so a crash anywhere leads to a redelivery, which either finds the step to run
 * (its lease ran out) or finds it finished and publishes what follows.
 */
export async function handleStepMessage(services: Services, message: StepMessage): Promise<void> {
  const claim = await claimStep(services, message.run_id, message.step)
  switch (claim.kind) {
    case 'gone':
      return
    case 'busy':
      await publishLeaseCheck(services, message, claim.leaseUntil)
      return
    case 'settled':
      await publishSteps(
        services,
        message.run_id,
        await resumeAfter(services, message.run_id, message.step),
      )
      return
    case 'claimed': {
      const record = await executeStep(services, claim)
      if (!record) return
      const next = await finishStep(services, claim, record)
      await publishSteps(services, message.run_id, next)
      return
    }
  }
}

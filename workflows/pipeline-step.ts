import { z } from 'zod'
import { handleStepMessage } from '../functions/pipelines/run/handle-step.ts'
import { PIPELINE_STEP_TOPIC } from '../functions/pipelines/run/publish-steps.ts'
import { defineTopic } from './topic.ts'

/** Runs one step of a pipeline run and starts the steps it unblocks. */
export const pipelineStepTopic = defineTopic({
  name: PIPELINE_STEP_TOPIC,
  payload: z.object({ run_id: z.guid(), step: z.number().int() }),
  handle: (payload, services) => handleStepMessage(services, payload),
})

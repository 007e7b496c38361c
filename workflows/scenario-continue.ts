import { z } from 'zod'
import { CONTINUE_TOPIC } from '../functions/scenarios/engine/async-actions.ts'
import { resumeContinuation } from '../functions/scenarios/engine/resume.ts'
import { defineTopic } from './topic.ts'

/** A paused scenario execution (long sleep, wait_for_action) continues from its stored state. */
export const scenarioContinueTopic = defineTopic({
  name: CONTINUE_TOPIC,
  payload: z.object({ continuation_id: z.uuid() }),
  async handle(payload, services) {
    await resumeContinuation(services, payload.continuation_id)
  },
})

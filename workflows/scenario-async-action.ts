import { z } from 'zod'
import { ASYNC_TOPIC, runAsyncAction } from '../functions/scenarios/engine/async-actions.ts'
import { defineTopic } from './topic.ts'

/** An `async: true` scenario step: runs its action and stores the outcome for `wait_for_action`. */
export const scenarioAsyncActionTopic = defineTopic({
  name: ASYNC_TOPIC,
  payload: z.object({
    execution_id: z.uuid(),
    action_id: z.string().min(1),
    launch_id: z.uuid(),
  }),
  async handle(payload, services) {
    await runAsyncAction(services, payload)
  },
})

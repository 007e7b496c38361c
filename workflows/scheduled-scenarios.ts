import { z } from 'zod'
import { runSchedule } from '../functions/scenarios/schedule/run-due.ts'
import { defineTopic } from './topic.ts'

/** One due run of a scheduled scenario, queued by the minute tick. */
export const scheduledScenariosTopic = defineTopic({
  name: 'scheduled-scenarios',
  payload: z.object({ schedule_id: z.number().int(), scheduled_at: z.iso.datetime() }),
  async handle(payload, services) {
    await runSchedule(services, payload.schedule_id, new Date(payload.scheduled_at))
  },
})

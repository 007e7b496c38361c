import type { Services } from '../platform/services.ts'

/**
 * The once-a-minute tick (Workers cron trigger; an interval on Node). Scheduled scenarios hook in here
 * when the bots feature lands; until then there is nothing time-driven to do.
 */
export async function runScheduledTick(services: Services): Promise<void> {
  services.log.debug('scheduled.tick', { at: services.clock.now().toISOString() })
}

import { runBotsTick } from '../bots/tick.ts'
import type { Services } from '../platform/services.ts'

/**
 * The once-a-minute tick (Workers cron trigger; an interval on Node): due scheduled scenarios, and
 * Telegram updates a failure left unprocessed.
 */
export async function runScheduledTick(services: Services): Promise<void> {
  services.log.debug('scheduled.tick', { at: services.clock.now().toISOString() })
  await runBotsTick(services)
}

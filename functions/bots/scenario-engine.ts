import type { Queryable } from '../../db/database.ts'
import type { Services } from '../platform/services.ts'
import {
  processEvent,
  runScheduledScenario as runScheduledInEngine,
} from '../scenarios/engine/process-event.ts'
import { parseScenarioFiles } from '../scenarios/loader/parse-scenario-files.ts'
import type { LoadedScenario } from '../scenarios/loader/types.ts'
import {
  invalidateTenantScenarios,
  replaceStorageGroups,
  replaceTenantScenarios,
  type UserState,
  upsertTenantUser,
} from '../scenarios/store/index.ts'
import type { StorageSeed } from './storage-seed.ts'

/**
 * The one place this feature meets the scenario engine (functions/scenarios/): tenant sync hands it
 * scenario files and storage, the webhook and the scheduler hand it events.
 */

export type ScenarioFile = { path: string; text: string }

export type ScenarioIssue = { file: string; scenario?: string; line?: number; message: string }

/** Scenarios as the engine loaded them, plus what the scheduler needs of each. */
export type ParsedScenarios = {
  loaded: LoadedScenario[]
  schedules: { name: string; schedule: string }[]
  errors: ScenarioIssue[]
}

/** YAML, schema, conditions, placeholders and cron, all checked; nothing loads if anything fails. */
export function parseScenarios(files: ScenarioFile[]): ParsedScenarios {
  const parsed = parseScenarioFiles(files)
  const schedules = parsed.scenarios.flatMap((scenario) =>
    scenario.schedule ? [{ name: scenario.name, schedule: scenario.schedule }] : [],
  )
  return { loaded: parsed.scenarios, schedules, errors: parsed.errors }
}

/** Full replace of the tenant's scenarios, inside the sync transaction. */
export async function replaceScenarios(
  tx: Queryable,
  tenantId: number,
  parsed: ParsedScenarios,
): Promise<void> {
  await replaceTenantScenarios(tx, tenantId, parsed.loaded)
}

/** Replaces the seeded groups of Tenant Storage (others are left alone), inside the sync transaction. */
export async function replaceStorage(
  tx: Queryable,
  tenantId: number,
  seed: StorageSeed,
): Promise<void> {
  await replaceStorageGroups(tx, tenantId, seed)
}

/** Drops whatever the engine caches for a tenant after a sync. */
export async function invalidateScenarioCaches(services: Services, tenantId: number) {
  await invalidateTenantScenarios(services, tenantId)
}

export type EventInput = {
  tenantId: number
  organizationId: string
  event: Record<string, unknown>
  config: Record<string, unknown>
  timezone: string
}

export type EventRun = { matched: number; error?: string }

/** Upserts the user the event is from and returns their current state for the event. */
export async function userStateFor(
  services: Services,
  tenantId: number,
  event: Record<string, unknown>,
): Promise<UserState> {
  const userId = event.user_id
  if (typeof userId !== 'number') return { user_state: null, user_state_expired_at: null }
  const text = (key: string) => (typeof event[key] === 'string' ? (event[key] as string) : null)
  const flag = (key: string) => (typeof event[key] === 'boolean' ? (event[key] as boolean) : null)
  return upsertTenantUser(
    services.db,
    tenantId,
    {
      user_id: userId,
      username: text('username'),
      first_name: text('first_name'),
      last_name: text('last_name'),
      language_code: text('language_code'),
      is_bot: flag('is_bot'),
      is_premium: flag('is_premium'),
    },
    services.clock.now(),
  )
}

/** The event through the tenant's scenarios; what a scenario does never throws here. */
export async function runEvent(services: Services, input: EventInput): Promise<EventRun> {
  const result = await processEvent(services, input)
  return { matched: result.matched.length, ...(result.error ? { error: result.error } : {}) }
}

export async function runScheduledScenario(
  services: Services,
  input: EventInput & { scenarioName: string },
): Promise<EventRun> {
  const result = await runScheduledInEngine(services, input)
  return { matched: result.matched.length, ...(result.error ? { error: result.error } : {}) }
}

import { eq } from 'drizzle-orm'
import { organizations } from '../../../db/schema/index.ts'
import { withTransaction } from '../../../db/transaction.ts'
import type { RecordedCall } from '../../actions/define.ts'
import { findBotOfTenant } from '../../bots/bot-store.ts'
import { parseStorageSeed, type StorageSeed } from '../../bots/storage-seed.ts'
import { notFound, type ValidationItem, validationError } from '../../platform/errors.ts'
import type { Services } from '../../platform/services.ts'
import { tenantRuntime } from '../../tenants/tenant-runtime.ts'
import { processEvent } from '../engine/process-event.ts'
import { buildScenarioIndex, type ScenarioIndex } from '../engine/trigger-index.ts'
import type { EventResult } from '../engine/types.ts'
import { parseScenarioFiles } from '../loader/parse-scenario-files.ts'
import { readYaml } from '../loader/yaml-source.ts'
import { replaceStorageGroups } from '../store/tenant-storage.ts'

export const SIMULATED_SCENARIOS_FILE = 'scenarios.yaml'
const SIMULATED_STORAGE_FILE = 'storage.yaml'

export type SimulationInput = {
  tenantId: number
  organizationId: string
  event: Record<string, unknown>
  scenarios?: string | undefined
  storage?: string | undefined
  userState?: string | null | undefined
}

export type SimulationResult = EventResult & { calls: RecordedCall[] }

/** The organization that is the tenant; 404 when there is none. */
export async function organizationOfTenant(services: Services, tenantId: number): Promise<string> {
  const [organization] = await services.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.tenantId, tenantId))
  if (!organization) throw notFound('Tenant not found')
  return organization.id
}

/** Thrown to roll the simulation's transaction back once its result is captured. */
class SimulationRollback extends Error {}

type Located = { file: string; scenario?: string; line?: number; message: string }

function invalid(field: string, problems: Located[]) {
  const items: (ValidationItem & Located)[] = problems.map((problem) => {
    const at = problem.line !== undefined ? `${problem.file}:${problem.line}` : problem.file
    const scenario = problem.scenario ? `scenario "${problem.scenario}": ` : ''
    return {
      loc: ['body', field],
      msg: `${at}: ${scenario}${problem.message}`,
      type: 'value_error',
      ...problem,
    }
  })
  return validationError(items)
}

function indexOf(yaml: string): ScenarioIndex {
  const parsed = parseScenarioFiles([{ path: SIMULATED_SCENARIOS_FILE, text: yaml }])
  if (parsed.errors.length > 0) throw invalid('scenarios', parsed.errors)
  return buildScenarioIndex(parsed.scenarios)
}

function seedOf(yaml: string): StorageSeed {
  const file = SIMULATED_STORAGE_FILE
  const source = readYaml(yaml)
  if (source.errors.length > 0)
    throw invalid(
      'storage',
      source.errors.map((e) => ({ file, ...e })),
    )
  const seed = parseStorageSeed(source.value)
  if (!seed.ok) {
    throw invalid(
      'storage',
      seed.errors.map((error) => ({
        file,
        line: source.lineOf([]) ?? 1,
        message: `${error.path}: ${error.message}`,
      })),
    )
  }
  return seed.value
}

/**
 * Runs one event through the tenant's scenarios (or the given YAML) without changing anything:
 * everything happens in a transaction that is rolled back, so storage and user-state writes are
 * seen by later steps and then discarded; calls to Telegram and HTTP services are recorded, not made.
 */
export async function simulateEvent(
  services: Services,
  input: SimulationInput,
): Promise<SimulationResult> {
  const index = input.scenarios !== undefined ? indexOf(input.scenarios) : undefined
  const seed = input.storage !== undefined ? seedOf(input.storage) : undefined
  const tenant = await tenantRuntime(services, input.tenantId)
  const calls: RecordedCall[] = []
  const recorder = { record: (call: RecordedCall) => calls.push(call) }
  let captured: EventResult | undefined
  try {
    await withTransaction(services.db, async (tx) => {
      if (seed) await replaceStorageGroups(tx, input.tenantId, seed)
      const bot = await findBotOfTenant(tx, input.tenantId)
      const event: Record<string, unknown> = { event_source: 'telegram', ...input.event }
      if (bot) {
        event.bot_id = bot.botId
        event.system = { bot_id: bot.botId, tenant_id: input.tenantId }
      }
      if (input.userState !== undefined) {
        event.user_state = input.userState
        event.user_state_expired_at = null
      }
      captured = await processEvent(
        { ...services, db: tx },
        {
          tenantId: input.tenantId,
          organizationId: input.organizationId,
          event,
          config: tenant?.config ?? {},
          timezone: tenant?.timezone ?? 'UTC',
          simulation: recorder,
          ...(index ? { index } : {}),
        },
      )
      throw new SimulationRollback('simulation is rolled back')
    })
  } catch (error) {
    if (!(error instanceof SimulationRollback)) throw error
  }
  if (!captured) throw new Error('The simulation produced no result')
  return { ...captured, calls }
}

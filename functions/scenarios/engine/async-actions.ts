import { and, eq, inArray, lt, or } from 'drizzle-orm'
import { scenarioAsyncActions, scenarioContinuations } from '../../../db/schema/index.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import type { Services } from '../../platform/services.ts'
import { tenantRuntime } from '../../tenants/tenant-runtime.ts'
import type { Chain } from './runtime.ts'
import type { Data } from './types.ts'

/** What `_async_action.<id>` holds: `|ready` / `|not_ready` read its status (defaultIsReady). */
export type AsyncHandle = {
  __async_action: true
  id: string
  action: string
  status: 'pending' | 'running' | 'done'
}

export const ASYNC_TOPIC = 'scenario-async-action'
export const CONTINUE_TOPIC = 'scenario-continue'

/** A claimed job that has not finished in this long was lost with its process; it may run again. */
const LEASE_MS = 15 * 60_000
/** Finished outcomes are kept this long, far past any wait that could still read them. */
const KEEP_OUTCOMES_MS = 7 * 24 * 60 * 60_000

export type AsyncJob = { execution_id: string; action_id: string; launch_id: string }

/**
 * Starts an `async: true` step. On the queue, the row is written first, so the outcome has a place to
 * land and `wait_for_action` has something to find; under simulation the action runs at once.
 */
export async function launchAsync(
  chain: Chain,
  actionId: string,
  action: string,
  input: Data,
): Promise<AsyncHandle> {
  const { runtime } = chain
  const { services } = runtime
  if (runtime.simulation) {
    // A caller of its own: the action runs as if from the queue, outside this chain.
    const outcome = await services.actions.invoke(action, input, {
      services,
      caller: {
        kind: 'scenario',
        tenantId: runtime.tenantId,
        organizationId: runtime.organizationId,
      },
      simulation: runtime.simulation,
    })
    chain.simulatedAsync.set(actionId, outcome)
    return { __async_action: true, id: actionId, action, status: 'done' }
  }
  const { _config: _secrets, ...stored } = input
  const launchId = services.ids.uuid()
  const row = {
    executionId: chain.executionId,
    actionId,
    tenantId: runtime.tenantId,
    organizationId: runtime.organizationId,
    action,
    input: stored,
    launchId,
    status: 'pending' as const,
    outcome: null,
    createdAt: services.clock.now(),
    claimedAt: null,
    finishedAt: null,
  }
  await services.db
    .insert(scenarioAsyncActions)
    .values(row)
    .onConflictDoUpdate({
      target: [scenarioAsyncActions.executionId, scenarioAsyncActions.actionId],
      set: row,
    })
  const job: AsyncJob = {
    execution_id: chain.executionId,
    action_id: actionId,
    launch_id: launchId,
  }
  await services.queue.publish(ASYNC_TOPIC, job, { deduplicationId: `scenario-async:${launchId}` })
  return { __async_action: true, id: actionId, action, status: 'pending' }
}

/** Brings the chain's unfinished handles up to date (one query), so `|ready` sees finished actions. */
export async function refreshHandles(chain: Chain): Promise<void> {
  const open = Object.values(chain.asyncHandles).filter((handle) => handle.status !== 'done')
  if (open.length === 0 || chain.runtime.simulation) return
  const rows = await chain.runtime.services.db
    .select({ actionId: scenarioAsyncActions.actionId, status: scenarioAsyncActions.status })
    .from(scenarioAsyncActions)
    .where(
      and(
        eq(scenarioAsyncActions.executionId, chain.executionId),
        inArray(
          scenarioAsyncActions.actionId,
          open.map((handle) => handle.id),
        ),
      ),
    )
  for (const row of rows) {
    const handle = chain.asyncHandles[row.actionId]
    if (handle) chain.asyncHandles[row.actionId] = { ...handle, status: row.status }
  }
}

export async function readAsyncAction(services: Services, executionId: string, actionId: string) {
  const [row] = await services.db
    .select({ status: scenarioAsyncActions.status, outcome: scenarioAsyncActions.outcome })
    .from(scenarioAsyncActions)
    .where(
      and(
        eq(scenarioAsyncActions.executionId, executionId),
        eq(scenarioAsyncActions.actionId, actionId),
      ),
    )
  return row ? { status: row.status, outcome: row.outcome as ActionOutcome | null } : null
}

/**
 * The `scenario-async-action` job: claims the launch (a repeat, or a launch since replaced, finds
 * nothing to claim), runs the action through the registry, stores the outcome, and wakes an execution
 * that is waiting for it.
 */
export async function runAsyncAction(services: Services, job: AsyncJob): Promise<void> {
  const now = services.clock.now()
  const key = and(
    eq(scenarioAsyncActions.executionId, job.execution_id),
    eq(scenarioAsyncActions.actionId, job.action_id),
    eq(scenarioAsyncActions.launchId, job.launch_id),
  )
  const [row] = await services.db
    .update(scenarioAsyncActions)
    .set({ status: 'running', claimedAt: now })
    .where(
      and(
        key,
        or(
          eq(scenarioAsyncActions.status, 'pending'),
          and(
            eq(scenarioAsyncActions.status, 'running'),
            lt(scenarioAsyncActions.claimedAt, new Date(now.getTime() - LEASE_MS)),
          ),
        ),
      ),
    )
    .returning()
  if (!row) return
  const config = (await tenantRuntime(services, row.tenantId))?.config ?? {}
  const input = { ...(row.input as Data), _config: config }
  const outcome = await services.actions.invoke(row.action, input, {
    services,
    caller: { kind: 'scenario', tenantId: row.tenantId, organizationId: row.organizationId },
    idempotencyKey: `${row.executionId}:${row.actionId}:${row.launchId}`,
  })
  await services.db
    .update(scenarioAsyncActions)
    .set({ status: 'done', outcome, finishedAt: services.clock.now() })
    .where(key)
  // Outcomes are read by the execution that launched them, within the hour wait_for_action allows.
  await services.db
    .delete(scenarioAsyncActions)
    .where(lt(scenarioAsyncActions.createdAt, new Date(now.getTime() - KEEP_OUTCOMES_MS)))
  const waiting = await services.db
    .select({ id: scenarioContinuations.id })
    .from(scenarioContinuations)
    .where(
      and(
        eq(scenarioContinuations.executionId, job.execution_id),
        eq(scenarioContinuations.waitingFor, job.action_id),
      ),
    )
  for (const { id } of waiting) {
    await services.queue.publish(
      CONTINUE_TOPIC,
      { continuation_id: id },
      { deduplicationId: `scenario-continue:${id}:ready` },
    )
  }
}

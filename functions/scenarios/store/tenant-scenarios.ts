import { asc, eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/database.ts'
import { tenantScenarios } from '../../../db/schema/index.ts'
import type { Cache } from '../../platform/cache/cache.ts'
import { buildScenarioIndex, type ScenarioIndex } from '../engine/trigger-index.ts'
import type { LoadedScenario } from '../loader/types.ts'

/** Full replace of a tenant's scenarios, in load order; run it inside the sync transaction. */
export async function replaceTenantScenarios(
  tx: Queryable,
  tenantId: number,
  scenarios: readonly LoadedScenario[],
): Promise<void> {
  await tx.delete(tenantScenarios).where(eq(tenantScenarios.tenantId, tenantId))
  const rows = scenarios.map((scenario, position) => ({
    tenantId,
    name: scenario.name,
    file: scenario.file,
    position,
    definition: scenario,
    schedule: scenario.schedule ?? null,
  }))
  for (let start = 0; start < rows.length; start += 200) {
    await tx.insert(tenantScenarios).values(rows.slice(start, start + 200))
  }
}

/** The tenant's scenarios as stored, in load order. */
export async function loadTenantScenarios(
  db: Queryable,
  tenantId: number,
): Promise<LoadedScenario[]> {
  const rows = await db
    .select({ definition: tenantScenarios.definition })
    .from(tenantScenarios)
    .where(eq(tenantScenarios.tenantId, tenantId))
    .orderBy(asc(tenantScenarios.position))
  return rows.map((row) => row.definition as LoadedScenario)
}

/**
 * Compiled indexes, per process (plain data, so a Worker isolate may keep them across requests). The
 * shared cache holds each tenant's current version; a sync deletes it, so every process rebuilds.
 */
const compiled = new Map<number, { version: string; index: ScenarioIndex }>()
const versionKey = (tenantId: number) => `tenant:${tenantId}:scenarios`

type IndexDeps = { db: Queryable; cache: Cache }

export async function tenantScenarioIndex(
  deps: IndexDeps,
  tenantId: number,
): Promise<ScenarioIndex> {
  let version = await deps.cache.get<string>(versionKey(tenantId))
  if (version === null) {
    // A random token, not services.ids: fixed test ids would let two databases share a version.
    await deps.cache.set(versionKey(tenantId), crypto.randomUUID(), { onlyIfAbsent: true })
    version = (await deps.cache.get<string>(versionKey(tenantId))) ?? ''
  }
  const local = compiled.get(tenantId)
  if (local && local.version === version) return local.index
  const index = buildScenarioIndex(await loadTenantScenarios(deps.db, tenantId))
  compiled.set(tenantId, { version, index })
  return index
}

/** Call after the transaction that replaced the scenarios has committed. */
export async function invalidateTenantScenarios(deps: { cache: Cache }, tenantId: number) {
  compiled.delete(tenantId)
  await deps.cache.delete(versionKey(tenantId))
}

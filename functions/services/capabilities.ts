import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import {
  type CapabilityActionRow,
  type CapabilityRow,
  capabilities,
  capabilityActions,
} from '../../db/schema/index.ts'
import { withTransaction } from '../../db/transaction.ts'
import type { Capability, CapabilityCreate } from '../pipelines/schema.ts'
import { conflict, notFound } from '../platform/errors.ts'
import type { Services } from '../platform/services.ts'

export const CAPABILITY_NOT_FOUND = 'Capability not found'

export function presentCapability(row: CapabilityRow, actions: CapabilityActionRow[]): Capability {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    base_url: row.baseUrl,
    header_names: row.headerNames,
    actions: actions.map((action) => ({
      id: action.id,
      capability_id: action.capabilityId,
      name: action.name,
      description: action.description,
      method: action.method,
      path: action.path,
      input_schema: action.inputSchema,
      output_schema: action.outputSchema,
      input_type: action.inputType ?? null,
      output_type: action.outputType,
      external_inputs: action.externalInputs,
      timeout_ms: action.timeoutMs,
    })),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

/** Registers a service and its actions; header values are sealed before they touch the database. */
export async function createCapability(
  services: Services,
  organizationId: string,
  input: CapabilityCreate,
): Promise<Capability> {
  const now = services.clock.now()
  const headerNames = Object.keys(input.headers)
  const sealedHeaders =
    headerNames.length > 0 ? await services.secrets.encrypt(JSON.stringify(input.headers)) : null
  const capabilityId = services.ids.uuid()
  const actionRows = input.actions.map((action, position) => ({
    id: services.ids.uuid(),
    capabilityId,
    organizationId,
    position,
    name: action.name,
    description: action.description,
    method: action.method,
    path: action.path,
    inputSchema: action.input_schema,
    outputSchema: action.output_schema,
    inputType: action.input_type,
    outputType: action.output_type,
    externalInputs: action.external_inputs,
    timeoutMs: action.timeout_ms,
    createdAt: now,
  }))
  const created = await withTransaction(services.db, async (tx) => {
    const [row] = await tx
      .insert(capabilities)
      .values({
        id: capabilityId,
        organizationId,
        name: input.name,
        description: input.description,
        baseUrl: input.base_url,
        headerNames,
        sealedHeaders,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning()
    if (!row) return null
    const actions = await tx.insert(capabilityActions).values(actionRows).returning()
    return { row, actions }
  })
  if (!created) throw conflict(`Capability ${input.name} already exists`)
  return presentCapability(created.row, sortActions(created.actions))
}

const sortActions = (actions: CapabilityActionRow[]) =>
  [...actions].sort((a, b) => a.position - b.position)

async function withActions(db: Database, rows: CapabilityRow[]): Promise<Capability[]> {
  if (rows.length === 0) return []
  const actions = await db
    .select()
    .from(capabilityActions)
    .where(
      inArray(
        capabilityActions.capabilityId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(capabilityActions.position))
  return rows.map((row) =>
    presentCapability(
      row,
      actions.filter((action) => action.capabilityId === row.id),
    ),
  )
}

/** The organization's capabilities in registration order, which is also the planner's order. */
export async function listCapabilities(
  db: Database,
  organizationId: string,
): Promise<Capability[]> {
  const rows = await db
    .select()
    .from(capabilities)
    .where(eq(capabilities.organizationId, organizationId))
    .orderBy(asc(capabilities.createdAt), asc(capabilities.name))
  return withActions(db, rows)
}

export async function getCapability(
  db: Database,
  organizationId: string,
  capabilityId: string,
): Promise<Capability> {
  const rows = await db
    .select()
    .from(capabilities)
    .where(and(eq(capabilities.id, capabilityId), eq(capabilities.organizationId, organizationId)))
  const [capability] = await withActions(db, rows)
  if (!capability) throw notFound(CAPABILITY_NOT_FOUND)
  return capability
}

/** Pipelines that use a deleted capability stop being runnable; past runs keep their records. */
export async function deleteCapability(
  db: Database,
  organizationId: string,
  capabilityId: string,
): Promise<void> {
  const deleted = await db
    .delete(capabilities)
    .where(and(eq(capabilities.id, capabilityId), eq(capabilities.organizationId, organizationId)))
    .returning({ id: capabilities.id })
  if (deleted.length === 0) throw notFound(CAPABILITY_NOT_FOUND)
}

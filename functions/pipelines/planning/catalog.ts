import type { Capability } from '../schema.ts'
import type { CatalogAction } from './types.ts'

/** Flattens registered capabilities into the planner's catalog, keeping registration order. */
export function catalogFromCapabilities(capabilities: readonly Capability[]): CatalogAction[] {
  return capabilities.flatMap((capability) =>
    capability.actions.map((action) => ({
      id: action.id,
      capabilityId: capability.id,
      capabilityName: capability.name,
      name: action.name,
      description: action.description,
      method: action.method,
      path: action.path,
      inputSchema: action.input_schema,
      outputSchema: action.output_schema,
      inputType: action.input_type,
      outputType: action.output_type,
      externalInputs: action.external_inputs,
    })),
  )
}

/** The request's `capability_ids` narrows the catalog; null or absent means every capability. */
export function restrictCatalog(
  catalog: readonly CatalogAction[],
  capabilityIds: readonly string[] | null | undefined,
): CatalogAction[] {
  if (!capabilityIds) return [...catalog]
  const wanted = new Set(capabilityIds.map((id) => id.toLowerCase()))
  return catalog.filter((action) => wanted.has(action.capabilityId.toLowerCase()))
}

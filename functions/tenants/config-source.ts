import type { TenantSource } from '../../db/schema/index.ts'
import { SYSTEM_TENANT_LIMIT } from '../actions/registry.ts'
import type { Services } from '../platform/services.ts'
import { openGithubSnapshot } from './github-source.ts'

/**
 * Where tenant folders come from: the GitHub config repository (`tenant/tenant_<ID>/…`) or the local
 * TENANT_CONFIG_DIR (`tenant_<ID>/…`, Node only). Either is read as a snapshot whose paths start at
 * the tenant folders, so the sync code never knows which one it has.
 */
export type ConfigSnapshot = {
  source: TenantSource
  /** The commit for GitHub; null for a local folder. */
  revision: string | null
  /** Every file, e.g. `tenant_101/bots/telegram.yaml`. */
  paths: string[]
  read(path: string): Promise<string>
}

/** Ids of organizations made by sign-up start here; a config folder can never claim one. */
export const SIGNUP_TENANT_START = 1_000_000

/** The tenant id of a folder name, or null when the name is not `tenant_<ID>` in range. */
export function tenantIdOf(folder: string): number | null {
  const match = /^tenant_(\d{1,7})$/.exec(folder)
  if (!match?.[1]) return null
  const id = Number(match[1])
  return id >= 1 && id < SIGNUP_TENANT_START ? id : null
}

export const isSystemTenant = (tenantId: number) => tenantId < SYSTEM_TENANT_LIMIT

/** Which source a tenant is read from: system tenants only ever locally, others from GitHub when configured. */
export function sourceFor(services: Services, tenantId: number): TenantSource | null {
  const local = services.local?.tenantFiles !== undefined
  if (isSystemTenant(tenantId)) return local ? 'local' : null
  if (services.env.TENANT_REPO) return 'github'
  return local ? 'local' : null
}

/** Reads the listing of one source now. Throws SourceUnavailableError when it cannot be read. */
export async function openSnapshot(
  services: Services,
  source: TenantSource,
): Promise<ConfigSnapshot> {
  if (source === 'github') return openGithubSnapshot(services.env)
  const files = services.local?.tenantFiles
  if (!files) throw new SourceUnavailableError('TENANT_CONFIG_DIR is not available here', false)
  return { source: 'local', revision: null, paths: await files.list(), read: (p) => files.read(p) }
}

/** The tenants a snapshot holds, limited to those this source may provide. */
export function tenantIdsIn(snapshot: ConfigSnapshot, services: Services): number[] {
  const ids = new Set<number>()
  for (const path of snapshot.paths) {
    const id = tenantIdOf(path.split('/')[0] ?? '')
    if (id !== null && sourceFor(services, id) === snapshot.source) ids.add(id)
  }
  return [...ids].sort((a, b) => a - b)
}

/** The source could not be read. `transient`: worth retrying (network, 5xx, rate limit). */
export class SourceUnavailableError extends Error {
  readonly transient: boolean
  constructor(message: string, transient: boolean) {
    super(message)
    this.name = 'SourceUnavailableError'
    this.transient = transient
  }
}

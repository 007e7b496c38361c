import type { ConfigSnapshot } from './config-source.ts'

/** One tenant's files, read from a snapshot, with paths like `tenant_101/scenarios/start.yaml`. */
export type TextFile = { path: string; text: string }

export type TenantFiles = {
  tenantId: number
  /** `bots/telegram.yaml` (or `.yml`); null when the tenant has no bot file. */
  bot: TextFile | null
  /** Other `bots/*.yaml`: messengers we do not support yet; reported, never fatal. */
  otherBots: string[]
  config: TextFile | null
  /** `storage/*.yaml|yml` (not nested), sorted by name so later files win predictably. */
  storage: TextFile[]
  /** `scenarios/**\/*.yaml|yml`, sorted by path. */
  scenarios: TextFile[]
}

const YAML = /\.ya?ml$/

/** Paths under one tenant's folder, relative to it. Empty when the folder is gone. */
export function pathsOf(snapshot: ConfigSnapshot, tenantId: number): string[] {
  const prefix = `tenant_${tenantId}/`
  return snapshot.paths.filter((path) => path.startsWith(prefix)).map((p) => p.slice(prefix.length))
}

export async function readTenantFiles(
  snapshot: ConfigSnapshot,
  tenantId: number,
): Promise<TenantFiles> {
  const prefix = `tenant_${tenantId}/`
  const local = pathsOf(snapshot, tenantId).sort()
  const read = async (path: string): Promise<TextFile> => ({
    path: prefix + path,
    text: await snapshot.read(prefix + path),
  })
  const botPaths = local.filter((p) => /^bots\/[^/]+$/.test(p) && YAML.test(p))
  const telegram = botPaths.find((p) => /^bots\/telegram\.ya?ml$/.test(p))
  const configPath = local.find((p) => /^config\.ya?ml$/.test(p))
  const storagePaths = local.filter((p) => /^storage\/[^/]+$/.test(p) && YAML.test(p))
  const scenarioPaths = local.filter((p) => p.startsWith('scenarios/') && YAML.test(p))
  const [bot, config, storage, scenarios] = await Promise.all([
    telegram ? read(telegram) : null,
    configPath ? read(configPath) : null,
    Promise.all(storagePaths.map(read)),
    Promise.all(scenarioPaths.map(read)),
  ])
  return {
    tenantId,
    bot,
    otherBots: botPaths.filter((p) => p !== telegram).map((p) => prefix + p),
    config,
    storage,
    scenarios,
  }
}

import { LineCounter, parseDocument } from 'yaml'
import { type ConfigIssue, type ConfigResult, readYaml } from '../bots/config-result.ts'
import {
  parseTelegramBotConfig,
  parseTenantConfig,
  type TelegramBotConfig,
  type TenantConfig,
} from '../bots/config-schema.ts'
import {
  type ParsedScenarios,
  parseScenarios,
  type ScenarioIssue,
} from '../bots/scenario-engine.ts'
import { mergeStorageSeeds, parseStorageSeed, type StorageSeed } from '../bots/storage-seed.ts'
import type { TenantFiles, TextFile } from './tenant-files.ts'

/** Everything a tenant's files say, checked; nothing is written until all of it is valid. */
export type ValidTenant = {
  tenantId: number
  bot: TelegramBotConfig | null
  config: TenantConfig | null
  /** Null when the tenant has no storage files (its storage is then left alone). */
  storage: StorageSeed | null
  scenarios: ParsedScenarios
  warnings: string[]
}

export type SyncIssue = ScenarioIssue

export type Validation = { ok: true; tenant: ValidTenant } | { ok: false; issues: SyncIssue[] }

/** `commands[2].scope` → ['commands', 2, 'scope'], to find the key's line in the YAML. */
function pathParts(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''),
  )
}

function lineOf(text: string, path: string): number | undefined {
  if (path === '(root)' || path.startsWith('line ')) return undefined
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const parts = pathParts(path)
  // The deepest node that exists: an unknown or missing key points at its parent.
  for (let depth = parts.length; depth > 0; depth -= 1) {
    const node = document.getIn(parts.slice(0, depth), true) as { range?: [number] } | undefined
    if (node?.range) return lineCounter.linePos(node.range[0]).line
    const pair = document.getIn(parts.slice(0, depth - 1), true) as
      | { items?: { key?: { value?: unknown; range?: [number] } }[] }
      | undefined
    const key = pair?.items?.find((item) => item.key?.value === parts[depth - 1])?.key
    if (key?.range) return lineCounter.linePos(key.range[0]).line
  }
  return undefined
}

function issuesOf(file: TextFile, issues: readonly ConfigIssue[]): SyncIssue[] {
  return issues.map((issue) => {
    const syntax = /^line (\d+), column \d+$/.exec(issue.path)
    const line = syntax ? Number(syntax[1]) : lineOf(file.text, issue.path)
    const where = syntax || issue.path === '(root)' ? '' : `${issue.path}: `
    return {
      file: file.path,
      ...(line !== undefined ? { line } : {}),
      message: `${where}${issue.message}`,
    }
  })
}

function parseFile<T>(
  file: TextFile,
  validate: (input: unknown) => ConfigResult<T>,
  issues: SyncIssue[],
  warnings: string[],
): T | null {
  const yaml = readYaml(file.text)
  if (!yaml.ok) {
    issues.push(...issuesOf(file, yaml.errors))
    return null
  }
  const result = validate(yaml.value)
  if (!result.ok) {
    issues.push(...issuesOf(file, result.errors))
    return null
  }
  for (const warning of result.warnings)
    warnings.push(`${file.path}: ${warning.path}: ${warning.message}`)
  return result.value
}

export function validateTenantFiles(files: TenantFiles): Validation {
  const issues: SyncIssue[] = []
  const warnings = files.otherBots.map(
    (path) => `${path}: only bots/telegram.yaml is supported; this file is ignored`,
  )
  const bot = files.bot ? parseFile(files.bot, parseTelegramBotConfig, issues, warnings) : null
  const config = files.config ? parseFile(files.config, parseTenantConfig, issues, warnings) : null
  const seeds = files.storage.map((file) => parseFile(file, parseStorageSeed, issues, warnings))
  const scenarios = parseScenarios(files.scenarios)
  issues.push(...scenarios.errors)
  if (issues.length > 0) return { ok: false, issues }
  const storage =
    files.storage.length > 0
      ? mergeStorageSeeds(seeds.filter((seed): seed is StorageSeed => seed !== null))
      : null
  return {
    ok: true,
    tenant: { tenantId: files.tenantId, bot, config, storage, scenarios, warnings },
  }
}

const MAX_REPORTED = 20

/** `last_error`: one issue per line, `file:line: scenario "x": message`, at most twenty. */
export function describeSyncIssues(issues: readonly SyncIssue[]): string {
  const lines = issues.slice(0, MAX_REPORTED).map((issue) => {
    const at = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file
    const scenario = issue.scenario ? `scenario "${issue.scenario}": ` : ''
    return `${at}: ${scenario}${issue.message}`
  })
  if (issues.length > MAX_REPORTED) lines.push(`… and ${issues.length - MAX_REPORTED} more`)
  return lines.join('\n')
}

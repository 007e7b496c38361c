import type { z } from 'zod'
import { formatPath } from '../../bots/config-result.ts'
import { checkScenario } from './check-scenario.ts'
import { type RawScenario, scenarioSchema } from './scenario-schema.ts'
import type { LoadedScenario, ScenarioIssue } from './types.ts'
import { readYaml, type YamlSource } from './yaml-source.ts'

export type ScenarioFile = { path: string; text: string }

export type ParsedScenarioFiles = { scenarios: LoadedScenario[]; errors: ScenarioIssue[] }

type Entry = { file: string; source: YamlSource; name: string; value: unknown; line: number }

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function zodProblems(error: z.ZodError): { path: PropertyKey[]; message: string }[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown key' }))
      : [{ path: issue.path, message: issue.message }],
  )
}

/** Every `name: {…}` of every file, or the reasons a file has none. */
function entriesOf(files: readonly ScenarioFile[], errors: ScenarioIssue[]): Entry[] {
  const entries: Entry[] = []
  for (const file of files) {
    const source = readYaml(file.text)
    for (const error of source.errors) errors.push({ file: file.path, ...error })
    if (source.errors.length > 0 || source.value === null || source.value === undefined) continue
    if (!isMapping(source.value)) {
      errors.push({
        file: file.path,
        line: source.lineOf([]) ?? 1,
        message: 'a scenario file must be a mapping of scenario name → scenario',
      })
      continue
    }
    for (const [name, value] of Object.entries(source.value)) {
      entries.push({ file: file.path, source, name, value, line: source.lineOf([name]) ?? 1 })
    }
  }
  return entries
}

/**
 * Loads a tenant's scenario files (sorted by path, which fixes the load order): YAML syntax, the
 * scenario schema, conditions, placeholders, cron, transition targets and name uniqueness across
 * files. Every error names the file, the scenario, the key path and its line. Scenarios load only
 * when there is no error at all, so a sync never applies half a change.
 */
export function parseScenarioFiles(files: readonly ScenarioFile[]): ParsedScenarioFiles {
  const errors: ScenarioIssue[] = []
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const entries = entriesOf(sorted, errors)
  const names = new Set(entries.map((entry) => entry.name))
  const firstSeen = new Map<string, Entry>()
  const scenarios: LoadedScenario[] = []
  for (const entry of entries) {
    const { file, source, name } = entry
    const report = (path: PropertyKey[], message: string) => {
      const line = source.lineOf([name, ...path]) ?? entry.line
      const where = path.length > 0 ? `${formatPath(path)}: ` : ''
      errors.push({ file, scenario: name, line, message: `${where}${message}` })
    }
    const earlier = firstSeen.get(name)
    if (earlier) {
      report([], `duplicate scenario name; first defined in ${earlier.file}:${earlier.line}`)
      continue
    }
    firstSeen.set(name, entry)
    if (!isMapping(entry.value)) {
      report([], 'a scenario must be a mapping (description, trigger, schedule, step)')
      continue
    }
    const parsed = scenarioSchema.safeParse(entry.value)
    if (!parsed.success) {
      for (const problem of zodProblems(parsed.error)) report(problem.path, problem.message)
      continue
    }
    const raw: RawScenario = parsed.data
    const checked = checkScenario(raw, names)
    for (const problem of checked.problems) report(problem.path, problem.message)
    scenarios.push({
      name,
      file,
      line: entry.line,
      ...(raw.description ? { description: raw.description } : {}),
      trigger: checked.trigger,
      ...(raw.schedule ? { schedule: raw.schedule } : {}),
      step: checked.step,
    })
  }
  if (errors.length === 0) return { scenarios, errors }
  const byPlace = (a: ScenarioIssue, b: ScenarioIssue) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0)
  return { scenarios: [], errors: errors.sort(byPlace) }
}

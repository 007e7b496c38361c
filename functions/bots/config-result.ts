import { parseDocument } from 'yaml'
import type { z } from 'zod'

/** One problem in a config file; `path` names the key, e.g. `commands[2].scope`, or `(root)`. */
export type ConfigIssue = { path: string; message: string }

export type ConfigResult<T> =
  | { ok: true; value: T; warnings: ConfigIssue[] }
  | { ok: false; errors: ConfigIssue[] }

export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text === '' ? '(root)' : text
}

function issuesOf(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    // One entry per unknown key, so each typo is reported at its own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'unknown key',
      }))
    }
    return [{ path: formatPath(issue.path), message: issue.message }]
  })
}

/** Validates parsed YAML against a schema; an empty file (null) counts as an empty mapping. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): ConfigResult<z.output<S>> {
  const result = schema.safeParse(input ?? {})
  if (result.success) return { ok: true, value: result.data, warnings: [] }
  return { ok: false, errors: issuesOf(result.error) }
}

/** Reads YAML text; syntax errors are reported as `line L, column C` in place of a key path. */
export function readYaml(text: string): ConfigResult<unknown> {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const position = error.linePos?.[0]
        return {
          path: position ? `line ${position.line}, column ${position.col}` : '(root)',
          message: (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''),
        }
      }),
    }
  }
  return { ok: true, value: document.toJS({ maxAliasCount: 100 }), warnings: [] }
}

/** `bots/telegram.yaml: commands[2].scope: …` lines for logs and the tenant's `last_error`. */
export function describeIssues(file: string, issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => `${file}: ${issue.path}: ${issue.message}`).join('\n')
}

import { checkTemplate } from '../placeholders/check-template.ts'
import { type RenderOptions, renderText } from '../placeholders/index.ts'
import { pyTruthy, toNative } from '../placeholders/python/py-ops.ts'
import { hasBraces, scanPlaceholders } from '../placeholders/scan.ts'
import type { ConditionNode } from './ast.ts'
import { evaluateNode } from './evaluate.ts'
import { ConditionRuntimeError } from './operators.ts'
import { ConditionParser } from './parser.ts'
import { ConditionSyntaxError } from './syntax-error.ts'
import { tokenize } from './tokenizer.ts'

export type { ConditionNode, FieldStep } from './ast.ts'
export { ConditionSyntaxError } from './syntax-error.ts'

/** A parsed condition: reuse it to evaluate many times (e.g. a trigger on every event). */
export type Condition = { source: string; root: ConditionNode; warnings: string[] }

export type ConditionOptions = RenderOptions & {
  /** Render `{…}` placeholders in a condition string before parsing (as `validate` does); default true. */
  placeholders?: boolean
}

/**
 * `matched` is Python truthiness of `value`, which is what Coreness returned: usually a bool, but
 * `$a or $b` yields an operand, and a runtime error yields false. `warnings` says what was ignored or failed.
 */
export type ConditionResult = { matched: boolean; value: unknown; warnings: string[] }

/** Parses a condition (no placeholder rendering). Throws ConditionSyntaxError. */
export function parseCondition(source: string): Condition {
  const trimmed = source.trim().toLowerCase()
  if (trimmed === 'true' || trimmed === 'false') {
    return { source, root: { kind: 'const', value: trimmed === 'true', start: 0 }, warnings: [] }
  }
  const { tokens, warnings } = tokenize(source)
  return { source, root: new ConditionParser(tokens, source).parse(), warnings }
}

/**
 * Evaluates a condition against `values` (the `$field` data). A string is first rendered as a template,
 * textually (so quote string values yourself: `'{_cache.name}' == 'John Doe'`), then parsed: a syntax
 * error in the rendered text throws ConditionSyntaxError. A runtime error gives false plus a warning.
 */
export function evaluateCondition(
  condition: string | Condition,
  values: Record<string, unknown>,
  options: ConditionOptions = {},
): ConditionResult {
  const warnings: string[] = []
  let parsed = condition
  if (typeof parsed === 'string') {
    const onWarning = (message: string) => {
      warnings.push(message)
      options.onWarning?.(message)
    }
    const text =
      options.placeholders !== false && hasBraces(parsed)
        ? renderText(parsed, values, { ...options, onWarning })
        : parsed
    parsed = parseCondition(text)
  }
  warnings.push(...parsed.warnings)
  try {
    const value = toNative(evaluateNode(parsed.root, values))
    return { matched: pyTruthy(value), value, warnings }
  } catch (error) {
    if (!(error instanceof ConditionRuntimeError)) throw error
    warnings.push(`condition failed, treated as false: ${error.message}`)
    return { matched: false, value: false, warnings }
  }
}

/**
 * Load-time check of a condition that may contain placeholders: template problems, then a parse with
 * every placeholder standing in as the number 0 (padded, so positions stay those of `source`).
 */
export function checkCondition(source: string): string[] {
  const problems = checkTemplate(source)
  let masked = ''
  let last = 0
  for (const span of scanPlaceholders(source)) {
    masked += `${source.slice(last, span.start)}0${' '.repeat(span.end - span.start - 1)}`
    last = span.end
  }
  masked += source.slice(last)
  try {
    parseCondition(masked)
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error
    problems.push(error.message)
  }
  return problems
}

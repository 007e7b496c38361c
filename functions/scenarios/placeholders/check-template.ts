import { FORMAT_TYPES } from './modifiers/format.ts'
import { MODIFIERS, parseModifier } from './modifiers/index.ts'
import { compilePyRegex } from './python/py-regex.ts'
import { pyStrip } from './python/py-text.ts'
import { scanPlaceholders, splitSegments } from './scan.ts'

const CASES = ['upper', 'lower', 'title', 'capitalize']
const NESTED = '\u0000'

/** Brace problems: a `}` that closes nothing, a `{` that is never closed. */
function braceProblems(text: string): string[] {
  const problems: string[] = []
  const open: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') open.push(i)
    else if (text[i] === '}' && open.pop() === undefined) {
      problems.push(`unmatched '}' at position ${i}`)
    }
  }
  for (const position of open) problems.push(`unclosed '{' at position ${position}`)
  return problems
}

function paramProblem(name: string, param: string | null): string | undefined {
  if (param === null || param.includes(NESTED)) return undefined
  if (name === 'regex' && param) {
    try {
      compilePyRegex(param)
    } catch (error) {
      return `bad regex '${param}': ${(error as Error).message}`
    }
  }
  if (name === 'format' && param && !FORMAT_TYPES.includes(param))
    return `unknown format '${param}'`
  if (name === 'case' && param && !CASES.includes(param)) return `unknown case '${param}'`
  if (name === 'shift' && !/^[+-]/.test(pyStrip(param)))
    return `shift needs a + or - sign: '${param}'`
  return undefined
}

/** Problems of one placeholder's content; nested placeholders are checked on their own, then masked. */
function contentProblems(content: string, at: number, depth: number, maxDepth: number): string[] {
  if (depth >= maxDepth) return [`placeholder at position ${at} is nested deeper than ${maxDepth}`]
  const problems: string[] = []
  let masked = ''
  let last = 0
  for (const span of scanPlaceholders(content)) {
    problems.push(...contentProblems(span.content, at + 1 + span.start, depth + 1, maxDepth))
    masked += content.slice(last, span.start) + NESTED.repeat(span.end - span.start)
    last = span.end
  }
  masked += content.slice(last)
  const [head, ...modifiers] = splitSegments(masked)
  if (head?.unterminatedQuote) problems.push(`unterminated quote in placeholder at position ${at}`)
  for (const segment of modifiers) {
    const text = pyStrip(segment.text)
    if (segment.unterminatedQuote) {
      problems.push(`unterminated quote in modifier '${text}' at position ${at}`)
    }
    const { name, param } = parseModifier(text)
    if (name.includes(NESTED)) continue
    if (!MODIFIERS.has(name)) {
      problems.push(`unknown modifier '${name}' in placeholder at position ${at}`)
      continue
    }
    const problem = paramProblem(name, param)
    if (problem) problems.push(`${problem} in placeholder at position ${at}`)
  }
  return problems
}

/**
 * Load-time check of a template string: unbalanced braces, unterminated quotes, unknown modifiers, bad
 * regex / format / case / shift parameters and nesting deeper than `maxDepth`. Empty when it is fine.
 */
export function checkTemplate(text: string, maxDepth = 10): string[] {
  const problems = braceProblems(text)
  for (const span of scanPlaceholders(text)) {
    problems.push(...contentProblems(span.content, span.start, 0, maxDepth))
  }
  return problems
}

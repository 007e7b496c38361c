import { applyModifier } from './modifiers/index.ts'
import type { RenderState } from './options.ts'
import { pyStrip } from './python/py-text.ts'
import { pyStr } from './python/python-str.ts'
import { literalOrLookup } from './resolve-path.ts'
import { determineResultType } from './result-type.ts'
import { hasBraces, type Span, scanPlaceholders, splitSegments } from './scan.ts'

/** A placeholder's outcome; `content` is the text after inner placeholders were substituted. */
type Outcome = { resolved: true; value: unknown } | { resolved: false; content: string }

const asText = (outcome: Outcome): string =>
  outcome.resolved ? pyStr(outcome.value) : `{${outcome.content}}`

/** Replaces each placeholder inside `content` by its text (unresolved ones stay as written). */
function substituteInner(content: string, state: RenderState, depth: number): string {
  let out = ''
  let last = 0
  for (const span of scanPlaceholders(content)) {
    out += content.slice(last, span.start) + asText(chain(pyStrip(span.content), state, depth))
    last = span.end
  }
  return out + content.slice(last)
}

/**
 * Coreness `_process_placeholder_chain`: inner placeholders first (textually), then the head (literal or
 * path), recursive expansion when the head's value is itself a template, then each modifier in turn.
 */
function chain(content: string, state: RenderState, depth: number): Outcome {
  if (depth >= state.maxDepth) {
    state.ctx.warn(`placeholder nesting deeper than ${state.maxDepth}: {${content}}`)
    return { resolved: false, content }
  }
  const text = hasBraces(content) ? substituteInner(content, state, depth + 1) : content
  const [head, ...modifiers] = splitSegments(text)
  let value = literalOrLookup(head?.text ?? '', state.values)
  if (typeof value === 'string' && hasBraces(value)) {
    const recursion = { ...state, values: state.recursionValues }
    value = processString(value, recursion, depth + 1)
  }
  for (const modifier of modifiers) value = applyModifier(value, pyStrip(modifier.text), state.ctx)
  if (value === null || value === undefined) return { resolved: false, content: text }
  return { resolved: true, value: determineResultType(value) }
}

/** A placeholder without `|` and without nesting is a plain lookup: no recursive expansion. */
function lookupOnly(field: string, state: RenderState): Outcome {
  const value = literalOrLookup(field, state.values)
  if (value === null || value === undefined) return { resolved: false, content: field }
  return { resolved: true, value: determineResultType(value) }
}

function renderEntire(
  text: string,
  span: Span,
  modifierMode: boolean,
  state: RenderState,
  depth: number,
) {
  const content = pyStrip(span.content)
  if (!modifierMode && !hasBraces(content)) {
    const outcome = lookupOnly(content, state)
    return outcome.resolved ? outcome.value : text
  }
  const outcome = chain(content, state, depth)
  if (outcome.resolved) return outcome.value
  const written = `{${outcome.content}}`
  return written.includes(content) ? text : written
}

function renderInText(
  text: string,
  span: Span,
  modifierMode: boolean,
  state: RenderState,
  depth: number,
) {
  const field = pyStrip(span.content)
  if (modifierMode) return asText(chain(field, state, depth))
  const path = hasBraces(field) ? substituteInner(field, state, depth + 1) : field
  const outcome = lookupOnly(path, state)
  return outcome.resolved ? pyStr(outcome.value) : text.slice(span.start, span.end)
}

/**
 * Coreness `_process_string_optimized`. A string that is exactly one placeholder returns the native value;
 * otherwise every placeholder is rendered as Python text. As in Coreness, when any placeholder of the
 * string has a `|`, all of them take the modifier path (the only path with recursive expansion).
 */
export function processString(text: string, state: RenderState, depth: number): unknown {
  if (!hasBraces(text)) return text
  const spans = scanPlaceholders(text)
  const [first] = spans
  if (first === undefined) return text
  const modifierMode = spans.some((span) => span.content.includes('|'))
  if (spans.length === 1 && first.start === 0 && first.end === text.length) {
    return renderEntire(text, first, modifierMode, state, depth)
  }
  let out = ''
  let last = 0
  for (const span of spans) {
    out += text.slice(last, span.start) + renderInText(text, span, modifierMode, state, depth)
    last = span.end
  }
  return out + text.slice(last)
}

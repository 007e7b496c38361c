import { parameterSchemas, parameterType } from './action-params.ts'
import { isIdentifier, stem, type Token, termsOf, tokenize } from './text-terms.ts'
import type { CatalogAction, PlanInputValue } from './types.ts'

/** What value extraction needs to know about one external parameter. */
export type ParameterSpec = {
  name: string
  type: string
  enumValues: string[]
  minimum: number | null
  maximum: number | null
  /** Terms from the parameter's name and description: the words that announce its value. */
  terms: Set<string>
}

export function parameterSpec(action: CatalogAction, name: string): ParameterSpec {
  const schema = parameterSchemas(action)[name] ?? {}
  const description = typeof schema.description === 'string' ? schema.description : ''
  return {
    name,
    // Undeclared types are treated as text: identifiers and names are what users mostly type.
    type: parameterType(action, name) ?? 'string',
    enumValues: Array.isArray(schema.enum) ? schema.enum.map(String) : [],
    minimum: typeof schema.minimum === 'number' ? schema.minimum : null,
    maximum: typeof schema.maximum === 'number' ? schema.maximum : null,
    terms: termsOf(`${name.replaceAll('_', ' ')} ${description}`),
  }
}

// Run inputs use the English city name (the seed runs with "Berlin" for "в Берлине").
const cities: [string, string[]][] = [
  ['Berlin', ['berlin', 'берлин']],
  ['Moscow', ['moscow', 'москва']],
  ['Saint Petersburg', ['petersburg', 'петербург']],
  ['Paris', ['paris', 'париж']],
  ['London', ['london', 'лондон']],
  ['Rome', ['rome', 'рим']],
  ['Madrid', ['madrid', 'мадрид']],
  ['Barcelona', ['barcelona', 'барселона']],
  ['Prague', ['prague', 'прага']],
  ['Vienna', ['vienna', 'вена']],
  ['Amsterdam', ['amsterdam', 'амстердам']],
  ['Istanbul', ['istanbul', 'стамбул']],
  ['Dubai', ['dubai', 'дубай']],
  ['Tokyo', ['tokyo', 'токио']],
  ['New York', ['york', 'йорк']],
  ['Kazan', ['kazan', 'казань']],
  ['Sochi', ['sochi', 'сочи']],
]
const cityByStem = new Map(cities.flatMap(([name, words]) => words.map((w) => [stem(w), name])))
const placePrepositions = new Set(['в', 'во', 'in', 'at', 'город', 'city'])

/** Converts raw text to the parameter's JSON type; null when it does not fit. */
export function coerceValue(spec: ParameterSpec, raw: string): PlanInputValue | null {
  const text = raw.trim().replace(/^["«']|["»'.,;]$/g, '')
  if (text === '') return null
  if (spec.type === 'integer' || spec.type === 'number') {
    const value = Number(text.replace(',', '.'))
    if (!Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value)))
      return null
    if (spec.minimum !== null && value < spec.minimum) return null
    if (spec.maximum !== null && value > spec.maximum) return null
    return value
  }
  if (spec.type === 'boolean') {
    if (/^(true|yes|да)$/i.test(text)) return true
    if (/^(false|no|нет)$/i.test(text)) return false
    return null
  }
  if (spec.enumValues.length > 0) {
    return spec.enumValues.find((value) => value.toLowerCase() === text.toLowerCase()) ?? null
  }
  return text
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `template_id = x`, `template_id: x`, `template_id x`: the user named the parameter. */
function explicitValue(text: string, spec: ParameterSpec): PlanInputValue | null {
  const pattern = new RegExp(
    `(?:^|[^\\w])${escapeRegExp(spec.name)}\\s*(?:[:=—-]|is|это)?\\s*(["«'][^"»']+["»']|[^\\s,;]+)`,
    'iu',
  )
  const match = pattern.exec(text)
  return match?.[1] ? coerceValue(spec, match[1]) : null
}

/** How many of the spec's terms occur within `radius` tokens before (and after) position i. */
function contextScore(tokens: Token[], i: number, spec: ParameterSpec, after: boolean): number {
  const radius = 2
  let score = 0
  for (let j = Math.max(0, i - radius); j <= Math.min(tokens.length - 1, i + radius); j++) {
    const token = tokens[j]
    if (j === i || !token || (!after && j > i)) continue
    if (spec.terms.has(token.term)) score++
  }
  return score
}

type Candidate = { spec: ParameterSpec; value: PlanInputValue; score: number; position: number }

function candidates(tokens: Token[], spec: ParameterSpec): Candidate[] {
  const found: Candidate[] = []
  const add = (raw: string, score: number, position: number) => {
    const value = coerceValue(spec, raw)
    if (value !== null && score > 0) found.push({ spec, value, score, position })
  }
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1]
    if (spec.type === 'integer' || spec.type === 'number') {
      if (/^\d+(\.\d+)?$/.test(token.text)) add(token.text, contextScore(tokens, i, spec, true), i)
      return
    }
    if (spec.type !== 'string') return
    if (spec.enumValues.some((value) => value.toLowerCase() === token.lower)) add(token.text, 3, i)
    if (spec.terms.has('city')) {
      const city = cityByStem.get(stem(token.text))
      if (city) add(city, 3, i)
      else if (previous && placePrepositions.has(previous.lower) && /^\p{Lu}/u.test(token.text)) {
        add(token.text, 1, i)
      }
      return
    }
    if (isIdentifier(token.text)) {
      const own = [...termsOf(token.text.replaceAll(/[_-]/g, ' '))].filter((t) => spec.terms.has(t))
      add(token.text, contextScore(tokens, i, spec, false) * 2 + own.length, i)
    } else if (previous && spec.terms.has(previous.term) && /^\p{Lu}/u.test(token.text)) {
      add(token.text, 1, i)
    }
  })
  return found
}

/**
 * Values for the given parameters that one message states: explicitly named parameters first,
 * then numbers, identifiers and names matched by the words around them. Each value feeds at most
 * one parameter, best-scoring pairs first.
 */
export function extractValues(
  text: string,
  specs: readonly ParameterSpec[],
): Record<string, PlanInputValue> {
  const values: Record<string, PlanInputValue> = {}
  for (const spec of specs) {
    const value = explicitValue(text, spec)
    if (value !== null) values[spec.name] = value
  }
  const tokens = tokenize(text)
  const pairs = specs
    .filter((spec) => !(spec.name in values))
    .flatMap((spec) => candidates(tokens, spec))
    .sort((a, b) => b.score - a.score || a.position - b.position)
  const usedPositions = new Set<number>()
  for (const { spec, value, position } of pairs) {
    if (spec.name in values || usedPositions.has(position)) continue
    values[spec.name] = value
    usedPositions.add(position)
  }
  return values
}

import { fedParameters, parameterSchemas } from './action-params.ts'
import {
  isCapabilityConcept,
  isConcept,
  isIdentifier,
  isStopWord,
  termsOf,
  tokenize,
} from './text-terms.ts'
import type { CatalogAction } from './types.ts'

/** Two shared terms (say "send" and "email") make an action a plausible goal; one is chance. */
const GOAL_THRESHOLD = 2

function actionTerms(action: CatalogAction): Set<string> {
  const parameters = Object.keys(parameterSchemas(action)).join(' ')
  const names = `${action.name} ${action.capabilityName} ${parameters}`.replaceAll('_', ' ')
  return termsOf(`${names} ${action.description}`)
}

/** How strongly the request text asks for each action (shared terms; naming it outright wins). */
export function scoreActions(text: string, catalog: readonly CatalogAction[]): Map<string, number> {
  const requested = termsOf(text)
  const named = new Set(tokenize(text).map((token) => token.lower))
  const scores = new Map<string, number>()
  for (const action of catalog) {
    let score = 0
    for (const term of actionTerms(action)) if (requested.has(term)) score++
    if (named.has(action.name.toLowerCase())) score += GOAL_THRESHOLD + 1
    scores.set(action.id, score)
  }
  return scores
}

/** Every type an action needs, directly or through any producer chain in the catalog. */
function upstreamTypes(action: CatalogAction, catalog: readonly CatalogAction[]): Set<string> {
  const types = new Set<string>()
  const pending = fedParameters(action).map(([, type]) => type)
  while (pending.length > 0) {
    const type = pending.pop()
    if (type === undefined || types.has(type)) continue
    types.add(type)
    for (const producer of catalog) {
      if (producer.outputType === type) pending.push(...fedParameters(producer).map(([, t]) => t))
    }
  }
  return types
}

/**
 * The action the request is ultimately after: among the plausible ones, the one whose output no
 * other plausible action consumes (the end of the chain), best score first, catalog order on ties.
 */
export function chooseGoal(
  catalog: readonly CatalogAction[],
  scores: ReadonlyMap<string, number>,
): CatalogAction | null {
  const plausible = catalog.filter((action) => (scores.get(action.id) ?? 0) >= GOAL_THRESHOLD)
  const consumed = new Set<string>()
  for (const action of plausible)
    for (const type of upstreamTypes(action, catalog)) consumed.add(type)
  const sinks = plausible.filter((a) => a.outputType === null || !consumed.has(a.outputType))
  const pool = sinks.length > 0 ? sinks : plausible
  let best: CatalogAction | null = null
  for (const action of pool) {
    if (!best || (scores.get(action.id) ?? 0) > (scores.get(best.id) ?? 0)) best = action
  }
  return best
}

export type MissingWord = { word: string; term: string }

/**
 * Words of the request that no action knows about: what a missing capability would do. With
 * `conceptsOnly`, only things a capability would do or handle count, so filler ("сформируй") and
 * modifiers ("за 3 дня") never block a plan that otherwise covers the request.
 */
export function unknownWords(
  text: string,
  catalog: readonly CatalogAction[],
  options: { conceptsOnly: boolean },
): MissingWord[] {
  const known = new Set(catalog.flatMap((action) => [...actionTerms(action)]))
  const words: MissingWord[] = []
  for (const token of tokenize(text)) {
    if (token.text.length < 3 || isStopWord(token.text) || /\d/.test(token.text)) continue
    if (isIdentifier(token.text) || known.has(token.term)) continue
    if (options.conceptsOnly && !isCapabilityConcept(token.term)) continue
    if (!words.some((entry) => entry.term === token.term))
      words.push({ word: token.lower, term: token.term })
  }
  return words
}

/** A missing word as a requirement code: the concept when known ("capability:send"), else the word. */
export function missingCapability(entry: MissingWord): string {
  return `capability:${isConcept(entry.term) ? entry.term : entry.word}`
}

import type { ModifierContext } from './modifiers/index.ts'
import { isDict } from './python/py-ops.ts'

export type RenderOptions = {
  /** IANA zone for naive dates and unix timestamps in `format`, `shift` and `to_*`; default 'UTC'. */
  timeZone?: string
  /**
   * Whether an async-action handle is done, for `ready` / `not_ready`; undefined means "not a handle" (both
   * modifiers then give false). Default: objects with `__async_action` are handles, done unless their
   * `status` is 'pending' or 'running'.
   */
  isReady?: (value: unknown) => boolean | undefined
  /** Nesting and recursive-expansion limit (Coreness `max_nesting_depth`); default 10. */
  maxDepth?: number
  /** Receives what Coreness logs as warnings (failed modifiers, depth limit, unreadable dates). */
  onWarning?: (message: string) => void
  /**
   * Top-level keys invisible while a resolved value is expanded again (the modifier path's recursion).
   * A value can carry text a user typed, e.g. `{event_text|lower}` with "{_config.token}" in the
   * message; hiding secret-bearing roots (the engine hides `_config`) keeps such text from reading them.
   */
  hiddenFromRecursion?: readonly string[]
}

export function defaultIsReady(value: unknown): boolean | undefined {
  if (!isDict(value) || !Object.hasOwn(value, '__async_action')) return undefined
  return value.status !== 'pending' && value.status !== 'running'
}

export type RenderState = {
  values: unknown
  /** What a recursively expanded value is rendered against (values minus hidden roots). */
  recursionValues: unknown
  ctx: ModifierContext
  maxDepth: number
}

function withoutRoots(values: unknown, hidden: readonly string[] | undefined): unknown {
  if (!hidden?.length || !isDict(values)) return values
  return Object.fromEntries(Object.entries(values).filter(([key]) => !hidden.includes(key)))
}

export function renderState(values: unknown, options: RenderOptions = {}): RenderState {
  const warn = options.onWarning ?? (() => {})
  return {
    values,
    recursionValues: withoutRoots(values, options.hiddenFromRecursion),
    maxDepth: options.maxDepth ?? 10,
    ctx: { timeZone: options.timeZone ?? 'UTC', isReady: options.isReady ?? defaultIsReady, warn },
  }
}

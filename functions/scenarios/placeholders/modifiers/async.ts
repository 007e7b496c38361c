import type { Modifier } from './modifier.ts'

/** A value that is not an async-action handle is neither ready nor not ready. */
const ready: Modifier = (value, _param, ctx) => ctx.isReady(value) === true
const notReady: Modifier = (value, _param, ctx) => ctx.isReady(value) === false

export const asyncModifiers: Record<string, Modifier> = { ready, not_ready: notReady }

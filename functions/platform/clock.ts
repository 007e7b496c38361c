/** Time and identity sources, injected so tests can fix them. */
export type Clock = { now(): Date }
export type IdSource = { uuid(): string }

export const systemClock: Clock = { now: () => new Date() }
export const randomIds: IdSource = { uuid: () => crypto.randomUUID() }

/** A clock tests can set and advance. */
export function fixedClock(
  start: Date | string,
): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at)
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms)
    },
  }
}

/** Deterministic UUIDs (version-4 shaped) for tests: 00000000-0000-4000-8000-000000000001, … */
export function sequentialIds(): IdSource {
  let next = 0
  return {
    uuid: () => {
      next += 1
      return `00000000-0000-4000-8000-${next.toString(16).padStart(12, '0')}`
    },
  }
}

/**
 * Random numbers that a seed makes repeatable (same seed, same numbers, on every runtime). Not
 * Python's Mersenne Twister, so a seed gives other numbers than in Coreness, but always the same ones.
 */

/** cyrb128: four 32-bit words from a string. */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

/** sfc32 over the hashed seed: a float in [0, 1). */
function sfc32(seed: string): () => number {
  let [a, b, c, d] = hashSeed(seed)
  return () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

export type Random = { next(): number; int(min: number, max: number): number }

/** A generator from `seed` (any value; compared as text), or an unseeded one. */
export function randomFrom(seed: unknown): Random {
  const next = seed === undefined || seed === null ? Math.random : sfc32(String(seed))
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) }
}

/** `count` distinct items of `items`, in random order (a partial Fisher–Yates shuffle). */
export function sample<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items]
  for (let i = 0; i < count; i++) {
    const j = random.int(i, pool.length - 1)
    const picked = pool[j] as T
    pool[j] = pool[i] as T
    pool[i] = picked
  }
  return pool.slice(0, count)
}

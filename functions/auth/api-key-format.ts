import { randomBytes, sha256Hex, toBase64Url } from '../platform/encoding.ts'

/** Keys look like `rk_<43 chars>`, so they are recognisable in logs and secret scanners, and never JWTs. */
export const API_KEY_PREFIX = 'rk_'

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${toBase64Url(randomBytes(32))}`
}

export const isApiKey = (token: string) => token.startsWith(API_KEY_PREFIX)

export const hashApiKey = (key: string) => sha256Hex(key)

/** Enough of the key to tell keys apart in a list, too little to use. */
export const displayPrefix = (key: string) => key.slice(0, API_KEY_PREFIX.length + 6)

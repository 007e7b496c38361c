import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url } from '../platform/encoding.ts'

// Workers cap PBKDF2 at 100,000 iterations; stored hashes carry their count so it can rise later.
const ITERATIONS = 100_000
const SCHEME = 'pbkdf2_sha256'

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<string> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  )
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    256,
  )
  return toBase64Url(new Uint8Array(bits))
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  return `${SCHEME}$${ITERATIONS}$${toBase64Url(salt)}$${await derive(password, salt, ITERATIONS)}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, expected] = stored.split('$')
  if (scheme !== SCHEME || !iterations || !salt || !expected) return false
  const actual = await derive(password, fromBase64Url(salt), Number(iterations))
  return constantTimeEqual(actual, expected)
}

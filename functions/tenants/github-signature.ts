import { constantTimeEqual } from '../platform/encoding.ts'

/** Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` in constant time. */
export async function verifyGithubSignature(
  secret: string,
  rawBody: string,
  header: string | undefined,
): Promise<boolean> {
  if (!header?.startsWith('sha256=')) return false
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(rawBody))
  const hex = [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return constantTimeEqual(`sha256=${hex}`, header)
}

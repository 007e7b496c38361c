import { fromBase64Url, randomBytes, toBase64Url } from './encoding.ts'

const VERSION = 'v1'

/** Encrypts secrets at rest (bot tokens, service credentials) with AES-256-GCM. */
export type Secrets = {
  encrypt(plaintext: string): Promise<string>
  decrypt(sealed: string): Promise<string>
}

export async function createSecrets(base64Key: string): Promise<Secrets> {
  const raw = fromBase64Url(base64Key)
  if (raw.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes')
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  return {
    async encrypt(plaintext) {
      const iv = randomBytes(12)
      const data = new TextEncoder().encode(plaintext)
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data))
      return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(sealed)}`
    },
    async decrypt(sealed) {
      const [version, iv, body] = sealed.split('.')
      if (version !== VERSION || !iv || !body) throw new Error('Not a sealed secret')
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv) },
        key,
        fromBase64Url(body),
      )
      return new TextDecoder().decode(plain)
    },
  }
}

/** A fresh 32-byte key, base64url: what `npm start` writes to DATA_DIR on first run. */
export function generateEncryptionKey(): string {
  return toBase64Url(randomBytes(32))
}

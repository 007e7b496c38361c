import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../functions/auth/passwords.ts'
import { ConfigError, parseEnv } from '../../functions/platform/env.ts'
import { createSecrets, generateEncryptionKey } from '../../functions/platform/secrets.ts'

describe('configuration', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({
      PORT: 8787,
      HOST: '127.0.0.1',
      DATA_DIR: '.data',
      BOT_UPDATES: 'webhook',
      TENANT_REPO_REF: 'main',
      GITHUB_API_URL: 'https://api.github.com',
    })
  })

  it('fails fast naming each bad variable', () => {
    const attempt = () =>
      parseEnv({ PORT: 'eighty', PUBLIC_BASE_URL: 'not a url', ENCRYPTION_KEY: 'short' })
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      const issues = (error as ConfigError).issues.join('\n')
      expect(issues).toMatch(/^PORT:/m)
      expect(issues).toMatch(/^PUBLIC_BASE_URL:/m)
      expect(issues).toMatch(/^ENCRYPTION_KEY: must be 32 bytes/m)
    }
  })

  it('requires companions: a Redis token with its URL, signing keys and a public URL with QStash', () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN/,
    )
    expect(() => parseEnv({ QSTASH_TOKEN: 't' })).toThrow(
      /QSTASH_CURRENT_SIGNING_KEY[\s\S]*PUBLIC_BASE_URL/,
    )
    expect(() => parseEnv({ OLLAMA_HOST: 'http://127.0.0.1:11434' })).toThrow(/OLLAMA_MODEL/)
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '  ' }).PORT).toBe(8787)
  })
})

describe('secrets at rest', () => {
  it('round-trips with AES-GCM and never repeats a ciphertext', async () => {
    const secrets = await createSecrets(generateEncryptionKey())
    const a = await secrets.encrypt('123456:bot-token')
    const b = await secrets.encrypt('123456:bot-token')
    expect(a).not.toBe(b)
    expect(a).not.toContain('bot-token')
    expect(await secrets.decrypt(a)).toBe('123456:bot-token')
  })

  it('refuses a tampered ciphertext and another key', async () => {
    const secrets = await createSecrets(generateEncryptionKey())
    const sealed = await secrets.encrypt('value')
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`
    await expect(secrets.decrypt(tampered)).rejects.toThrow()
    const other = await createSecrets(generateEncryptionKey())
    await expect(other.decrypt(sealed)).rejects.toThrow()
  })
})

describe('passwords', () => {
  it('hashes with salted PBKDF2-SHA256 and verifies', async () => {
    const hash = await hashPassword('correct horse')
    expect(hash).toMatch(/^pbkdf2_sha256\$100000\$/)
    expect(await hashPassword('correct horse')).not.toBe(hash)
    expect(await verifyPassword('correct horse', hash)).toBe(true)
    expect(await verifyPassword('wrong horse', hash)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
  })
})

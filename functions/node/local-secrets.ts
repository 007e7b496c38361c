import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { generateEncryptionKey } from '../platform/secrets.ts'

const fileSchema = z.object({ jwt_secret: z.string().min(32), encryption_key: z.string().min(43) })

export type LocalSecrets = { jwtSecret: string; encryptionKey: string }

/**
 * Secrets production must be given are generated on first start and kept in DATA_DIR, so `npm start`
 * needs no configuration and tokens stay valid across restarts.
 */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const path = join(dataDir, 'secrets.json')
  try {
    const stored = fileSchema.parse(JSON.parse(await readFile(path, 'utf8')))
    return { jwtSecret: stored.jwt_secret, encryptionKey: stored.encryption_key }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `${path} is unreadable or malformed; fix or delete it (tokens and secrets sealed with it are lost)`,
      )
    }
  }
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    encryptionKey: generateEncryptionKey(),
  }
  await mkdir(dataDir, { recursive: true })
  await writeFile(
    path,
    JSON.stringify(
      { jwt_secret: secrets.jwtSecret, encryption_key: secrets.encryptionKey },
      null,
      2,
    ),
    {
      mode: 0o600,
    },
  )
  await chmod(path, 0o600)
  return secrets
}

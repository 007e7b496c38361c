import { sign, verify } from 'hono/jwt'

export type AccessTokenClaims = { sub: string; iat: number; exp: number }

export async function issueAccessToken(
  userId: string,
  secret: string,
  now: Date,
  ttlSeconds: number,
) {
  const iat = Math.floor(now.getTime() / 1000)
  return sign({ sub: userId, iat, exp: iat + ttlSeconds }, secret, 'HS256')
}

/** The user id of a valid, unexpired token; null for anything else. */
export async function verifyAccessToken(token: string, secret: string): Promise<string | null> {
  try {
    const claims = await verify(token, secret, 'HS256')
    return typeof claims.sub === 'string' ? claims.sub : null
  } catch {
    return null
  }
}

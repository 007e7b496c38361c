import { z } from 'zod'

const optionalUrl = z.url().optional()
const optionalText = z.string().min(1).optional()

/**
 * Every variable the platform reads, validated once at start-up. Nothing else reads process.env or
 * Worker bindings. README.md documents each one; keep the two in step.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  PUBLIC_BASE_URL: optionalUrl,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'must be 32 bytes, base64-encoded')
    .optional(),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_WS_PROXY: optionalText,

  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalText,

  QSTASH_URL: z.url().default('https://qstash.upstash.io'),
  QSTASH_TOKEN: optionalText,
  QSTASH_CURRENT_SIGNING_KEY: optionalText,
  QSTASH_NEXT_SIGNING_KEY: optionalText,

  OLLAMA_HOST: optionalUrl,
  OLLAMA_MODEL: optionalText,
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  PIPELINE_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),

  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  BOT_UPDATES: z.enum(['webhook', 'polling']).default('webhook'),

  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_TOKEN: optionalText,
  GITHUB_WEBHOOK_SECRET: optionalText,
  TENANT_REPO: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name')
    .optional(),
  TENANT_REPO_REF: z.string().min(1).default('main'),
  TENANT_CONFIG_DIR: optionalText,
})

export type Env = z.infer<typeof envSchema>

export class ConfigError extends Error {
  readonly issues: string[]
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`)
    this.name = 'ConfigError'
    this.issues = issues
  }
}

/** Parses raw variables (process.env or Worker bindings); empty strings count as unset. */
export function parseEnv(raw: Record<string, unknown>): Env {
  const cleaned: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && value.trim() === '') continue
    cleaned[key] = value
  }
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  }
  const env = parsed.data
  const pairs: [keyof Env, keyof Env][] = [
    ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
    ['OLLAMA_HOST', 'OLLAMA_MODEL'],
    ['LLM_BASE_URL', 'LLM_MODEL'],
  ]
  const missing = pairs
    .filter(([a, b]) => (env[a] === undefined) !== (env[b] === undefined))
    .map(
      ([a, b]) =>
        `${env[a] === undefined ? a : b}: required when ${env[a] === undefined ? b : a} is set`,
    )
  if (env.QSTASH_TOKEN && !(env.QSTASH_CURRENT_SIGNING_KEY && env.QSTASH_NEXT_SIGNING_KEY)) {
    missing.push(
      'QSTASH_CURRENT_SIGNING_KEY: required (with QSTASH_NEXT_SIGNING_KEY) when QSTASH_TOKEN is set',
    )
  }
  if (env.QSTASH_TOKEN && !env.PUBLIC_BASE_URL) {
    missing.push('PUBLIC_BASE_URL: required when QSTASH_TOKEN is set (QStash delivers to it)')
  }
  if (missing.length > 0) throw new ConfigError(missing)
  return env
}

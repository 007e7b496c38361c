import { eq } from 'drizzle-orm'
import type { Queryable } from '../../db/database.ts'
import { type BotRow, bots, tenants } from '../../db/schema/index.ts'
import { randomBytes, toBase64Url } from '../platform/encoding.ts'
import type { Services } from '../platform/services.ts'

/** A bot as the webhook and the actions need it; secrets stay sealed (also in the cache). */
export type BotRecord = {
  botId: number
  tenantId: number
  organizationId: string
  tenantActive: boolean
  isActive: boolean
  telegramBotId: number | null
  username: string | null
  firstName: string | null
  tokenSealed: string | null
  webhookSecretSealed: string
  webhookUrl: string | null
  commands: BotRow['commands']
}

const TTL_SECONDS = 3600
const keyOf = (botId: number) => `bot:${botId}`

async function query(db: Queryable, where: ReturnType<typeof eq>): Promise<BotRecord | null> {
  const [row] = await db
    .select({ bot: bots, organizationId: tenants.organizationId, tenantActive: tenants.isActive })
    .from(bots)
    .innerJoin(tenants, eq(tenants.tenantId, bots.tenantId))
    .where(where)
  if (!row) return null
  const { bot } = row
  return {
    botId: bot.id,
    tenantId: bot.tenantId,
    organizationId: row.organizationId,
    tenantActive: row.tenantActive,
    isActive: bot.isActive,
    telegramBotId: bot.telegramBotId,
    username: bot.username,
    firstName: bot.firstName,
    tokenSealed: bot.tokenSealed,
    webhookSecretSealed: bot.webhookSecretSealed,
    webhookUrl: bot.webhookUrl,
    commands: bot.commands,
  }
}

/** By internal bot_id, through the cache unless `fresh`. */
export async function findBot(
  services: Services,
  botId: number,
  options: { fresh?: boolean } = {},
): Promise<BotRecord | null> {
  if (!options.fresh) {
    const cached = await services.cache.get<BotRecord>(keyOf(botId))
    if (cached) return cached
  }
  const record = await query(services.db, eq(bots.id, botId))
  if (record) await services.cache.set(keyOf(botId), record, { ttlSeconds: TTL_SECONDS })
  return record
}

export async function findBotOfTenant(db: Queryable, tenantId: number): Promise<BotRecord | null> {
  return query(db, eq(bots.tenantId, tenantId))
}

export async function invalidateBot(services: Services, botId: number): Promise<void> {
  await services.cache.delete(keyOf(botId))
}

/** A fresh `secret_token` for setWebhook: 32 random bytes, within Telegram's `[A-Za-z0-9_-]`. */
export function newWebhookSecret(): string {
  return toBase64Url(randomBytes(32))
}

export async function openToken(services: Services, bot: BotRecord): Promise<string | null> {
  return bot.tokenSealed ? services.secrets.decrypt(bot.tokenSealed) : null
}

export type BotChanges = Partial<
  Pick<
    BotRow,
    | 'telegramBotId'
    | 'username'
    | 'firstName'
    | 'tokenSealed'
    | 'isActive'
    | 'webhookUrl'
    | 'commands'
  >
>

export async function updateBot(
  services: Services,
  botId: number,
  changes: BotChanges,
  tx: Queryable = services.db,
): Promise<void> {
  await tx
    .update(bots)
    .set({ ...changes, updatedAt: services.clock.now() })
    .where(eq(bots.id, botId))
  await invalidateBot(services, botId)
}

/** Creates the tenant's bot row, or updates it; `created` tells which. */
export async function upsertBot(
  services: Services,
  tx: Queryable,
  tenantId: number,
  changes: BotChanges,
): Promise<{ botId: number; created: boolean }> {
  const existing = await findBotOfTenant(tx, tenantId)
  if (existing) {
    await updateBot(services, existing.botId, changes, tx)
    return { botId: existing.botId, created: false }
  }
  const now = services.clock.now()
  const [row] = await tx
    .insert(bots)
    .values({
      tenantId,
      ...changes,
      webhookSecretSealed: await services.secrets.encrypt(newWebhookSecret()),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: bots.id })
  if (!row) throw new Error('Bot insert returned nothing')
  return { botId: row.id, created: true }
}

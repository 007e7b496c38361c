import { createRoute, z } from '@hono/zod-openapi'
import type { Update } from 'grammy/types'
import { constantTimeEqual } from '../platform/encoding.ts'
import { badRequest, HttpError } from '../platform/errors.ts'
import { createRouter, errorResponses, json } from '../platform/openapi.ts'
import type { Services } from '../platform/services.ts'
import { type BotRecord, findBot } from './bot-store.ts'
import { receiveUpdate } from './updates/process-update.ts'

const ResultSchema = z
  .object({
    status: z.enum(['duplicate', 'inactive', 'ignored', 'processed', 'failed', 'queued']),
  })
  .openapi('TelegramWebhookResult')

const route = createRoute({
  method: 'post',
  path: '/webhooks/telegram/{bot_id}',
  tags: ['Webhooks'],
  operationId: 'telegramWebhook',
  summary: 'Telegram update delivery for one bot',
  description:
    'Telegram calls this with the `secret_token` set by setWebhook in `X-Telegram-Bot-Api-Secret-Token`. The update is recorded (a repeated `update_id` is dropped), normalized and run through the tenant’s scenarios. 5xx only when the update could not be recorded.',
  security: [],
  request: {
    params: z.object({
      bot_id: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'bot_id', in: 'path' }, example: 1 }),
    }),
  },
  responses: {
    200: json(ResultSchema, 'Received (also for repeats and updates no scenario handles)'),
    ...errorResponses(400, 401),
  },
})

async function secretMatches(services: Services, bot: BotRecord, presented: string) {
  try {
    return constantTimeEqual(await services.secrets.decrypt(bot.webhookSecretSealed), presented)
  } catch {
    return false
  }
}

function asUpdate(body: unknown): Update {
  const update = body as { update_id?: unknown } | null
  if (typeof update !== 'object' || update === null || !Number.isInteger(update.update_id)) {
    throw badRequest('Body is not a Telegram update')
  }
  return update as Update
}

export const telegramWebhookRoutes = createRouter().openapi(route, async (c) => {
  const services = c.var.services
  const { bot_id } = c.req.valid('param')
  const presented = c.req.header('X-Telegram-Bot-Api-Secret-Token') ?? ''
  const bot = await findBot(services, bot_id)
  // An unknown bot and a wrong secret look the same, so bot ids cannot be probed.
  if (!bot || presented === '' || !(await secretMatches(services, bot, presented))) {
    throw new HttpError(401, 'Invalid X-Telegram-Bot-Api-Secret-Token')
  }
  const update = asUpdate(await c.req.json().catch(() => null))
  const status = await receiveUpdate(services, bot, update)
  return c.json({ status }, 200)
})

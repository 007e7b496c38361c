import { readFileSync } from 'node:fs'
import type { Update } from 'grammy/types'
import { describe, expect, test } from 'vitest'
import { normalizedEventSchema } from '../../functions/bots/event-schema.ts'
import { type EventBot, normalizeUpdate } from '../../functions/bots/normalize-update.ts'

const bot: EventBot = { botId: 7, tenantId: 101, username: 'shop_bot', timeZone: 'Europe/Moscow' }
const now = new Date('2024-01-15T07:31:00Z')

function fixture(name: string): Update {
  return JSON.parse(
    readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'),
  ) as Update
}

function normalize(name: string, target: EventBot = bot) {
  const event = normalizeUpdate(fixture(name), target, now)
  // Whatever the normalizer emits must also be accepted by the simulation API's schema.
  if (event) expect(normalizedEventSchema.safeParse(event).success).toBe(true)
  return event
}

const anna = {
  user_id: 1133574222,
  username: 'anna_p',
  first_name: 'Анна',
  last_name: 'Петрова',
  language_code: 'ru',
  is_bot: false,
  is_premium: true,
}

const annaChat = {
  chat_id: 1133574222,
  chat_type: 'private',
  is_group: false,
  chat_title: null,
  chat_username: 'anna_p',
}

const botFields = {
  event_source: 'telegram',
  system: { bot_id: 7, tenant_id: 101 },
  bot_id: 7,
  tenant_id: 101,
}

describe('message events', () => {
  test('a /start message becomes the full Coreness message event', () => {
    expect(normalize('message-start')).toStrictEqual({
      ...botFields,
      event_type: 'message',
      ...anna,
      ...annaChat,
      message_id: 41,
      event_date: '2024-01-15T10:30:45+03:00',
      event_text: '/start',
      command: 'start',
      command_args: '',
      start_payload: null,
      media_group_id: null,
      event_attachment: [],
      is_reply: false,
      is_forward: false,
    })
  })

  test('a deep link keeps the payload in the text and exposes it as start_payload', () => {
    expect(normalize('message-start-deep-link')).toMatchObject({
      event_text: '/start ref_abc123',
      command: 'start',
      command_args: 'ref_abc123',
      start_payload: 'ref_abc123',
    })
  })

  test("a command addressed to this bot loses the @mention, whatever the username's case", () => {
    expect(normalize('message-command-this-bot')).toMatchObject({
      event_text: '/help shipping times',
      command: 'help',
      command_args: 'shipping times',
      chat_type: 'supergroup',
      is_group: true,
      chat_title: 'Shop Community',
      chat_username: 'shop_community',
    })
  })

  test('a command addressed to another bot is plain text for this one', () => {
    expect(normalize('message-command-other-bot')).toMatchObject({
      event_text: '/help@other_bot',
      command: null,
      command_args: null,
    })
  })

  test('a photo takes its largest size and the caption becomes the text', () => {
    expect(normalize('message-photo-album')).toMatchObject({
      event_text: 'Order #1042 — damaged box',
      command: null,
      media_group_id: '13612345678901234',
      event_attachment: [{ type: 'photo', file_id: 'AgACAgIAAxkBAAIBZ2W_large' }],
    })
  })

  test('an animation is listed once, not again as the document Telegram mirrors it into', () => {
    expect(normalize('message-animation')?.event_attachment).toStrictEqual([
      { type: 'animation', file_id: 'CgACAgQAAxkBAAIBa2W_anim' },
    ])
  })

  test('a reply carries the replied-to message, and its keyboard stays out of the event', () => {
    const event = normalize('message-reply-to-bot')
    expect(event).toMatchObject({
      is_reply: true,
      reply_message_id: 45,
      reply_message_text: 'Send your delivery address',
      reply_user_id: 7000000001,
      reply_username: 'shop_bot',
      reply_first_name: 'Shop',
      reply_last_name: null,
      reply_date: '2024-01-15T10:30:45+03:00',
      reply_attachment: [],
    })
    expect(event).not.toHaveProperty('inline_keyboard')
  })

  test('a message in a forum topic is not a reply to the topic header', () => {
    const event = normalize('message-topic')
    expect(event?.is_reply).toBe(false)
    expect(event).not.toHaveProperty('reply_message_id')
  })
})

describe('forwards come from forward_origin', () => {
  test('from a channel', () => {
    expect(normalize('message-forward-channel')).toMatchObject({
      is_forward: true,
      forward_message_id: 311,
      forward_from_chat_id: -1001111111111,
      forward_from_chat_title: 'Shop News',
      forward_from_chat_type: 'channel',
      forward_from_user_id: null,
      forward_date: '2024-01-15T09:30:45+03:00',
    })
  })

  test('from a user', () => {
    expect(normalize('message-forward-user')).toMatchObject({
      is_forward: true,
      forward_message_id: null,
      forward_from_user_id: 5550001,
      forward_from_user_username: 'bobby',
      forward_from_user_first_name: 'Bob',
      forward_from_user_last_name: null,
      forward_from_chat_id: null,
    })
  })

  test('from a user who hides their account: only the name is known', () => {
    expect(normalize('message-forward-hidden-user')).toMatchObject({
      is_forward: true,
      forward_from_user_id: null,
      forward_from_user_first_name: 'Mystery Seller',
      forward_date: '2024-01-14T10:30:45+03:00',
      event_text: null,
      event_attachment: [{ type: 'photo', file_id: 'AgACAgIAAxkBAAIB_hidden' }],
    })
  })
})

describe('callback events', () => {
  test('a button press becomes the Coreness callback event', () => {
    expect(normalize('callback')).toStrictEqual({
      ...botFields,
      event_type: 'callback',
      ...anna,
      ...annaChat,
      message_id: 45,
      event_date: '2024-01-15T10:31:00+03:00',
      callback_id: '4382947123456789012',
      callback_data: 'menu',
      callback_message_text: '👋 Hello, Анна!',
      // The web-app button has no value a scenario could use.
      inline_keyboard: [[{ '📋 Menu': 'menu' }, { '🌐 Site': 'https://example.com' }]],
    })
  })

  test('a press on a message the bot can no longer read still names the chat and message', () => {
    expect(normalize('callback-inaccessible')).toMatchObject({
      chat_id: 1133574222,
      message_id: 12,
      callback_data: 'old_button',
      callback_message_text: null,
    })
  })
})

describe('member events come from chat_member updates', () => {
  test('left → member is a join of that member', () => {
    expect(normalize('chat-member-joined')).toStrictEqual({
      ...botFields,
      event_type: 'member_joined',
      user_id: 5550001,
      username: 'bobby',
      first_name: 'Bob',
      last_name: null,
      language_code: 'en',
      is_bot: false,
      is_premium: false,
      chat_id: -1001234567890,
      chat_type: 'supergroup',
      is_group: true,
      chat_title: 'Shop Community',
      chat_username: 'shop_community',
      message_id: null,
      event_date: '2024-01-15T10:30:45+03:00',
    })
  })

  test('a restricted member who is banned has left', () => {
    expect(normalize('chat-member-left')?.event_type).toBe('member_left')
  })

  test('a promotion is no join', () => {
    expect(normalize('chat-member-promoted')).toBeNull()
  })

  test('the bot being added to a group is a join of the bot', () => {
    expect(normalize('my-chat-member-added')).toMatchObject({
      event_type: 'member_joined',
      user_id: 7000000001,
      is_bot: true,
    })
  })

  test('the join service message is dropped in favour of the chat_member update', () => {
    expect(normalize('new-chat-members-message')).toBeNull()
  })
})

describe('payments', () => {
  test('a pre-checkout query has the user but no chat', () => {
    const event = normalize('pre-checkout-query')
    expect(event).toStrictEqual({
      ...botFields,
      event_type: 'pre_checkout_query',
      ...anna,
      event_date: '2024-01-15T10:31:00+03:00',
      pre_checkout_query_id: '1929384756102938475',
      invoice_payload: '1042',
      currency: 'XTR',
      total_amount: 250,
    })
  })

  test('a successful payment message becomes payment_successful', () => {
    expect(normalize('successful-payment')).toStrictEqual({
      ...botFields,
      event_type: 'payment_successful',
      ...anna,
      ...annaChat,
      message_id: 50,
      event_date: '2024-01-15T10:30:45+03:00',
      invoice_payload: '1042',
      currency: 'XTR',
      total_amount: 250,
      telegram_payment_charge_id: 'stxAbCdEf1234567890',
    })
  })
})

describe('unsupported updates', () => {
  test.each(['edited-message', 'inline-query'])('%s → null', (name) => {
    expect(normalize(name)).toBeNull()
  })
})

test('dates are in UTC when the tenant has no time zone', () => {
  const { timeZone: _zone, ...utcBot } = bot
  expect(normalize('message-start', utcBot)?.event_date).toBe('2024-01-15T07:30:45+00:00')
})

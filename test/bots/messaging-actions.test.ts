import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type BotsSetup, type Caller, createSyncedSetup } from '../tenants/bots-setup.ts'

describe('delete_message, answer_callback_query, restrict_chat_member, build_keyboard', () => {
  let setup: BotsSetup
  let botId: number
  let caller: Caller
  const invoke = (name: string, params: Record<string, unknown>) =>
    setup.harness.services.actions.invoke(name, params, {
      services: setup.harness.services,
      caller,
    })

  beforeAll(async () => {
    ;({ setup, botId, caller } = await createSyncedSetup())
  })
  afterAll(() => setup.close())
  beforeEach(() => setup.telegram.reset())

  it('deletes the event message by default, or the one named', async () => {
    expect(
      (await invoke('delete_message', { bot_id: botId, chat_id: 5, message_id: 77 })).result,
    ).toBe('success')
    await invoke('delete_message', {
      bot_id: botId,
      chat_id: 5,
      message_id: 77,
      delete_message_id: '78',
    })
    expect(setup.telegram.callsOf('deleteMessage').map((c) => c.payload)).toEqual([
      { chat_id: 5, message_id: 77 },
      { chat_id: 5, message_id: 78 },
    ])
    const again = await invoke('delete_message', { bot_id: botId, chat_id: 5, message_id: 77 })
    expect(again).toMatchObject({ result: 'error', error: { code: 'API_ERROR' } })
  })

  it('answers callback queries with a notice or an alert', async () => {
    const outcome = await invoke('answer_callback_query', {
      bot_id: botId,
      callback_query_id: '4382bfdwdsb323b2d9',
      text: 'Saved',
      show_alert: 'true',
    })
    expect(outcome.result).toBe('success')
    expect(setup.telegram.callsOf('answerCallbackQuery')[0]?.payload).toEqual({
      callback_query_id: '4382bfdwdsb323b2d9',
      text: 'Saved',
      show_alert: true,
    })
    const tooLong = await invoke('answer_callback_query', {
      bot_id: botId,
      callback_query_id: 'x',
      text: 'x'.repeat(201),
    })
    expect(tooLong.error?.code).toBe('VALIDATION_ERROR')
  })

  it('maps restriction groups to Bot API permissions, leaving omitted ones out', async () => {
    const outcome = await invoke('restrict_chat_member', {
      bot_id: botId,
      chat_id: '-1001234567890',
      target_user_id: 5550001,
      messages: false,
      attachments: false,
      until_date: 0,
    })
    expect(outcome.result).toBe('success')
    expect(setup.telegram.callsOf('restrictChatMember')[0]?.payload).toEqual({
      chat_id: -1001234567890,
      user_id: 5550001,
      until_date: 0,
      permissions: {
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
      },
    })
    const privateChat = await invoke('restrict_chat_member', {
      bot_id: botId,
      chat_id: 5,
      target_user_id: 6,
      messages: false,
    })
    expect(privateChat.error?.message).toContain('only for supergroups')
  })

  it('builds keyboards without calling Telegram', async () => {
    const outcome = await invoke('build_keyboard', {
      items: ['101', '102', '103'],
      keyboard_type: 'inline',
      text_template: 'Tenant $value$',
      callback_template: 'tenant_$value$',
      buttons_per_row: 2,
    })
    expect(outcome.response_data).toEqual({
      keyboard: [
        [{ 'Tenant 101': 'tenant_101' }, { 'Tenant 102': 'tenant_102' }],
        [{ 'Tenant 103': 'tenant_103' }],
      ],
      keyboard_type: 'inline',
      rows_count: 2,
      buttons_count: 3,
    })
    expect(setup.telegram.calls).toHaveLength(0)
  })
})

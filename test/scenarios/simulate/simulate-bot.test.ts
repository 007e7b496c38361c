import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, signUp } from '../../support/harness.ts'
import { type BotsSetup, createBotsSetup, DEFAULT_TENANT } from '../../tenants/bots-setup.ts'
import { message } from '../engine/scenario-support.ts'

describe('simulating a synced tenant with a bot', () => {
  let setup: BotsSetup
  let token: string
  beforeAll(async () => {
    setup = await createBotsSetup()
    token = (await signUp(setup.harness.app, 'admin@example.com')).token
    setup.writeTenant(101, DEFAULT_TENANT)
    await setup.push({
      added: Object.keys(DEFAULT_TENANT).map((path) => `tenant/tenant_101/${path}`),
    })
    await setup.harness.drain()
  })
  afterAll(() => setup.close())

  const simulate = (body: unknown) =>
    call(setup.harness.app, 'POST', '/api/v1/tenants/101/simulate', { token, json: body })

  it('records the Telegram calls the loaded scenarios would make and sends nothing', async () => {
    const sentBefore = setup.telegram.callsOf('sendMessage').length
    const response = await simulate({ event: message('/start', { user_id: 7, chat_id: 7 }) })
    expect(response.status).toBe(200)
    expect(response.body.matched).toEqual(['start'])
    expect(response.body.runs[0].steps[0]).toMatchObject({
      action: 'send_message',
      params: { text: 'Hello, Ann!' },
      result: 'success',
      transition: 'continue',
    })
    expect(response.body.calls).toEqual([
      {
        service: 'telegram',
        method: 'sendMessage',
        payload: expect.objectContaining({ chat_id: 7, text: 'Hello, Ann!', parse_mode: 'HTML' }),
      },
    ])
    expect(setup.telegram.callsOf('sendMessage')).toHaveLength(sentBefore)
  })

  it("sees the synced storage and _config, but never expands a user's text into _config", async () => {
    const response = await simulate({
      event: message('{_config.ai_token}'),
      scenarios: `echo:
  trigger: [{event_type: message}]
  step:
    - action: get_storage
      params: {group_key: settings, key: language, _response_key: language}
    - action: set_cache
      params:
        cache:
          lowered: "{event_text|lower}"
          text: "{event_text}"
          has_token: "{_config.ai_token|exists}"
`,
    })
    expect(response.status).toBe(200)
    expect(response.body.runs[0].cache).toEqual({
      language: 'en',
      lowered: '{_config.ai_token}',
      text: '{_config.ai_token}',
      has_token: true,
    })
  })
})

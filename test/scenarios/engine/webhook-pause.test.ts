import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../functions/platform/clock.ts'
import {
  type BotsSetup,
  createBotsSetup,
  DEFAULT_TENANT,
  startMessage,
} from '../../tenants/bots-setup.ts'

const USER = 5_550_001

const SCENARIOS = `first:
  trigger: [{event_type: message, event_text: /nap}]
  step:
    - action: send_message
      params: {text: "going to sleep, {first_name}"}
    - action: set_cache
      params: {cache: {mood: rested}}
    - action: sleep
      params: {seconds: 60}
    - action: send_message
      params: {text: "woke up {_cache.mood}"}
second:
  trigger: [{event_type: message, event_text: /nap}]
  step:
    - action: send_message
      params: {text: "second ran"}
`

describe('a Telegram update whose scenario sleeps past the inline budget', () => {
  const clock = fixedClock('2026-11-23T10:00:00Z')
  let setup: BotsSetup
  let botId: number
  const sent = () => setup.telegram.callsOf('sendMessage').map((call) => call.payload.text)

  beforeAll(async () => {
    setup = await createBotsSetup({ clock })
    const files = { ...DEFAULT_TENANT, 'scenarios/start.yaml': SCENARIOS }
    setup.writeTenant(101, files)
    await setup.push({ added: Object.keys(files).map((path) => `tenant/tenant_101/${path}`) })
    await setup.harness.drain()
    botId = await setup.botIdOf(101)
  })
  afterAll(() => setup.close())

  it('answers the webhook at once and continues, with the event’s other scenarios, after the delay', async () => {
    const response = await setup.postUpdate(botId, startMessage(USER, '/nap'))
    expect(response.status).toBe(200)
    expect(sent()).toEqual(['going to sleep, Ann'])
    await setup.harness.drain()
    expect(sent()).toEqual(['going to sleep, Ann'])
    clock.advance(61_000)
    await setup.harness.drain()
    expect(sent()).toEqual(['going to sleep, Ann', 'woke up rested', 'second ran'])
  })
})

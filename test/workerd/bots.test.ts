import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

const realServices = env.REAL_SERVICES === 'yes'

describe('bot webhooks inside workerd', () => {
  it('refuses GitHub deliveries when no webhook secret is configured', async () => {
    const response = await exports.default.fetch('http://relay.test/webhooks/github', {
      method: 'POST',
      headers: { 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=00' },
      body: '{}',
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      detail: 'GITHUB_WEBHOOK_SECRET is not set; deliveries are refused',
    })
  })

  it.runIf(realServices)(
    'answers 401 for an unknown bot after looking it up over Neon',
    async () => {
      const response = await exports.default.fetch('http://relay.test/webhooks/telegram/987654', {
        method: 'POST',
        headers: { 'x-telegram-bot-api-secret-token': 'whatever' },
        body: JSON.stringify({ update_id: 1 }),
      })
      expect(response.status).toBe(401)
    },
  )
})

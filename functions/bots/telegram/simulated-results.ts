/**
 * What a simulated Bot API call answers: enough of Telegram's shape for the next step to use
 * (`message_id`, a link, `true`), without anything having been sent.
 */

let nextMessageId = 1

function chatOf(payload: unknown): { id: number | string; type: string } {
  const chatId = (payload as { chat_id?: unknown } | null)?.chat_id
  const id = typeof chatId === 'number' || typeof chatId === 'string' ? chatId : 0
  return { id, type: Number(id) > 0 ? 'private' : 'group' }
}

function message(payload: unknown): Record<string, unknown> {
  nextMessageId += 1
  const fields = (payload ?? {}) as Record<string, unknown>
  return {
    message_id: typeof fields.message_id === 'number' ? fields.message_id : nextMessageId,
    date: Math.floor(Date.now() / 1000),
    chat: chatOf(payload),
    ...(typeof fields.text === 'string' ? { text: fields.text } : {}),
    ...(typeof fields.caption === 'string' ? { caption: fields.caption } : {}),
  }
}

export function simulatedResult(method: string, payload: unknown): unknown {
  if (method === 'sendMediaGroup') {
    const media = (payload as { media?: unknown[] } | null)?.media ?? []
    return media.map(() => message(payload))
  }
  if (/^(send|edit|copy|forward)/.test(method)) return message(payload)
  if (method === 'createInvoiceLink') return 'https://t.me/$simulated_invoice'
  if (method === 'getMe') {
    return { id: 0, is_bot: true, first_name: 'Simulated bot', username: 'simulated_bot' }
  }
  return true
}

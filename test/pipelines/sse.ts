import { expect } from 'vitest'
import type { App } from '../../functions/platform/context.ts'
import type { ResponseBody } from '../support/harness.ts'

export type SseEvent = { id: string | null; event: string | null; data: ResponseBody }

/** Parses a text/event-stream body into its events (data lines joined, as EventSource does). */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .flatMap((block) => {
      let id: string | null = null
      let event: string | null = null
      const data: string[] = []
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':')
        const value = rest.join(':').replace(/^ /, '')
        if (field === 'id') id = value
        else if (field === 'event') event = value
        else if (field === 'data') data.push(value)
      }
      return data.length > 0 ? [{ id, event, data: JSON.parse(data.join('\n')) }] : []
    })
}

/** Opens the run's event stream and reads it to its end (the stream closes after the run ends). */
export async function readEvents(
  app: App,
  token: string,
  runId: string,
  headers: Record<string, string> = {},
  lastEventIdQuery?: number,
): Promise<SseEvent[]> {
  const query = lastEventIdQuery === undefined ? '' : `?last_event_id=${lastEventIdQuery}`
  const response = await app.request(`/api/v1/executions/${runId}/events${query}`, {
    headers: { Authorization: `Bearer ${token}`, ...headers },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
  return parseSse(await response.text())
}

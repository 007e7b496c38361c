import { and, asc, eq, gt } from 'drizzle-orm'
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Database } from '../../db/database.ts'
import { type PipelineRunEventRow, pipelineRunEvents } from '../../db/schema/index.ts'
import type { AppEnv } from '../platform/context.ts'
import { RUN_FINISHED_STATUSES } from './run/settle.ts'

const POLL_MS = 200
/** A stream ends after this long; the client resumes with Last-Event-ID. */
const MAX_STREAM_MS = 5 * 60_000
const RECONNECT_MS = 1_000

async function eventsAfter(db: Database, runId: string, seq: number) {
  return db
    .select()
    .from(pipelineRunEvents)
    .where(and(eq(pipelineRunEvents.runId, runId), gt(pipelineRunEvents.seq, seq)))
    .orderBy(asc(pipelineRunEvents.seq))
    .limit(500)
}

const isLast = (event: PipelineRunEventRow) =>
  event.kind === 'run' && RUN_FINISHED_STATUSES.includes(event.status)

function payload(event: PipelineRunEventRow) {
  return {
    run_id: event.runId,
    seq: event.seq,
    type: event.kind,
    ...(event.step === null ? {} : { step: event.step }),
    status: event.status,
    ...event.data,
    at: event.createdAt.toISOString(),
  }
}

/** Workers release the request's database client when the handler returns; Node keeps it. */
function clientOutlivesHandler(c: Context<AppEnv>): boolean {
  try {
    return c.executionCtx === undefined
  } catch {
    return true
  }
}

/**
 * Server-sent events of a run's status changes, numbered per run (`id:`), after `afterSeq`.
 * The stream ends with the run's final event. On Workers, where the database client cannot
 * outlive the handler, it sends what exists and ends; EventSource reconnects with Last-Event-ID.
 */
export async function streamRunEvents(
  c: Context<AppEnv>,
  db: Database,
  runId: string,
  afterSeq: number,
): Promise<Response> {
  const first = await eventsAfter(db, runId, afterSeq)
  const live = clientOutlivesHandler(c)
  return streamSSE(c, async (stream) => {
    let seq = afterSeq
    let done = false
    const started = Date.now()
    const send = async (events: PipelineRunEventRow[]) => {
      for (const event of events) {
        await stream.writeSSE({
          id: String(event.seq),
          event: event.kind,
          data: JSON.stringify(payload(event)),
          ...(seq === afterSeq ? { retry: RECONNECT_MS } : {}),
        })
        seq = event.seq
        done ||= isLast(event)
      }
    }
    await send(first)
    while (live && !done && !stream.aborted && Date.now() - started < MAX_STREAM_MS) {
      await stream.sleep(POLL_MS)
      await send(await eventsAfter(db, runId, seq))
    }
  })
}

/** Last-Event-ID (what EventSource sends on reconnect), or `?last_event_id=` for a first connect. */
export function lastEventId(header: string | undefined, query: number | undefined): number {
  const fromHeader = Number(header)
  if (header !== undefined && Number.isInteger(fromHeader) && fromHeader >= 0) return fromHeader
  return query ?? 0
}

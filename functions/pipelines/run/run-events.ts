import { sql } from 'drizzle-orm'
import type { Transaction } from '../../../db/database.ts'
import {
  type PipelineRunRow,
  pipelineRunEvents,
  type RunEventKind,
} from '../../../db/schema/index.ts'

/** A status change worth telling an SSE client about. */
export type RunEvent = {
  kind: RunEventKind
  step?: number
  status: string
  data?: Record<string, unknown>
}

/**
 * Appends events under the run's next numbers, in one statement. Callers hold the run's row lock
 * (see `lockRun`), so numbers have no gaps and commit in order: a client resuming after event N
 * never misses one that commits later with a smaller number.
 */
export async function recordEvents(
  tx: Transaction,
  run: Pick<PipelineRunRow, 'id'>,
  events: readonly RunEvent[],
  at: Date,
): Promise<void> {
  if (events.length === 0) return
  const rows = events.map((event, index) => ({
    ord: index + 1,
    kind: event.kind,
    step: event.step ?? null,
    status: event.status,
    data: event.data ?? {},
  }))
  const table = pipelineRunEvents
  await tx.execute(sql`
    insert into ${table} (${sql.identifier(table.runId.name)}, ${sql.identifier(table.seq.name)},
      ${sql.identifier(table.kind.name)}, ${sql.identifier(table.step.name)},
      ${sql.identifier(table.status.name)}, ${sql.identifier(table.data.name)},
      ${sql.identifier(table.createdAt.name)})
    select ${run.id}, last.seq + e.ord, e.kind, e.step, e.status, e.data, ${at.toISOString()}::timestamptz
    from (select coalesce(max(${table.seq}), 0) as seq from ${table} where ${table.runId} = ${run.id}) as last,
      jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as e(ord integer, kind text, step integer, status text, data jsonb)`)
}

import { failure, success } from '../../actions/define.ts'
import type { ActionOutcome } from '../../actions/types.ts'
import type { SyncOutcome } from '../sync-tenant.ts'

/** A sync as an action result: success, error (with the recorded error), or not_found. */
export function syncResult(outcome: SyncOutcome): ActionOutcome {
  switch (outcome.status) {
    case 'synced':
    case 'removed':
      return success()
    case 'not_found':
      return failure('NOT_FOUND', `Tenant ${outcome.tenantId} has no config folder`, 'not_found')
    case 'failed':
      return failure('VALIDATION_ERROR', outcome.error)
  }
}

/** Runs a sync; a source or Telegram that cannot be reached becomes an API_ERROR, not a crash. */
export async function guarded(work: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  try {
    return await work()
  } catch (error) {
    return failure('API_ERROR', error instanceof Error ? error.message : String(error))
  }
}

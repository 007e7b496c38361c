import type { HttpCallResult } from '../../services/http-call.ts'

/** How one HTTP attempt of a step went: fine, or a failure worth retrying or not. */
export type CallVerdict =
  | { ok: true }
  | {
      ok: false
      /** Network errors, timeouts, 429 and 5xx: the upstream may answer next time. */
      retryable: boolean
      /** The step's `error`. */
      stepError: string
      /** What the run's `error` says after "Step N failed: ". */
      runReason: string
    }

function detailOf(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 200)
  if (typeof body !== 'object' || body === null) return ''
  const record = body as Record<string, unknown>
  const text = [record.detail, record.message, record.error].find((v) => typeof v === 'string')
  return typeof text === 'string' ? text.slice(0, 200) : ''
}

// The seed's partial_failed example words a 504 as "Upstream timeout" / "upstream service timeout".
const TIMEOUT = { stepError: 'Upstream timeout', runReason: 'upstream service timeout' }

export function judgeCall(result: HttpCallResult): CallVerdict {
  if (result.kind === 'timeout') return { ok: false, retryable: true, ...TIMEOUT }
  if (result.kind === 'network_error') {
    return {
      ok: false,
      retryable: true,
      stepError: `Upstream unreachable: ${result.message}`,
      runReason: 'upstream service unreachable',
    }
  }
  const code = result.statusCode
  if (code >= 200 && code < 300) return { ok: true }
  if (code === 504) return { ok: false, retryable: true, ...TIMEOUT }
  if (code === 429) {
    return {
      ok: false,
      retryable: true,
      stepError: 'Upstream rate limit (HTTP 429)',
      runReason: 'upstream service rate limit',
    }
  }
  const detail = detailOf(result.body)
  if (code >= 500) {
    return {
      ok: false,
      retryable: true,
      stepError: `Upstream error (HTTP ${code})${detail ? `: ${detail}` : ''}`,
      runReason: `upstream service error (HTTP ${code})`,
    }
  }
  return {
    ok: false,
    retryable: false,
    stepError: `Upstream rejected the request (HTTP ${code})${detail ? `: ${detail}` : ''}`,
    runReason: `request rejected by upstream service (HTTP ${code})`,
  }
}

export const ACTION_GONE = {
  stepError: 'Capability action not found (it was removed after the pipeline was built)',
  runReason: 'capability action not found',
}

/** Error half of an action outcome; `details` carries one entry per offending field for validation errors. */
export type ActionError = {
  code: string
  message: string
  details?: ActionErrorDetail[]
}

export type ActionErrorDetail = {
  field: string
  message: string
  type: string
  input?: unknown
}

/**
 * What every action returns. `result` is the Coreness vocabulary: success, error, failed, not_found,
 * timeout, partial_success, or a scenario result (break, abort, stop). Actions never throw to their caller.
 */
export type ActionOutcome = {
  result: string
  error?: ActionError | null
  response_data?: Record<string, unknown>
}

/** public: any tenant; system: scenarios of system tenants (id < 100) and internal callers; internal: platform code only. */
export type ActionAccess = 'public' | 'system' | 'internal'

/** Who is invoking: a scenario of a tenant, a pipeline step, an agent tool, or the platform itself. */
export type ActionCaller =
  | { kind: 'scenario'; tenantId: number; organizationId: string }
  | { kind: 'pipeline'; organizationId: string; runId: string; step: number }
  | { kind: 'agent'; organizationId: string; sessionId: string }
  | { kind: 'internal' }

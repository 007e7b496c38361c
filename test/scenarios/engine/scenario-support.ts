import { withTransaction } from '../../../db/transaction.ts'
import { parseScenarioFiles } from '../../../functions/scenarios/loader/parse-scenario-files.ts'
import {
  invalidateTenantScenarios,
  replaceTenantScenarios,
} from '../../../functions/scenarios/store/index.ts'
import { call, type Harness, type ResponseBody, type signUp } from '../../support/harness.ts'

export type Account = Awaited<ReturnType<typeof signUp>>

export type SimulateBody = {
  event: Record<string, unknown>
  scenarios?: string
  storage?: string
  user_state?: string | null
}

/** POST /simulate as the account's owner; fails the test on anything but 200. */
export async function simulate(
  harness: Harness,
  account: Account,
  body: SimulateBody,
): Promise<ResponseBody> {
  const response = await call(harness.app, 'POST', `/api/v1/tenants/${account.tenantId}/simulate`, {
    token: account.token,
    json: body,
  })
  if (response.status !== 200) {
    throw new Error(`simulate answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}

export const message = (text: string, extra: Record<string, unknown> = {}) => ({
  event_type: 'message',
  event_text: text,
  user_id: 42,
  chat_id: 42,
  first_name: 'Ann',
  ...extra,
})

export const callback = (data: string, extra: Record<string, unknown> = {}) => ({
  event_type: 'callback',
  callback_data: data,
  user_id: 42,
  chat_id: 42,
  first_name: 'Ann',
  ...extra,
})

/** The steps of every run, as `scenario#index action result → transition`, for compact assertions. */
export function trace(result: ResponseBody): string[] {
  return result.runs.flatMap((run: ResponseBody) =>
    run.steps.map(
      (step: ResponseBody) =>
        `${run.scenario}#${step.index} ${step.action} ${step.result} → ${step.transition}`,
    ),
  )
}

/**
 * Loads scenarios as a tenant sync would (parse, replace, invalidate): the fixture for tests that run
 * the tenant's stored scenarios rather than simulated YAML.
 */
export async function loadScenarios(harness: Harness, tenantId: number, yaml: string) {
  const parsed = parseScenarioFiles([{ path: 'scenarios/main.yaml', text: yaml }])
  if (parsed.errors.length > 0) throw new Error(JSON.stringify(parsed.errors))
  await withTransaction(harness.services.db, (tx) =>
    replaceTenantScenarios(tx, tenantId, parsed.scenarios),
  )
  await invalidateTenantScenarios(harness.services, tenantId)
}

/** Invokes an action as a scenario step of the account's tenant would. */
export function invokeAs(
  harness: Harness,
  account: Account,
  action: string,
  input: Record<string, unknown>,
) {
  return harness.services.actions.invoke(action, input, {
    services: harness.services,
    caller: {
      kind: 'scenario',
      tenantId: account.tenantId,
      organizationId: account.organizationId,
    },
  })
}

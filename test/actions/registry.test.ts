import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineAction, success } from '../../functions/actions/define.ts'
import { ActionRegistry } from '../../functions/actions/registry.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { call, createHarness, type Harness, signUp } from '../support/harness.ts'

const tenantCaller = { kind: 'scenario' as const, tenantId: 1_000_000, organizationId: 'org' }
const systemCaller = { kind: 'scenario' as const, tenantId: 1, organizationId: 'sys' }

const echo = defineAction({
  name: 'echo',
  service: 'test',
  description: 'Echoes typed input',
  access: 'public',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 1_000,
  input: z.object({
    count: z.number().int().min(1),
    flag: z.boolean().optional(),
    label: z.string(),
    limit: z.number().optional(),
  }),
  output: z.object({ echoed: z.record(z.string(), z.unknown()) }),
  async execute(input) {
    return success({ echoed: input })
  },
})

const make = (overrides: Partial<Parameters<typeof defineAction>[0]>) =>
  defineAction({
    ...echo,
    name: `echo_${Math.random().toString(36).slice(2)}`,
    ...overrides,
  } as Parameters<typeof defineAction>[0])

describe('action registry', () => {
  let harness: Harness
  let registry: ActionRegistry
  beforeAll(async () => {
    harness = await createHarness()
    registry = new ActionRegistry(silentLogger).register(echo)
  })
  afterAll(() => harness.close())
  const options = (caller: typeof tenantCaller | { kind: 'internal' } = tenantCaller) => ({
    services: harness.services,
    caller,
  })

  it('coerces placeholder-rendered strings the way Coreness does, and ignores extra context fields', async () => {
    const outcome = await registry.invoke(
      'echo',
      { count: '3', flag: 'TRUE', label: 42, limit: '', chat_id: 7, event_text: 'hi' },
      options(),
    )
    expect(outcome).toEqual({
      result: 'success',
      response_data: { echoed: { count: 3, flag: true, label: '42' } },
    })
  })

  it('returns VALIDATION_ERROR with one detail per field', async () => {
    const outcome = await registry.invoke('echo', { count: 0, flag: 'maybe' }, options())
    expect(outcome.result).toBe('error')
    expect(outcome.error?.code).toBe('VALIDATION_ERROR')
    const fields = outcome.error?.details?.map((d) => d.field).sort()
    expect(fields).toEqual(['count', 'flag', 'label'])
    expect(outcome.error?.details?.find((d) => d.field === 'count')).toMatchObject({
      input: 0,
      type: 'too_small',
    })
  })

  it('enforces access: system actions for system tenants and the platform, internal for the platform only', async () => {
    const system = make({ access: 'system' })
    const internal = make({ access: 'internal' })
    registry.register(system, internal)
    const input = { count: 1, label: 'x' }
    expect((await registry.invoke(system.name, input, options())).error?.code).toBe(
      'PERMISSION_DENIED',
    )
    expect((await registry.invoke(system.name, input, options(systemCaller))).result).toBe(
      'success',
    )
    expect((await registry.invoke(internal.name, input, options(systemCaller))).error?.code).toBe(
      'PERMISSION_DENIED',
    )
    expect(
      (await registry.invoke(internal.name, input, options({ kind: 'internal' }))).result,
    ).toBe('success')
  })

  it('turns an unknown name, a timeout and a thrown error into outcomes instead of exceptions', async () => {
    expect((await registry.invoke('nope', {}, options())).error?.code).toBe('NOT_FOUND')
    let aborted = false
    const slow = make({
      timeoutMs: 30,
      async execute(_input, context) {
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve))
        aborted = true
        return success()
      },
    })
    const crashing = make({
      async execute() {
        throw new Error('internal detail')
      },
    })
    registry.register(slow, crashing)
    const timedOut = await registry.invoke(slow.name, { count: 1, label: 'x' }, options())
    expect(timedOut).toMatchObject({ result: 'timeout', error: { code: 'TIMEOUT' } })
    expect(aborted).toBe(true)
    const crashed = await registry.invoke(crashing.name, { count: 1, label: 'x' }, options())
    expect(crashed).toMatchObject({ result: 'error', error: { code: 'INTERNAL_ERROR' } })
    expect(crashed.error?.message).not.toContain('internal detail')
  })

  it('lists built-in actions through action_hub.get_available_actions', async () => {
    const outcome = await harness.services.actions.invoke('get_available_actions', {}, options())
    expect(outcome.result).toBe('success')
    const actions = outcome.response_data?.actions as Record<
      string,
      { service: string; input_schema: unknown }
    >
    expect(actions.get_available_actions).toMatchObject({
      service: 'action_hub',
      access: 'public',
      is_mutating: false,
    })
  })

  it('publishes the catalogue with JSON Schemas over HTTP', async () => {
    const user = await signUp(harness.app)
    const response = await call(harness.app, 'GET', '/api/v1/actions', { token: user.token })
    expect(response.status).toBe(200)
    const hub = response.body.actions.find(
      (a: { name: string }) => a.name === 'get_available_actions',
    )
    expect(hub).toMatchObject({
      service: 'action_hub',
      is_idempotent: true,
      timeout_ms: 5000,
      input_schema: { type: 'object' },
      output_schema: { type: 'object', properties: { actions: { type: 'object' } } },
    })
    expect((await call(harness.app, 'GET', '/api/v1/actions')).status).toBe(401)
  })
})

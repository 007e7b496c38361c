import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { organizations } from '../../../db/schema/index.ts'
import { defineAction, failure } from '../../actions/define.ts'
import { tenantOf } from '../../bots/actions/action-scope.ts'
import { executeInChain, executeStandalone, invokingChain, waitInChain } from '../engine/control.ts'

const scenarioNames = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe('Имя сценария или список имён (выполняются по очереди)')

export const executeScenario = defineAction({
  name: 'execute_scenario',
  service: 'scenario_processor',
  description:
    'Выполнение сценария (или списка сценариев) с возвратом: вызываемый получает копию данных, его _cache возвращается плоско (только для одного имени)',
  access: 'public',
  isMutating: true,
  isIdempotent: false,
  // The callee's steps run inside this call; their own timeouts and the step limit bound it.
  timeoutMs: 15 * 60_000,
  // Loose: outside a scenario, the whole input is the context the callee starts from.
  input: z.looseObject({
    scenario: scenarioNames,
    return_cache: z
      .boolean()
      .default(true)
      .describe('Вернуть _cache вызванного сценария (только для одного имени)'),
    tenant_id: z.number().int().min(1).optional().describe('ID тенанта (из контекста)'),
  }),
  output: z.looseObject({
    scenario_result: z
      .enum(['success', 'error', 'abort', 'break', 'stop'])
      .describe('Результат вызванного сценария (последнего из списка)'),
  }),
  example: { scenario: 'check_access' },
  async execute(input, context) {
    const targets = Array.isArray(input.scenario) ? input.scenario : [input.scenario]
    const returnCache = input.return_cache && targets.length === 1
    const chain = invokingChain(context)
    if (chain) return executeInChain(chain, targets, returnCache)
    const tenant = await tenantOf(context, input.tenant_id)
    if (!tenant.ok) return tenant.outcome
    const organizationId = await organizationOf(context, tenant.value)
    if (!organizationId) return failure('NOT_FOUND', `Tenant ${tenant.value} not found`)
    const { scenario: _targets, return_cache: _returnCache, ...data } = input
    return executeStandalone(context.services, {
      tenantId: tenant.value,
      organizationId,
      targets,
      returnCache,
      data,
      ...(context.simulation ? { simulation: context.simulation } : {}),
    })
  },
})

async function organizationOf(
  context: Parameters<typeof executeScenario.execute>[1],
  tenantId: number,
): Promise<string | undefined> {
  const { caller } = context
  if (caller.kind === 'scenario' && caller.tenantId === tenantId) return caller.organizationId
  const [row] = await context.services.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.tenantId, tenantId))
  return row?.id
}

export const waitForAction = defineAction({
  name: 'wait_for_action',
  service: 'scenario_processor',
  description:
    'Ожидание асинхронного действия (async: true, action_id) и возврат его результата как есть: result, error и response_data',
  access: 'public',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 30_000,
  input: z.object({
    action_id: z.string().min(1).describe('action_id асинхронного шага'),
    timeout: z
      .number()
      .min(0)
      .optional()
      .describe('Сколько секунд ждать (не больше 3600); по истечении — result: timeout'),
  }),
  output: z.looseObject({}).describe('response_data ожидаемого действия'),
  // Besides these, whatever result the awaited action returned.
  extraResults: ['timeout'],
  example: { action_id: 'ai_1', timeout: 60 },
  async execute(input, context) {
    const chain = invokingChain(context)
    if (!chain) {
      return failure('INVALID_STATE', 'wait_for_action waits for async steps of a running scenario')
    }
    return waitInChain(chain, input.action_id, input.timeout)
  },
})

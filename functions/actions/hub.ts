import { z } from 'zod'
import { defineAction, success } from './define.ts'
import { describeAction } from './describe.ts'
import { canCall } from './registry.ts'

export const getAvailableActions = defineAction({
  name: 'get_available_actions',
  service: 'action_hub',
  description: 'Получение всех доступных действий с их метаданными',
  access: 'public',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  input: z.object({}),
  output: z.object({
    actions: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .describe('Словарь всех доступных действий с метаданными'),
  }),
  async execute(_input, { services, caller }) {
    const visible = services.actions.list().filter((action) => canCall(action, caller))
    return success({ actions: Object.fromEntries(visible.map((a) => [a.name, describeAction(a)])) })
  },
})

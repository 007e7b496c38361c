import type { Logger } from '../platform/logger.ts'
import { getAvailableActions } from './hub.ts'
import { ActionRegistry } from './registry.ts'

/** The registry with every built-in action. Each feature adds its actions and service description here. */
export function createActionRegistry(log: Logger): ActionRegistry {
  return new ActionRegistry(log)
    .describeService('action_hub', 'Центральный хаб действий для маршрутизации к сервисам')
    .register(getAvailableActions)
}

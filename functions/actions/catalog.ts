import { botActions, botServiceDescriptions } from '../bots/actions/index.ts'
import type { Logger } from '../platform/logger.ts'
import { scenarioActions, scenarioServiceDescriptions } from '../scenarios/actions/index.ts'
import { resolveCapabilityAction } from '../services/registry-bridge.ts'
import { TENANT_HUB_DESCRIPTION, tenantActions } from '../tenants/actions/index.ts'
import { getAvailableActions } from './hub.ts'
import { ActionRegistry } from './registry.ts'

/** The registry with every built-in action. Each feature adds its actions and service description here. */
export function createActionRegistry(log: Logger): ActionRegistry {
  const registry = new ActionRegistry(log)
  for (const [service, description] of [
    ...botServiceDescriptions,
    ...scenarioServiceDescriptions,
  ]) {
    registry.describeService(service, description)
  }
  return (
    registry
      .describeService('action_hub', 'Центральный хаб действий для маршрутизации к сервисам')
      .describeService('tenant_hub', TENANT_HUB_DESCRIPTION)
      .register(getAvailableActions)
      .register(...botActions, ...tenantActions)
      .register(...scenarioActions)
      // Connected services' actions (`<capability>.<action>`), looked up per caller organization.
      .resolveWith(resolveCapabilityAction)
  )
}

import type { Action } from '../../actions/define.ts'
import { getTenantStatus, getTenantsList, updateTenantConfig } from './tenant-info-actions.ts'
import {
  syncAllTenantsAction,
  syncTenantAction,
  syncTenantBot,
  syncTenantConfig,
  syncTenantData,
  syncTenantScenarios,
  syncTenantStorage,
  syncTenantsFromFiles,
} from './tenant-sync-actions.ts'

export const tenantActions: Action[] = [
  getTenantStatus,
  getTenantsList,
  syncAllTenantsAction,
  syncTenantAction,
  syncTenantBot,
  syncTenantConfig,
  syncTenantData,
  syncTenantScenarios,
  syncTenantStorage,
  syncTenantsFromFiles,
  updateTenantConfig,
]

export const TENANT_HUB_DESCRIPTION =
  'Сервис для управления конфигурациями тенантов - координатор загрузки данных'

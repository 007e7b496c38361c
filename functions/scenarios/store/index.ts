/** Storage of the scenario feature: scenarios, Tenant Storage, tenant users and their state, User Storage. */
export {
  invalidateTenantScenarios,
  loadTenantScenarios,
  replaceTenantScenarios,
  tenantScenarioIndex,
} from './tenant-scenarios.ts'
export {
  deleteStorage,
  listStorageGroups,
  readStorage,
  replaceStorageGroups,
  STORAGE_GROUPS_MAX,
  STORAGE_MAX_RECORDS,
  type StorageRow,
  type StorageSelector,
  writeStorage,
} from './tenant-storage.ts'
export {
  countTenantUsers,
  listTenantUserIds,
  readUserState,
  type TenantUserProfile,
  type UserState,
  upsertTenantUser,
  writeUserState,
} from './tenant-users.ts'
export {
  deleteUserStorage,
  readUserStorage,
  type UserStorageSelector,
  usersByStorageValue,
  writeUserStorage,
} from './user-storage.ts'

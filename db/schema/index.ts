export * from './api-keys.ts'
export * from './organizations.ts'
export * from './queue-jobs.ts'
export * from './users.ts'

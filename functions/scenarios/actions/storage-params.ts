import { z } from 'zod'
import { STORAGE_MAX_DEPTH } from '../../bots/storage-seed.ts'

export const tenantIdParam = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('ID тенанта (из контекста; другой — только системным тенантам)')

export const groupKeyPattern = z
  .string()
  .min(1)
  .optional()
  .describe('Шаблон группы ILIKE (% и _), если group_key не задан')

export const keyPattern = z
  .string()
  .min(1)
  .optional()
  .describe('Шаблон ключа ILIKE (% и _), если key не задан')

export const formatParam = z
  .boolean()
  .optional()
  .describe('Добавить formatted_text: те же данные в YAML')

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf))
  if (value !== null && typeof value === 'object') {
    return 1 + Math.max(0, ...Object.values(value).map(depthOf))
  }
  return 0
}

/** Why a value cannot be stored, if it cannot: null (delete instead) or nesting past the limit. */
export function checkStoredValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null is not stored; delete the key instead'
  if (depthOf(value) > STORAGE_MAX_DEPTH) return `nested deeper than ${STORAGE_MAX_DEPTH} levels`
  return undefined
}

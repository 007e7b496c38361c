import type { z } from 'zod'

type Base = 'string' | 'number' | 'boolean' | 'other'

type Field = { base: Base; optional: boolean }

/** Looks through optional/nullable/default wrappers to the type an input field finally expects. */
function describeField(schema: z.ZodType): Field {
  let current: z.ZodType = schema
  let optional = false
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType }
    if (
      (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') &&
      def.innerType
    ) {
      optional = true
      current = def.innerType
      continue
    }
    const base: Base =
      def.type === 'string' || def.type === 'number' || def.type === 'boolean' ? def.type : 'other'
    return { base, optional }
  }
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/**
 * Coreness's lenient input rules, applied before validation so scenario authors can pass values
 * rendered from placeholders: numeric strings become numbers, "true"/"false" booleans, numbers and
 * booleans become strings where a string is expected, and "" means unset for optional non-strings.
 */
export function coerceInput(
  schema: z.ZodObject,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const output: Record<string, unknown> = { ...input }
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (!(key in output)) continue
    const value = output[key]
    const field = describeField(fieldSchema)
    if (value === '' && field.optional && field.base !== 'string') {
      delete output[key]
      continue
    }
    if (field.base === 'number' && typeof value === 'string' && NUMERIC.test(value.trim())) {
      output[key] = Number(value.trim())
    } else if (field.base === 'boolean' && typeof value === 'string') {
      const lowered = value.trim().toLowerCase()
      if (lowered === 'true' || lowered === 'false') output[key] = lowered === 'true'
    } else if (
      field.base === 'string' &&
      (typeof value === 'number' || typeof value === 'boolean')
    ) {
      output[key] = String(value)
    }
  }
  return output
}

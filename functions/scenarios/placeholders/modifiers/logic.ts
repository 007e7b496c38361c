import { isPyNumber, numericValue } from '../python/py-float.ts'
import { isNone, pyTruthy } from '../python/py-ops.ts'
import { pyStrip } from '../python/py-text.ts'
import { pyStr } from '../python/python-str.ts'
import { determineResultType } from '../result-type.ts'
import type { Modifier } from './modifier.ts'

/** Only null and '' trigger it; False, 0, [] and {} are values. The default is type-inferred (`fallback:[]`). */
const fallback: Modifier = (value, param) => {
  if (!isNone(value) && value !== '') return value
  return param === null ? null : determineResultType(pyStrip(param))
}

/** `str(value) == str(param)`: booleans compare as "True"/"False". */
const equals: Modifier = (value, param) => pyStr(value) === pyStr(param)

/** `str(value)` is one of the comma-separated, stripped items. */
const inList: Modifier = (value, param) => {
  if (!param) return false
  return param.split(',').map(pyStrip).includes(pyStr(value))
}

/** Strings "true"/"false" (any case) are booleans, other strings are true when not blank. */
const isTrue: Modifier = (value) => {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const lower = pyStrip(value.toLowerCase())
    if (lower === 'true') return true
    if (lower === 'false') return false
    return pyStrip(value) !== ''
  }
  if (isPyNumber(value)) return numericValue(value) !== 0
  return pyTruthy(value)
}

/** The parameter text when the value is truthy, else '' (so `|value:A|fallback:B` is an if/else). */
const valueModifier: Modifier = (value, param) => (pyTruthy(value) ? pyStr(param) : '')

const exists: Modifier = (value) => !isNone(value) && value !== ''

const isNull: Modifier = (value) =>
  isNone(value) || value === '' || (typeof value === 'string' && value.toLowerCase() === 'null')

export const logicModifiers: Record<string, Modifier> = {
  fallback,
  equals,
  in_list: inList,
  true: isTrue,
  value: valueModifier,
  exists,
  is_null: isNull,
}

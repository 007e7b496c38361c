import { isNone, pyTruthy } from '../placeholders/python/py-ops.ts'
import { pyStr } from '../placeholders/python/python-str.ts'
import type { ConditionNode } from './ast.ts'
import { resolveField } from './field-path.ts'
import { containsText, isNullValue, pyIn, safeEq, safeOrder } from './operators.ts'

/**
 * Evaluates with the semantics of the Python Coreness generated: `and` / `or` return an operand (not a
 * bool), comparisons never raise, `in` raises on a non-container. Throws ConditionRuntimeError.
 */
export function evaluateNode(node: ConditionNode, data: unknown): unknown {
  switch (node.kind) {
    case 'const':
    case 'literal':
      return node.value
    case 'field':
      return resolveField(node.path, data)
    case 'tuple':
    case 'list':
      return node.items.map((item) => evaluateNode(item, data))
    case 'compare': {
      const left = evaluateNode(node.left, data)
      const right = evaluateNode(node.right, data)
      if (node.op === '==') return safeEq(left, right)
      if (node.op === '!=') return !safeEq(left, right)
      return isNone(left) || isNone(right) ? false : safeOrder(node.op, left, right)
    }
    case 'contains':
      return containsText(evaluateNode(node.left, data), node.needle) !== node.negate
    case 'regex': {
      const value = evaluateNode(node.left, data)
      return !isNone(value) && node.regex.test(pyStr(value))
    }
    case 'isNull':
      return isNullValue(evaluateNode(node.operand, data)) !== node.negate
    case 'membership': {
      let left = evaluateNode(node.left, data)
      for (const { op, right: rightNode } of node.rest) {
        const right = evaluateNode(rightNode, data)
        if (pyIn(left, right) === (op === 'not in')) return false
        left = right
      }
      return true
    }
    case 'not':
      return !pyTruthy(evaluateNode(node.operand, data))
    case 'and': {
      const left = evaluateNode(node.left, data)
      return pyTruthy(left) ? evaluateNode(node.right, data) : left
    }
    case 'or': {
      const left = evaluateNode(node.left, data)
      return pyTruthy(left) ? left : evaluateNode(node.right, data)
    }
  }
}

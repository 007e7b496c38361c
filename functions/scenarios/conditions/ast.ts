const COMPARE_OPS = ['==', '!=', '>', '<', '>=', '<='] as const
export type CompareOp = (typeof COMPARE_OPS)[number]

export const isCompareOp = (op: string): op is CompareOp =>
  (COMPARE_OPS as readonly string[]).includes(op)
export type MembershipOp = 'in' | 'not in'

/** One step of a `$a.b[0]` field path: a dict key or a (Python int) list index. */
export type FieldStep = { key: string } | { index: string }

/** The parsed condition; every node keeps the 0-based offset where it starts. */
export type ConditionNode =
  | { kind: 'const'; value: boolean; start: number }
  | { kind: 'literal'; value: unknown; start: number }
  | { kind: 'field'; path: FieldStep[]; text: string; start: number }
  | { kind: 'tuple'; items: ConditionNode[]; start: number }
  | { kind: 'list'; items: ConditionNode[]; start: number }
  | { kind: 'compare'; op: CompareOp; left: ConditionNode; right: ConditionNode; start: number }
  | { kind: 'contains'; negate: boolean; left: ConditionNode; needle: string; start: number }
  | { kind: 'regex'; left: ConditionNode; pattern: string; regex: RegExp; start: number }
  | { kind: 'isNull'; negate: boolean; operand: ConditionNode; start: number }
  | {
      kind: 'membership'
      left: ConditionNode
      rest: { op: MembershipOp; right: ConditionNode }[]
      start: number
    }
  | { kind: 'not'; operand: ConditionNode; start: number }
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode; start: number }

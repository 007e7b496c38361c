import { asPyFloat } from '../placeholders/python/py-float.ts'
import { compilePyRegex } from '../placeholders/python/py-regex.ts'
import { type ConditionNode, isCompareOp, type MembershipOp } from './ast.ts'
import { parseFieldPath } from './field-path.ts'
import { ConditionSyntaxError } from './syntax-error.ts'
import type { Token } from './tokenizer.ts'

/**
 * Recursive descent over Coreness's token stream, with the precedence its generated Python had:
 * `or` < `and` < `not` < `in`/`not in` < the "tight" operators (`==`, `~`, `regex`, `is_null`, `in [...]`),
 * which Coreness compiled into function calls on single operands, so they bind before everything else.
 */
export class ConditionParser {
  readonly tokens: Token[]
  readonly source: string
  readonly endPosition: number
  i = 0

  constructor(tokens: Token[], source: string) {
    this.tokens = tokens
    this.source = source
    this.endPosition = source.trimEnd().length
  }

  fail(detail: string, token = this.tokens[this.i]): never {
    throw new ConditionSyntaxError(detail, token?.start ?? this.endPosition, this.source)
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset]
  }

  next(what: string): Token {
    const token = this.tokens[this.i]
    if (!token) this.fail(`unexpected end of condition: expected ${what}`)
    this.i += 1
    return token
  }

  /**
   * The operand right after an operator. Coreness pasted an unknown character found there into its
   * generated Python, which then failed; elsewhere unknown characters are just dropped.
   */
  rightOperand(what: string): Token {
    const token = this.next(what)
    if (token.skipped !== undefined)
      this.fail(`unexpected '${token.skipped}' before '${token.text}'`, token)
    return token
  }

  isOp(token: Token | undefined, ...ops: string[]): boolean {
    return token?.type === 'op' && ops.includes(token.value)
  }

  parse(): ConditionNode {
    if (this.tokens.length === 0) this.fail('empty condition')
    const root = this.or()
    const rest = this.peek()
    if (rest) this.fail(`unexpected '${rest.text}' after a complete condition`)
    return root
  }

  or(): ConditionNode {
    let left = this.and()
    while (this.peek()?.type === 'or') {
      this.i += 1
      left = { kind: 'or', left, right: this.and(), start: left.start }
    }
    return left
  }

  and(): ConditionNode {
    let left = this.not()
    while (this.peek()?.type === 'and') {
      this.i += 1
      left = { kind: 'and', left, right: this.not(), start: left.start }
    }
    return left
  }

  not(): ConditionNode {
    const token = this.peek()
    if (token?.type !== 'not') return this.membership()
    this.i += 1
    return { kind: 'not', operand: this.not(), start: token.start }
  }

  /** Python comparison chain `a in b not in c` = `a in b and b not in c`. */
  membership(): ConditionNode {
    const left = this.unit()
    const rest: { op: MembershipOp; right: ConditionNode }[] = []
    while (this.isOp(this.peek(), 'in', 'not in')) {
      const op = this.next('an operator').value === 'in' ? 'in' : 'not in'
      rest.push({ op, right: this.unit() })
    }
    return rest.length === 0 ? left : { kind: 'membership', left, rest, start: left.start }
  }

  unit(): ConditionNode {
    let node = this.atom()
    for (;;) {
      const token = this.peek()
      if (token?.type !== 'op') return node
      const start = node.start
      if (isCompareOp(token.value)) {
        this.i += 1
        node = { kind: 'compare', op: token.value, left: node, right: this.atom(true), start }
      } else if (token.value === '~' || token.value === '!~' || token.value === 'regex') {
        this.i += 1
        const operand = this.rightOperand(`a string after '${token.value}'`)
        if (operand.type !== 'string' && operand.type !== 'word') {
          this.fail(`'${token.value}' needs a string on its right, got '${operand.text}'`, operand)
        }
        if (token.value === 'regex') node = this.regex(node, operand)
        else
          node = {
            kind: 'contains',
            negate: token.value === '!~',
            left: node,
            needle: operand.value,
            start,
          }
      } else if (token.value === 'is_null' || token.value === 'not is_null') {
        this.i += 1
        node = { kind: 'isNull', negate: token.value === 'not is_null', operand: node, start }
      } else if (this.isOp(token, 'in', 'not in') && this.peek(1)?.type === '[') {
        this.i += 1
        const op = token.value === 'in' ? 'in' : 'not in'
        node = { kind: 'membership', left: node, rest: [{ op, right: this.list() }], start }
      } else return node
    }
  }

  regex(left: ConditionNode, operand: Token): ConditionNode {
    try {
      return {
        kind: 'regex',
        left,
        pattern: operand.value,
        regex: compilePyRegex(operand.value),
        start: left.start,
      }
    } catch (error) {
      return this.fail(`bad regex '${operand.value}': ${(error as Error).message}`, operand)
    }
  }

  /** `[a, b c]`: operands only; commas are optional, a missing `]` ends the list at the end, as in Coreness. */
  list(): ConditionNode {
    const open = this.next("'['")
    const items: ConditionNode[] = []
    for (let token = this.peek(); token && token.type !== ']'; token = this.peek()) {
      if (token.type === ',') this.i += 1
      else items.push(this.operand(this.rightOperand('a list item')))
    }
    if (this.peek()?.type === ']') this.i += 1
    return { kind: 'list', items, start: open.start }
  }

  atom(afterOperator = false): ConditionNode {
    const token = afterOperator ? this.rightOperand('a value') : this.next('a value')
    if (token.type === '(') return this.parenthesized(token)
    if (token.type === '[') this.fail("a list is only allowed after 'in' or 'not in'", token)
    return this.operand(token)
  }

  parenthesized(open: Token): ConditionNode {
    if (this.peek()?.type === ')') {
      this.i += 1
      return { kind: 'tuple', items: [], start: open.start }
    }
    const first = this.or()
    if (this.peek()?.type !== ',') {
      if (this.peek()?.type !== ')')
        this.fail(`expected ')' to close the '(' at position ${open.start}`)
      this.i += 1
      return first
    }
    const items = [first]
    while (this.peek()?.type === ',') {
      this.i += 1
      if (this.peek()?.type === ')') break
      items.push(this.or())
    }
    if (this.peek()?.type !== ')')
      this.fail(`expected ')' to close the '(' at position ${open.start}`)
    this.i += 1
    return { kind: 'tuple', items, start: open.start }
  }

  operand(token: Token): ConditionNode {
    const start = token.start
    switch (token.type) {
      case 'bool':
        return { kind: 'literal', value: token.value.toLowerCase() === 'true', start }
      case 'none':
        return { kind: 'literal', value: null, start }
      case 'string':
      case 'word':
        return { kind: 'literal', value: token.value, start }
      case 'field':
        return { kind: 'field', path: parseFieldPath(token.text), text: token.text, start }
      case 'number':
        return { kind: 'literal', value: this.number(token), start }
      default:
        return this.fail(`expected a value, got '${token.text}'`, token)
    }
  }

  /** A Python number literal: ASCII digits, and no leading zeros on an integer. */
  number(token: Token): unknown {
    if (!/^-?[0-9]+(\.[0-9]+)?$/.test(token.text))
      this.fail(`'${token.text}' is not a number`, token)
    if (token.text.includes('.')) return asPyFloat(Number(token.text))
    if (/^-?0+[1-9]/.test(token.text)) {
      this.fail(`leading zeros are not allowed in '${token.text}'; quote it as a string`, token)
    }
    return Number(token.text)
  }
}

import { isPySpace, PY_SPACE } from '../placeholders/python/py-text.ts'
import { decodePyStringBody } from './py-literal.ts'
import { ConditionSyntaxError } from './syntax-error.ts'

export type TokenType =
  | 'bool'
  | 'none'
  | 'field'
  | 'string'
  | 'word'
  | 'number'
  | 'op'
  | 'and'
  | 'or'
  | 'not'
  | '('
  | ')'
  | '['
  | ']'
  | ','

/**
 * `value` is the decoded text of strings, the normalized operator, or the raw text otherwise. `skipped` is
 * the unknown text dropped just before this token, if any.
 */
export type Token = {
  type: TokenType
  text: string
  value: string
  start: number
  end: number
  skipped?: string
}

const W = String.raw`[\p{L}\p{N}_]`
const B = `(?<!${W})`
const E = `(?!${W})`
const SPACE = `[${PY_SPACE}]`

/** Coreness's tokenizer patterns, in its priority order (Python `\w`, `\d`, `\s` and `\b` are Unicode). */
const PATTERNS: [TokenType, RegExp][] = (
  [
    ['bool', `${B}(?:True|False|true|false)${E}`],
    ['none', `${B}None${E}`],
    ['field', String.raw`\$[\p{L}\p{N}_.]+(?:\[[^\]]+\](?:\.[\p{L}\p{N}_]+)*)*`],
    ['string', `"[^"]*"|'[^']*'`],
    ['word', String.raw`\p{Nd}+\.\p{Nd}+\.\p{Nd}+[.\p{Nd}${PY_SPACE}:]*`],
    ['word', String.raw`\p{Nd}+[a-zA-Z\-:][a-zA-Z0-9_\-:.]*`],
    ['number', String.raw`-?\p{Nd}+(?:\.\p{Nd}+)?`],
    ['op', `${B}not${SPACE}+(?:is_null|in)${E}`],
    ['and', `${B}and${E}`],
    ['or', `${B}or${E}`],
    ['not', `${B}not${E}`],
    ['op', '>=|<=|!=|==|!~|~|>|<'],
    ['op', `${B}(?:regex|is_null|in)${E}`],
    ['word', String.raw`${B}[\p{L}\p{N}_][\p{L}\p{M}\p{N}_\-:.]*(?<=[\p{L}\p{M}\p{N}_])`],
    ['(', String.raw`\(`],
    [')', String.raw`\)`],
    ['[', String.raw`\[`],
    [']', String.raw`\]`],
    [',', ','],
  ] as const
).map(([type, source]) => [type, new RegExp(source, 'uy')])

const STOP = new Set(['=', '!', '>', '<', '~', '&', '|', '(', ')', '[', ']', ','])

/**
 * Coreness widens a string holding two or more dots over following digits, dots and colons, so that
 * `25.12.2024 15:30` is one token.
 */
function widenDotted(s: string, start: number, end: number): number {
  let j = end
  while (j < s.length && isPySpace(s[j])) j += 1
  while (j < s.length) {
    const ch = s[j] ?? ''
    if (STOP.has(ch) || isPySpace(ch) || !/[\p{Nd}.:]/u.test(ch)) break
    j += 1
  }
  let k = j
  while (k > start && isPySpace(s[k - 1])) k -= 1
  return k
}

function matchAt(s: string, pos: number): { type: TokenType; end: number } | undefined {
  for (const [type, regex] of PATTERNS) {
    regex.lastIndex = pos
    if (regex.exec(s)) return { type, end: regex.lastIndex }
  }
  return undefined
}

/** Tokenizes `source`; characters no pattern accepts are skipped and reported in `warnings`. */
export function tokenize(source: string): { tokens: Token[]; warnings: string[] } {
  let lo = 0
  let hi = source.length
  while (lo < hi && isPySpace(source[lo])) lo += 1
  while (hi > lo && isPySpace(source[hi - 1])) hi -= 1
  const s = source.slice(lo, hi)
  const tokens: Token[] = []
  const warnings: string[] = []
  let pos = 0
  let unknownStart = -1
  let skipped: string | undefined
  const flushUnknown = () => {
    if (unknownStart === -1) return
    skipped = s.slice(unknownStart, pos)
    warnings.push(`ignored '${skipped}' at position ${unknownStart + lo}`)
    unknownStart = -1
  }
  while (pos < s.length) {
    if (isPySpace(s[pos])) {
      if (unknownStart !== -1) flushUnknown()
      pos += 1
      continue
    }
    const match = matchAt(s, pos)
    if (!match) {
      if (unknownStart === -1) unknownStart = pos
      pos += String.fromCodePoint(s.codePointAt(pos) ?? 0).length
      continue
    }
    flushUnknown()
    let { end } = match
    const { type } = match
    let text = s.slice(pos, end)
    if ((type === 'string' || type === 'word') && text.split('.').length > 2) {
      end = widenDotted(s, pos, end)
      const widened = s.slice(pos, end)
      if (type === 'string' && widened !== text) {
        throw new ConditionSyntaxError('unexpected text after a quoted string', pos + lo, source)
      }
      text = widened
    }
    const value = tokenValue(type, text, pos + lo, source)
    tokens.push({ type, text, value, start: pos + lo, end: end + lo, ...(skipped && { skipped }) })
    skipped = undefined
    pos = end
  }
  flushUnknown()
  return { tokens, warnings }
}

function tokenValue(type: TokenType, text: string, start: number, source: string): string {
  if (type === 'op') return text.replace(new RegExp(`${SPACE}+`, 'u'), ' ')
  if (type !== 'string') return text
  const decoded = decodePyStringBody(text.slice(1, -1))
  if ('error' in decoded) throw new ConditionSyntaxError(decoded.error, start, source)
  return decoded.value
}

import { PY_SPACE } from './py-text.ts'

/** A pattern Python's `re` would reject, or one using a feature JS regexes cannot express. */
export class PyRegexError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PyRegexError'
  }
}

export type Flags = {
  ascii: boolean
  ignoreCase: boolean
  multiline: boolean
  dotAll: boolean
  verbose: boolean
}

const UNICODE_WORD = String.raw`[\p{L}\p{N}_]`
const ASCII_WORD = '[A-Za-z0-9_]'
const OCTAL = /^[0-7]$/
const CONTROL: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 }

export const literal = (code: number): string =>
  /^[A-Za-z0-9]$/.test(String.fromCodePoint(code))
    ? String.fromCodePoint(code)
    : `\\u{${code.toString(16)}}`

/** Lexical part of the translation: escapes and character classes, with Python's rules. */
export class PatternReader {
  readonly p: string
  readonly flags: Flags = {
    ascii: false,
    ignoreCase: false,
    multiline: false,
    dotAll: false,
    verbose: false,
  }
  i = 0

  constructor(pattern: string) {
    this.p = pattern
  }

  fail(message: string): never {
    throw new PyRegexError(`${message} at position ${this.i}`)
  }

  word(negate: boolean): string {
    const set = this.flags.ascii ? ASCII_WORD : UNICODE_WORD
    return negate ? `[^${set.slice(1)}` : set
  }

  space(negate: boolean): string {
    return `[${negate ? '^' : ''}${this.flags.ascii ? ' \\t\\n\\r\\f\\v' : PY_SPACE}]`
  }

  digit(negate: boolean): string {
    if (this.flags.ascii) return negate ? '[^0-9]' : '[0-9]'
    return negate ? '\\P{Nd}' : '\\p{Nd}'
  }

  hexEscape(width: number): number {
    const digits = this.p.slice(this.i, this.i + width)
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) this.fail('incomplete escape')
    this.i += width
    const code = Number.parseInt(digits, 16)
    if (code > 0x10ffff) this.fail('bad escape')
    return code
  }

  octal(first: string): number {
    let digits = first
    while (digits.length < 3 && OCTAL.test(this.p[this.i] ?? '')) {
      digits += this.p[this.i]
      this.i += 1
    }
    return Number.parseInt(digits, 8)
  }

  /** One escape after the backslash; `set` text for class escapes, a code point otherwise. */
  escape(inClass: boolean): { set: string } | { code: number } | { raw: string } {
    const c = this.p[this.i]
    if (c === undefined) this.fail('bad escape (end of pattern)')
    this.i += 1
    if (c === 'd' || c === 'D') return { set: this.digit(c === 'D') }
    if (c === 'w' || c === 'W') return { set: this.word(c === 'W') }
    if (c === 's' || c === 'S') return { set: this.space(c === 'S') }
    const control = CONTROL[c]
    if (control !== undefined) return { code: control }
    if (c === 'x') return { code: this.hexEscape(2) }
    if (c === 'u') return { code: this.hexEscape(4) }
    if (c === 'U') return { code: this.hexEscape(8) }
    if (inClass && c === 'b') return { code: 8 }
    if (c === '0') return { code: this.octal('0') }
    if (/[1-9]/.test(c)) {
      const next = this.p.slice(this.i, this.i + 2)
      if (c <= '3' && /^[0-7]{2}$/.test(next) && OCTAL.test(c)) return { code: this.octal(c) }
      if (inClass) {
        if (OCTAL.test(c)) return { code: this.octal(c) }
        this.fail(`bad escape \\${c}`)
      }
      let group = c
      if (/[0-9]/.test(this.p[this.i] ?? '')) {
        group += this.p[this.i]
        this.i += 1
      }
      return { raw: `(?:\\${group})` }
    }
    if (!inClass) {
      const W = this.word(false)
      const boundary: Record<string, string> = {
        b: `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`,
        B: `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`,
        A: '(?<![\\s\\S])',
        Z: '(?![\\s\\S])',
      }
      const anchor = boundary[c]
      if (anchor !== undefined) return { raw: anchor }
    }
    if (/[A-Za-z]/.test(c)) this.fail(`bad escape \\${c}`)
    this.i -= 1
    const code = this.p.codePointAt(this.i) ?? 0
    this.i += String.fromCodePoint(code).length
    return { code }
  }

  charClass(): string {
    this.i += 1
    let out = '['
    if (this.p[this.i] === '^') {
      out += '^'
      this.i += 1
    }
    let first = true
    for (;;) {
      const c = this.p[this.i]
      if (c === undefined) this.fail('unterminated character set')
      if (c === ']' && !first) break
      first = false
      const start = this.classAtom()
      if (
        this.p[this.i] === '-' &&
        this.p[this.i + 1] !== ']' &&
        this.p[this.i + 1] !== undefined
      ) {
        this.i += 1
        const end = this.classAtom()
        if (!('code' in start) || !('code' in end)) this.fail('bad character range')
        if (end.code < start.code) this.fail('bad character range')
        out += `${literal(start.code)}-${literal(end.code)}`
      } else {
        out += 'code' in start ? literal(start.code) : start.set
      }
    }
    this.i += 1
    return `${out}]`
  }

  classAtom(): { set: string } | { code: number } {
    if (this.p[this.i] === '\\') {
      this.i += 1
      const esc = this.escape(true)
      if ('raw' in esc) this.fail('bad escape in character set')
      return esc
    }
    const code = this.p.codePointAt(this.i) ?? 0
    this.i += String.fromCodePoint(code).length
    return { code }
  }
}

import { literal, PatternReader, PyRegexError } from './py-regex-reader.ts'

export { PyRegexError } from './py-regex-reader.ts'

const VERBOSE_SPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f'])
const FLAG_LETTERS = /^\(\?([aiLmsux]+)\)/

/**
 * Translates a Python `re` pattern (Python 3.11, str pattern, used with `re.search`) to a JS regex with the
 * same meaning: Unicode `\d \w \s \b`, `.` that only excludes `\n`, `$` that also matches before a final
 * newline, `(?P<name>…)`, `{,n}`, literal `{` that is not a quantifier, and Python's escape rules.
 */
class Translator extends PatternReader {
  run(): RegExp {
    for (
      let m = FLAG_LETTERS.exec(this.p.slice(this.i));
      m;
      m = FLAG_LETTERS.exec(this.p.slice(this.i))
    ) {
      for (const letter of m[1] ?? '') {
        if (letter === 'L') this.fail('the L flag is not allowed with a str pattern')
        if (letter === 'a') this.flags.ascii = true
        if (letter === 'i') this.flags.ignoreCase = true
        if (letter === 'm') this.flags.multiline = true
        if (letter === 's') this.flags.dotAll = true
        if (letter === 'x') this.flags.verbose = true
      }
      this.i += m[0].length
    }
    const source = this.sequence()
    if (this.i < this.p.length) this.fail('unbalanced parenthesis')
    try {
      return new RegExp(source, this.flags.ignoreCase ? 'vi' : 'v')
    } catch (error) {
      throw new PyRegexError(`unsupported pattern: ${(error as Error).message}`)
    }
  }

  group(): string {
    const rest = this.p.slice(this.i)
    let open = '('
    if (rest.startsWith('(?')) {
      const named = /^\(\?P<([\p{L}_][\p{L}\p{N}_]*)>/u.exec(rest)
      const backref = /^\(\?P=([\p{L}_][\p{L}\p{N}_]*)\)/u.exec(rest)
      const plain = /^\(\?(?::|=|!|<=|<!)/.exec(rest)
      if (backref) {
        this.i += backref[0].length
        return `(?:\\k<${backref[1]}>)`
      }
      if (rest.startsWith('(?#')) {
        const end = this.p.indexOf(')', this.i)
        if (end === -1) this.fail('missing ), unterminated comment')
        this.i = end + 1
        return ''
      }
      if (named) open = `(?<${named[1]}>`
      else if (plain) open = plain[0]
      else this.fail('unsupported group syntax (scoped flags, conditionals and atomic groups)')
      this.i += named ? named[0].length : open.length
    } else {
      this.i += 1
    }
    const inner = this.sequence()
    if (this.p[this.i] !== ')') this.fail('missing ), unterminated subpattern')
    this.i += 1
    return `${open}${inner})`
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}`; undefined when the brace is a literal. */
  braces(): string | undefined {
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.p.slice(this.i))
    if (!m || (m[1] === '' && m[2] === undefined)) return undefined
    const min = m[1] ? Number(m[1]) : 0
    const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : undefined
    if (max !== undefined && max < min) this.fail('min repeat greater than max repeat')
    this.i += m[0].length
    return max === undefined ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`
  }

  sequence(): string {
    let out = ''
    let canRepeat = false
    let repeated = false
    const atom = (text: string, repeatable = true) => {
      out += text
      canRepeat = repeatable
      repeated = false
    }
    while (this.i < this.p.length) {
      const c = this.p[this.i] ?? ''
      if (this.flags.verbose && VERBOSE_SPACE.has(c)) {
        this.i += 1
        continue
      }
      if (this.flags.verbose && c === '#') {
        const end = this.p.indexOf('\n', this.i)
        this.i = end === -1 ? this.p.length : end + 1
        continue
      }
      if (c === ')') break
      const quantifier =
        c === '*' || c === '+' || c === '?' ? c : c === '{' ? this.braces() : undefined
      if (quantifier !== undefined) {
        if (repeated) this.fail('multiple repeat')
        if (!canRepeat) this.fail('nothing to repeat')
        if (c !== '{') this.i += 1
        out += quantifier
        if (this.p[this.i] === '?') {
          out += '?'
          this.i += 1
        } else if (this.p[this.i] === '+') {
          this.fail('possessive quantifiers are not supported')
        }
        repeated = true
        continue
      }
      if (c === '|') {
        this.i += 1
        atom('|', false)
      } else if (c === '(') {
        const text = this.group()
        if (text !== '') atom(text)
      } else if (c === '[') {
        atom(this.charClass())
      } else if (c === '.') {
        this.i += 1
        atom(this.flags.dotAll ? '[\\s\\S]' : '[^\\n]')
      } else if (c === '^') {
        this.i += 1
        atom(this.flags.multiline ? '(?<![^\\n])' : '(?<![\\s\\S])', false)
      } else if (c === '$') {
        this.i += 1
        atom(this.flags.multiline ? '(?![^\\n])' : '(?=\\n?(?![\\s\\S]))', false)
      } else if (c === '\\') {
        this.i += 1
        const esc = this.escape(false)
        if ('raw' in esc) atom(esc.raw, esc.raw.startsWith('(?:\\'))
        else atom('code' in esc ? literal(esc.code) : esc.set)
      } else {
        const code = this.p.codePointAt(this.i) ?? 0
        this.i += String.fromCodePoint(code).length
        atom(literal(code))
      }
    }
    return out
  }
}

const cache = new Map<string, RegExp | PyRegexError>()

/** Compiles a Python regex for `re.search` semantics; throws PyRegexError when Python would (or JS cannot). */
export function compilePyRegex(pattern: string): RegExp {
  let compiled = cache.get(pattern)
  if (compiled === undefined) {
    try {
      compiled = new Translator(pattern).run()
    } catch (error) {
      if (!(error instanceof PyRegexError)) throw error
      compiled = error
    }
    if (cache.size > 500) cache.clear()
    cache.set(pattern, compiled)
  }
  if (compiled instanceof PyRegexError) throw compiled
  return compiled
}

import { asPyFloat } from './py-float.ts'
import { setOwn } from './py-ops.ts'

class JsonError extends Error {}

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * Python `json.loads`: like JSON.parse, but a number with a fraction or exponent is a float (boxed when
 * integral so it still prints as "1.0"), and NaN / Infinity / -Infinity are accepted.
 */
export function pyJsonLoads(text: string): { ok: true; value: unknown } | { ok: false } {
  let i = 0
  const skip = () => {
    while (WHITESPACE.has(text[i] ?? '')) i += 1
  }
  const expect = (word: string) => {
    if (!text.startsWith(word, i)) throw new JsonError(word)
    i += word.length
  }
  const parseString = (): string => {
    i += 1
    let out = ''
    for (;;) {
      const ch = text[i]
      if (ch === undefined || ch < ' ') throw new JsonError('string')
      i += 1
      if (ch === '"') return out
      if (ch !== '\\') {
        out += ch
        continue
      }
      const esc = text[i] ?? ''
      i += 1
      if (esc === 'u') {
        const code = text.slice(i, i + 4)
        if (!/^[0-9a-fA-F]{4}$/.test(code)) throw new JsonError('escape')
        out += String.fromCharCode(Number.parseInt(code, 16))
        i += 4
      } else {
        const mapped = ESCAPES[esc]
        if (mapped === undefined) throw new JsonError('escape')
        out += mapped
      }
    }
  }
  const parseValue = (): unknown => {
    skip()
    const ch = text[i]
    if (ch === '{') {
      i += 1
      const obj: Record<string, unknown> = {}
      skip()
      if (text[i] === '}') {
        i += 1
        return obj
      }
      for (;;) {
        skip()
        if (text[i] !== '"') throw new JsonError('key')
        const key = parseString()
        skip()
        expect(':')
        setOwn(obj, key, parseValue())
        skip()
        if (text[i] === '}') {
          i += 1
          return obj
        }
        expect(',')
      }
    }
    if (ch === '[') {
      i += 1
      const list: unknown[] = []
      skip()
      if (text[i] === ']') {
        i += 1
        return list
      }
      for (;;) {
        list.push(parseValue())
        skip()
        if (text[i] === ']') {
          i += 1
          return list
        }
        expect(',')
      }
    }
    if (ch === '"') return parseString()
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', Number.NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length
        return value
      }
    }
    NUMBER.lastIndex = i
    const match = NUMBER.exec(text)
    if (!match) throw new JsonError('value')
    i = NUMBER.lastIndex
    const n = Number(match[0])
    return match[1] || match[2] ? asPyFloat(n) : n
  }
  try {
    const value = parseValue()
    skip()
    return i === text.length ? { ok: true, value } : { ok: false }
  } catch (error) {
    if (error instanceof JsonError) return { ok: false }
    throw error
  }
}

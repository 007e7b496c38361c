const SIMPLE: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
}

const HEX_WIDTH: Record<string, number> = { x: 2, u: 4, U: 8 }

/**
 * The value of a Python string literal's body (Coreness `eval`s the quoted token): `\n`, `\xhh`, octal
 * and friends are decoded, unknown escapes such as `\d` keep their backslash. Returns an error message
 * for what Python rejects.
 */
export function decodePyStringBody(body: string): { value: string } | { error: string } {
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? ''
    if (ch !== '\\') {
      out += ch
      continue
    }
    const next = body[i + 1]
    if (next === undefined) return { error: 'a backslash cannot end a quoted string' }
    i += 1
    const simple = SIMPLE[next]
    const width = HEX_WIDTH[next]
    if (simple !== undefined) out += simple
    else if (width !== undefined) {
      const digits = body.slice(i + 1, i + 1 + width)
      const code = Number.parseInt(digits, 16)
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits) || code > 0x10ffff) {
        return { error: `bad \\${next} escape in a quoted string` }
      }
      out += String.fromCodePoint(code)
      i += width
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next
      out += String.fromCodePoint(Number.parseInt(digits, 8))
      i += digits.length - 1
    } else if (next === 'N') {
      return { error: 'named \\N{…} escapes are not supported' }
    } else {
      out += `\\${next}`
    }
  }
  return { value: out }
}

/** Characters Python's `str.isspace()` accepts; JS `\s` differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
export const PY_SPACE =
  ' \\t\\n\\r\\v\\f\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'

const EDGE_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g')
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`)
const SPACE_CHAR = new RegExp(`[${PY_SPACE}]`)

/** Python `str.strip()` with no argument. */
export const pyStrip = (text: string): string => text.replace(EDGE_SPACE, '')

export const pyLstrip = (text: string): string => text.replace(LEADING_SPACE, '')

export const isPySpace = (ch: string | undefined): boolean =>
  ch !== undefined && ch.length > 0 && SPACE_CHAR.test(ch)

/** Python `len(text)`: code points, not UTF-16 units. */
export const pyLen = (text: string): number => {
  let n = 0
  for (const _ of text) n += 1
  return n
}

/** Python `text[start:end]` over code points, with Python's negative-index rules. */
export function pySlice(text: string, start: number | undefined, end: number | undefined): string {
  return Array.from(text).slice(start, end).join('')
}

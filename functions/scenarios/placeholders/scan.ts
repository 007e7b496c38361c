import { isPySpace } from './python/py-text.ts'

export type Span = { start: number; end: number; content: string }

export const hasBraces = (text: string): boolean => text.includes('{') && text.includes('}')

/**
 * The top-level `{…}` placeholders of `text`, braces balanced to any depth. An opening brace without a
 * match is plain text (the scan restarts after it) and so is `{}`, as in Coreness.
 */
export function scanPlaceholders(text: string): Span[] {
  const spans: Span[] = []
  let from = 0
  for (;;) {
    const open = text.indexOf('{', from)
    if (open === -1) return spans
    let depth = 0
    let close = -1
    for (let j = open; j < text.length; j++) {
      if (text[j] === '{') depth += 1
      else if (text[j] === '}') {
        depth -= 1
        if (depth === 0) {
          close = j
          break
        }
      }
    }
    if (close === -1 || close === open + 1) {
      from = open + 1
      continue
    }
    spans.push({ start: open, end: close + 1, content: text.slice(open + 1, close) })
    from = close + 1
  }
}

const skipSpace = (s: string, i: number): number => {
  let j = i
  while (isPySpace(s[j])) j += 1
  return j
}

const ARITHMETIC = '+-*/%'

/**
 * Where the quoted part of a segment begins, if it has one: the head literal, or a modifier parameter
 * (after `name:` or an arithmetic sign). -1 when the segment cannot hold a quoted part.
 */
function quoteStart(s: string, start: number, head: boolean, plainEnd: number): number {
  let q = skipSpace(s, start)
  if (!head) {
    const first = s[q]
    if (first !== undefined && ARITHMETIC.includes(first)) q = skipSpace(s, q + 1)
    else {
      const colon = s.indexOf(':', q)
      if (colon === -1 || colon > plainEnd) return -1
      q = skipSpace(s, colon + 1)
    }
  }
  return s[q] === "'" || s[q] === '"' ? q : -1
}

/** End of the quoted part opening at `q`: a matching quote followed only by spaces, then `|` or the end. */
function quotedEnd(s: string, q: number, head: boolean): number {
  const quote = s[q]
  for (let j = q + 1; j < s.length; j++) {
    if (head && s[j] === '\\') {
      j += 1
      continue
    }
    if (s[j] !== quote) continue
    const after = skipSpace(s, j + 1)
    if (after >= s.length || s[after] === '|') return after
  }
  return -1
}

export type Segment = { text: string; unterminatedQuote: boolean }

/**
 * Splits placeholder content on `|` as Coreness does, except that a `|` inside a quoted head literal or a
 * quoted modifier parameter (`regex:'(a|b)'`) does not split. A quote that never closes falls back to
 * Coreness's plain split.
 */
export function splitSegments(content: string): Segment[] {
  const segments: Segment[] = []
  let start = 0
  for (;;) {
    const head = segments.length === 0
    const pipe = content.indexOf('|', start)
    const plainEnd = pipe === -1 ? content.length : pipe
    const q = quoteStart(content, start, head, plainEnd)
    const quoted = q === -1 ? -1 : quotedEnd(content, q, head)
    const end = quoted === -1 ? plainEnd : quoted
    segments.push({ text: content.slice(start, end), unterminatedQuote: q !== -1 && quoted === -1 })
    if (end >= content.length) return segments
    start = end + 1
  }
}

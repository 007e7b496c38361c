const CASED = /\p{Cased}/u

/** Lowercases `tail` as it reads after `lead`, so a final sigma gets the context Python gives it. */
function lowerAfter(lead: string, tail: string): string {
  return (lead + tail).toLowerCase().slice(lead.toLowerCase().length)
}

/** Python's titlecase of one character: like upper, but a multi-letter result keeps only its first capital. */
function titleChar(ch: string): string {
  const special: Record<string, string> = {
    ǆ: 'ǅ',
    Ǆ: 'ǅ',
    ǅ: 'ǅ',
    ǉ: 'ǈ',
    Ǉ: 'ǈ',
    ǈ: 'ǈ',
    ǌ: 'ǋ',
    Ǌ: 'ǋ',
    ǋ: 'ǋ',
  }
  const mapped = special[ch]
  if (mapped) return mapped
  const upper = ch.toUpperCase()
  const [first = '', ...rest] = Array.from(upper)
  return rest.length > 0 ? first + rest.join('').toLowerCase() : upper
}

/** Python `str.title()`: a letter after a cased letter is lowered, any other letter is titlecased. */
export function pyTitle(text: string): string {
  let out = ''
  let previousCased = false
  let run = ''
  let lead = ''
  for (const ch of text) {
    if (previousCased) run += ch
    else {
      out += lowerAfter(lead, run)
      run = ''
      lead = titleChar(ch)
      out += lead
    }
    previousCased = CASED.test(ch)
  }
  return out + lowerAfter(lead, run)
}

/** Python 3.8+ `str.capitalize()`: first character titlecased, the rest lowered. */
export function pyCapitalize(text: string): string {
  const [first, ...rest] = Array.from(text)
  if (first === undefined) return ''
  const lead = titleChar(first)
  return lead + lowerAfter(lead, rest.join(''))
}

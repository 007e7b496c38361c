/*
 * Just enough language handling for a deterministic planner over Russian and English: tokens,
 * a crude stemmer, and a small bilingual concept table so "отелей", "hotels" and an action named
 * get_top_hotels meet on the same term.
 */

export type Token = { text: string; lower: string; term: string; index: number }

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== '')
}

// Longer endings first: the first one that fits is stripped.
const russianEndings = words(`
  ируйте ировать ируй ами ями ого его ому ему ыми ими ить ать ять еть ете ите аем ием ией ия ие
  ий ей ый ой ая яя ое ее ые их ых ов ев ам ям ах ях ом ем ую юю а я о е ы и у ю ь й`)
const englishEndings = ['ies', 'ing', 'ed', 'es', 's']
const STEM_LENGTH = 6

/** Lower-cases, strips one inflectional ending, and truncates; good enough to match word forms. */
export function stem(word: string): string {
  const lower = word.toLowerCase().replaceAll('ё', 'е')
  if (/^\d+$/.test(lower)) return lower
  const endings = /[а-я]/.test(lower) ? russianEndings : englishEndings
  const ending = endings.find((end) => lower.endsWith(end) && lower.length - end.length >= 3)
  const base = ending ? lower.slice(0, -ending.length) : lower
  return base.slice(0, STEM_LENGTH)
}

const conceptWords: Record<string, string[]> = {
  user: words('user users пользователь пользователи юзер customer клиент'),
  hotel: words('hotel hotels отель отели гостиница'),
  offer: words('offer offers оффер офферы предложение'),
  email: words('email mail почта письмо письма'),
  send: words('send отправить отправь разослать рассылка deliver mailing'),
  get: words(`get fetch list load find pick select получить получи найти подбери подобрать
    выбрать загрузить`),
  segment: words('segment segmentation сегментировать сегментация сегмент'),
  assign: words('assign match назначить назначь распределить сопоставить'),
  day: words('day days день дней дня дни сутки'),
  recent: words('recent last back past последние последний недавний прошлые'),
  limit: words('top limit max count топ лимит максимум количество best лучшие'),
  template: words('template шаблон'),
  city: words('city town город'),
  active: words('active активный активные'),
  personal: words('personal personalized персональный персональные'),
  report: words('report отчёт отчет'),
  preference: words('preference preferences предпочтение предпочтения'),
}

const conceptByStem = new Map<string, string>()
for (const [concept, words] of Object.entries(conceptWords)) {
  for (const word of words) conceptByStem.set(stem(word), concept)
}

const stopWords = new Set(
  words(`и в во на по за для с со к ко из от до а но или все всех всем это мне нам их затем потом
    пожалуйста the a an and or to of in on for by with from all me us please then who that use
    using id service сервис api via`),
)

/** A word's matching term: its concept when known, else its stem. */
export function termOf(word: string): string {
  const stemmed = stem(word)
  return conceptByStem.get(stemmed) ?? stemmed
}

// Concepts that only qualify a request (how many, how recent, where): never a missing capability.
const modifierConcepts = new Set(
  words('get day recent limit template city active personal preference'),
)

/** Whether a term names something a capability does or handles ("send", "email", "hotel"),
 *  as opposed to filler like "сформируй" or a modifier like "последние". */
export function isCapabilityConcept(term: string): boolean {
  return term in conceptWords && !modifierConcepts.has(term)
}

export function isConcept(term: string): boolean {
  return term in conceptWords
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word.toLowerCase())
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(/[\p{L}\p{N}_]+(?:\.\d+)?/gu)) {
    const raw = match[0]
    tokens.push({ text: raw, lower: raw.toLowerCase(), term: termOf(raw), index: match.index })
  }
  return tokens
}

/** Content terms of a text: identifiers are split on `_`, stop words and numbers dropped. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>()
  for (const token of tokenize(text)) {
    for (const part of token.text.split('_')) {
      if (part.length < 2 || isStopWord(part) || /^\d/.test(part)) continue
      terms.add(termOf(part))
    }
  }
  return terms
}

/** Identifier-like values (`offer_template_2026`, `tpl42`) as opposed to plain words. */
export function isIdentifier(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+$/.test(word) || /^[A-Za-z]+\d+\w*$/.test(word)
}

/*
 * Just enough language handling for a deterministic planner over Russian and English: tokens,
 * a crude stemmer, and a small bilingual concept table so "отелей", "hotels" and an action named
 * get_top_hotels meet on the same term.
 */

export type Token = { text: string; lower: string; term: string; index: number }

const russianEndings = [
  'ируйте',
  'ировать',
  'ируй',
  'ами',
  'ями',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ить',
  'ать',
  'ять',
  'еть',
  'ете',
  'ите',
  'аем',
  'ием',
  'ией',
  'ия',
  'ие',
  'ий',
  'ей',
  'ый',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'их',
  'ых',
  'ов',
  'ев',
  'ам',
  'ям',
  'ах',
  'ях',
  'ом',
  'ем',
  'ую',
  'юю',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'й',
]
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
  user: ['user', 'users', 'пользователь', 'пользователи', 'юзер', 'customer', 'клиент'],
  hotel: ['hotel', 'hotels', 'отель', 'отели', 'гостиница'],
  offer: ['offer', 'offers', 'оффер', 'офферы', 'предложение'],
  email: ['email', 'mail', 'почта', 'письмо', 'письма'],
  send: ['send', 'отправить', 'отправь', 'разослать', 'рассылка', 'deliver', 'mailing'],
  get: [
    'get',
    'fetch',
    'list',
    'load',
    'find',
    'pick',
    'select',
    'получить',
    'получи',
    'найти',
    'подбери',
    'подобрать',
    'выбрать',
    'загрузить',
  ],
  segment: ['segment', 'segmentation', 'сегментировать', 'сегментация', 'сегмент'],
  assign: ['assign', 'match', 'назначить', 'назначь', 'распределить', 'сопоставить'],
  day: ['day', 'days', 'день', 'дней', 'дня', 'дни', 'сутки'],
  recent: ['recent', 'last', 'back', 'past', 'последние', 'последний', 'недавний', 'прошлые'],
  limit: [
    'top',
    'limit',
    'max',
    'count',
    'топ',
    'лимит',
    'максимум',
    'количество',
    'best',
    'лучшие',
  ],
  template: ['template', 'шаблон'],
  city: ['city', 'town', 'город'],
  active: ['active', 'активный', 'активные'],
  personal: ['personal', 'personalized', 'персональный', 'персональные'],
  report: ['report', 'отчёт', 'отчет'],
  preference: ['preference', 'preferences', 'предпочтение', 'предпочтения'],
}

const conceptByStem = new Map<string, string>()
for (const [concept, words] of Object.entries(conceptWords)) {
  for (const word of words) conceptByStem.set(stem(word), concept)
}

const stopWords = new Set(
  [
    'и',
    'в',
    'во',
    'на',
    'по',
    'за',
    'для',
    'с',
    'со',
    'к',
    'ко',
    'из',
    'от',
    'до',
    'а',
    'но',
    'или',
    'все',
    'всех',
    'всем',
    'это',
    'мне',
    'нам',
    'их',
    'затем',
    'потом',
    'пожалуйста',
    'the',
    'a',
    'an',
    'and',
    'or',
    'to',
    'of',
    'in',
    'on',
    'for',
    'by',
    'with',
    'from',
    'all',
    'me',
    'us',
    'please',
    'then',
    'who',
    'that',
    'use',
    'using',
    'id',
    'service',
    'сервис',
    'api',
    'via',
  ].map((word) => word.toLowerCase()),
)

/** A word's matching term: its concept when known, else its stem. */
export function termOf(word: string): string {
  const stemmed = stem(word)
  return conceptByStem.get(stemmed) ?? stemmed
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

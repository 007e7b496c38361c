/**
 * Callback data derived from a bare button label, as Coreness does it: emoji removed, lowercased,
 * transliterated to ASCII, reduced to `[a-z0-9_-]` with spaces as `_`, at most 60 characters.
 * So `"📋 Главное меню"` becomes `glavnoe_meniu`.
 */

export const CALLBACK_DATA_LIMIT = 60
/** Used when nothing is left of the label (emoji only, or a script we cannot transliterate). */
export const FALLBACK_CALLBACK_DATA = 'unknown_button'

const EMOJI =
  /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\u20e3|\ufe0e|\ufe0f/gu

// The letters NFKD cannot reduce to ASCII; values follow Python's unidecode, which Coreness uses.
// biome-ignore format: a lookup table reads better packed
const TRANSLITERATION: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'io', ж: 'zh', з: 'z', и: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  є: 'ie', і: 'i', ї: 'yi', ґ: 'g', ў: 'u',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i',
}

function transliterate(text: string): string {
  let result = ''
  for (const char of text.normalize('NFC')) result += TRANSLITERATION[char] ?? char
  return result.normalize('NFKD').replace(/\p{M}/gu, '')
}

export function buttonCallbackData(label: string): string {
  const ascii = transliterate(label.replace(EMOJI, '').toLowerCase().trim())
  const slug = ascii
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/\s+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, CALLBACK_DATA_LIMIT)
  // Telegram rejects empty callback data, which would fail the whole message.
  return slug === '' ? FALLBACK_CALLBACK_DATA : slug
}

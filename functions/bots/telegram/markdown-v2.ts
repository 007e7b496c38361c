/**
 * Plain Markdown → Telegram MarkdownV2, so scenario authors can write `**bold**` and `a.b!` without
 * escaping every reserved character (Coreness did this with telegramify-markdown). Recognized:
 * ```pre```, `code`, **bold**, __bold__, *italic*, _italic_, ~~strike~~, ||spoiler||, [text](url).
 * A backslash before a reserved character keeps it literal; everything else is escaped.
 */

const RESERVED = /[_*[\]()~`>#+\-=|{}.!\\]/g

export function escapeMarkdownV2(text: string): string {
  return text.replace(RESERVED, '\\$&')
}

const escapeCode = (text: string) => text.replace(/[`\\]/g, '\\$&')
const escapeUrl = (text: string) => text.replace(/[)\\]/g, '\\$&')

type Rule = { pattern: RegExp; render: (match: RegExpExecArray) => string }

const RULES: Rule[] = [
  {
    pattern: /^```([\w+-]*)\n?([\s\S]*?)```/,
    render: (m) => `\`\`\`${m[1] ?? ''}\n${escapeCode(m[2] ?? '')}\`\`\``,
  },
  { pattern: /^`([^`\n]+)`/, render: (m) => `\`${escapeCode(m[1] ?? '')}\`` },
  { pattern: /^\*\*(?=\S)([\s\S]*?\S)\*\*/, render: (m) => `*${toMarkdownV2(m[1] ?? '')}*` },
  { pattern: /^__(?=\S)([\s\S]*?\S)__/, render: (m) => `*${toMarkdownV2(m[1] ?? '')}*` },
  { pattern: /^~~(?=\S)([\s\S]*?\S)~~/, render: (m) => `~${toMarkdownV2(m[1] ?? '')}~` },
  { pattern: /^\|\|(?=\S)([\s\S]*?\S)\|\|/, render: (m) => `||${toMarkdownV2(m[1] ?? '')}||` },
  { pattern: /^\*(?=\S)([^*\n]*?\S)\*/, render: (m) => `_${toMarkdownV2(m[1] ?? '')}_` },
  { pattern: /^_(?=\S)([^_\n]*?\S)_(?!\w)/, render: (m) => `_${toMarkdownV2(m[1] ?? '')}_` },
  {
    // One level of balanced parentheses inside the URL, as Markdown allows.
    pattern: /^\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/,
    render: (m) => `[${toMarkdownV2(m[1] ?? '')}](${escapeUrl(m[2] ?? '')})`,
  },
]

export function toMarkdownV2(text: string): string {
  let output = ''
  let index = 0
  while (index < text.length) {
    const rest = text.slice(index)
    const char = rest[0] ?? ''
    if (char === '\\' && rest.length > 1 && /[_*[\]()~`>#+\-=|{}.!\\]/.test(rest[1] ?? '')) {
      output += `\\${rest[1]}`
      index += 2
      continue
    }
    let matched = false
    if (/[`*_~|[]/.test(char)) {
      for (const rule of RULES) {
        const match = rule.pattern.exec(rest)
        if (match) {
          output += rule.render(match)
          index += match[0].length
          matched = true
          break
        }
      }
    }
    if (!matched) {
      output += escapeMarkdownV2(char)
      index += 1
    }
  }
  return output
}

import { describe, expect, it } from 'vitest'
import { escapeMarkdownV2, toMarkdownV2 } from '../../functions/bots/telegram/markdown-v2.ts'

describe('plain Markdown → MarkdownV2', () => {
  it.each([
    ['Price: 1.5 (50% off!)', 'Price: 1\\.5 \\(50% off\\!\\)'],
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_ words', '_italic_ and _italic_ words'],
    ['~~gone~~ ||secret||', '~gone~ ||secret||'],
    ['snake_case_name stays', 'snake\\_case\\_name stays'],
    ['`a.b_c` and ```js\nx = 1 + 2;\n```', '`a.b_c` and ```js\nx = 1 + 2;\n```'],
    ['[**Docs**](https://ex.com/a?b=c)', '[*Docs*](https://ex.com/a?b=c)'],
    ['already \\. escaped \\!', 'already \\. escaped \\!'],
    ['lone * star and 2*3', 'lone \\* star and 2\\*3'],
    ['emoji 👋 #tag', 'emoji 👋 \\#tag'],
  ])('%s', (input, expected) => {
    expect(toMarkdownV2(input)).toBe(expected)
  })

  it('escapes every reserved character', () => {
    expect(escapeMarkdownV2('_*[]()~`>#+-=|{}.!\\')).toBe(
      '\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\',
    )
  })
})

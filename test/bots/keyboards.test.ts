import { describe, expect, test } from 'vitest'
import { buttonCallbackData } from '../../functions/bots/button-callback-data.ts'
import { buildKeyboard, buildReplyMarkup } from '../../functions/bots/keyboards.ts'

describe('buildReplyMarkup', () => {
  test('inline buttons: URL values become URL buttons, anything else callback data', () => {
    const markup = buildReplyMarkup({
      inline: [
        [{ '📋 Menu': 'menu' }, { '🌐 Site': 'https://example.com' }],
        [{ Chat: 'tg://resolve?domain=shop' }, { Plain: 'http://example.org' }],
      ],
    })
    expect(markup).toStrictEqual({
      inline_keyboard: [
        [
          { text: '📋 Menu', callback_data: 'menu' },
          { text: '🌐 Site', url: 'https://example.com' },
        ],
        [
          { text: 'Chat', url: 'tg://resolve?domain=shop' },
          { text: 'Plain', url: 'http://example.org' },
        ],
      ],
    })
  })

  test('a bare label gets callback data derived from its text', () => {
    expect(buildReplyMarkup({ inline: [['📋 Главное меню', 'Help me!']] })).toStrictEqual({
      inline_keyboard: [
        [
          { text: '📋 Главное меню', callback_data: 'glavnoe_meniu' },
          { text: 'Help me!', callback_data: 'help_me' },
        ],
      ],
    })
  })

  test('numbers are callback data as written; several keys make several buttons', () => {
    expect(buildReplyMarkup({ inline: [[{ 'Page 2': 2, 'Page 3': 3 }]] })).toStrictEqual({
      inline_keyboard: [
        [
          { text: 'Page 2', callback_data: '2' },
          { text: 'Page 3', callback_data: '3' },
        ],
      ],
    })
  })

  test('a row written as one button, and a keyboard spliced in by |expand, both work', () => {
    const expanded = [[{ 'Tenant 101': 'tenant_101' }, { 'Tenant 102': 'tenant_102' }]]
    expect(buildReplyMarkup({ inline: [...expanded, { Back: 'back' }] })).toStrictEqual({
      inline_keyboard: [
        [
          { text: 'Tenant 101', callback_data: 'tenant_101' },
          { text: 'Tenant 102', callback_data: 'tenant_102' },
        ],
        [{ text: 'Back', callback_data: 'back' }],
      ],
    })
  })

  test('inline wins over reply', () => {
    expect(buildReplyMarkup({ inline: [['A']], reply: [['B']] })).toHaveProperty('inline_keyboard')
  })

  test('reply keyboards are resized; an empty list removes the keyboard', () => {
    expect(buildReplyMarkup({ reply: [['Yes', 'No'], ['Cancel']] })).toStrictEqual({
      keyboard: [[{ text: 'Yes' }, { text: 'No' }], [{ text: 'Cancel' }]],
      resize_keyboard: true,
    })
    expect(buildReplyMarkup({ reply: [] })).toStrictEqual({ remove_keyboard: true })
  })

  test('no keyboard params, or an empty inline keyboard, give no markup', () => {
    expect(buildReplyMarkup({})).toBeUndefined()
    expect(buildReplyMarkup({ inline: [] })).toBeUndefined()
    expect(buildReplyMarkup({ inline: [[]], reply: null })).toBeUndefined()
  })
})

describe('buttonCallbackData', () => {
  test.each([
    ['⚙️ Settings', 'settings'],
    ['  Мои   заказы  ', 'moi_zakazy'],
    ['Ёлка & Щука', 'iolka_shchuka'],
    ['Crème brûlée', 'creme_brulee'],
    ['Straße', 'strasse'],
    ['a--b__c', 'a--b_c'],
    ['🔥🔥', 'unknown_button'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('%s → %s', (label, data) => {
    expect(buttonCallbackData(label)).toBe(data)
  })
})

describe('buildKeyboard', () => {
  test('inline: templates filled per item, rows of buttons_per_row', () => {
    expect(
      buildKeyboard({
        items: [101, 102, 103],
        keyboard_type: 'inline',
        text_template: 'Tenant $value$',
        callback_template: 'select_tenant_$value$',
        buttons_per_row: 2,
      }),
    ).toStrictEqual({
      result: 'success',
      response_data: {
        keyboard: [
          [{ 'Tenant 101': 'select_tenant_101' }, { 'Tenant 102': 'select_tenant_102' }],
          [{ 'Tenant 103': 'select_tenant_103' }],
        ],
        keyboard_type: 'inline',
        rows_count: 2,
        buttons_count: 3,
      },
    })
  })

  test('reply: plain strings, two per row by default; a $ in an item is taken literally', () => {
    const outcome = buildKeyboard({
      items: ['$5', '$&10', 'free'],
      keyboard_type: 'reply',
      text_template: 'Pay $value$ ($value$)',
    })
    expect(outcome.response_data?.keyboard).toStrictEqual([
      ['Pay $5 ($5)', 'Pay $&10 ($&10)'],
      ['Pay free (free)'],
    ])
  })

  test('the result feeds straight into an inline keyboard', () => {
    const outcome = buildKeyboard({
      items: ['a'],
      keyboard_type: 'inline',
      text_template: '$value$',
      callback_template: 'pick_$value$',
    })
    expect(buildReplyMarkup({ inline: outcome.response_data?.keyboard })).toStrictEqual({
      inline_keyboard: [[{ text: 'a', callback_data: 'pick_a' }]],
    })
  })

  test.each([
    [{ items: [], keyboard_type: 'inline', text_template: 'x', callback_template: 'y' }, 'items'],
    [{ items: [1], keyboard_type: 'grid', text_template: 'x' }, 'keyboard_type'],
    [{ items: [1], keyboard_type: 'reply', text_template: '' }, 'text_template'],
    [{ items: [1], keyboard_type: 'inline', text_template: 'x' }, 'callback_template'],
    [
      { items: [1], keyboard_type: 'reply', text_template: 'x', buttons_per_row: 9 },
      'buttons_per_row',
    ],
  ])('%j is a validation error about %s', (params, field) => {
    const outcome = buildKeyboard(params)
    expect(outcome.result).toBe('error')
    expect(outcome.error?.code).toBe('VALIDATION_ERROR')
    expect(outcome.error?.message).toContain(field)
  })
})

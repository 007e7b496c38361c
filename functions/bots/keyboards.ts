import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types'
import type { ActionOutcome } from '../actions/types.ts'
import { buttonCallbackData } from './button-callback-data.ts'

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove

/** The keyboard params of `send_message`, as they arrive after placeholders are resolved. */
export type KeyboardParams = { inline?: unknown; reply?: unknown }

const URL_PREFIXES = ['http://', 'https://', 'tg://']

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A row may be written as a single button instead of a list of one. */
function rowsOf(value: unknown): unknown[][] {
  if (!Array.isArray(value)) return []
  return value.map((row) => (Array.isArray(row) ? row : [row]))
}

function inlineButton(text: string, value: unknown): InlineKeyboardButton {
  if (typeof value === 'string') {
    return URL_PREFIXES.some((prefix) => value.startsWith(prefix))
      ? { text, url: value }
      : { text, callback_data: value }
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { text, callback_data: String(value) }
  }
  return { text, callback_data: buttonCallbackData(text) }
}

/**
 * `"Text"` → callback data derived from the text; `{"Text": "value"}` → URL button when the value
 * starts with http://, https:// or tg://, callback button otherwise. A mapping with several keys
 * yields one button per key, in order.
 */
function inlineButtons(button: unknown): InlineKeyboardButton[] {
  if (isRecord(button)) {
    return Object.entries(button).map(([text, value]) => inlineButton(text, value))
  }
  if (button === null || button === undefined) return []
  const text = String(button)
  return [{ text, callback_data: buttonCallbackData(text) }]
}

function replyButton(button: unknown): KeyboardButton | null {
  if (button === null || button === undefined) return null
  if (isRecord(button) && typeof button.text === 'string') return { text: button.text }
  return { text: typeof button === 'string' ? button : JSON.stringify(button) }
}

export function buildInlineKeyboard(inline: unknown): InlineKeyboardMarkup | undefined {
  const rows = rowsOf(inline)
    .map((row) => row.flatMap(inlineButtons))
    .filter((row) => row.length > 0)
  return rows.length > 0 ? { inline_keyboard: rows } : undefined
}

export function buildReplyKeyboard(reply: unknown): ReplyKeyboardMarkup | ReplyKeyboardRemove {
  const rows = rowsOf(reply)
    .map((row) => row.map(replyButton).filter((button) => button !== null))
    .filter((row) => row.length > 0)
  if (rows.length === 0) return { remove_keyboard: true }
  return { keyboard: rows, resize_keyboard: true }
}

/**
 * `reply_markup` for `send_message`: `inline` wins over `reply`; `reply: []` removes the reply
 * keyboard; no usable keyboard gives undefined (the message keeps whatever keyboard it had).
 */
export function buildReplyMarkup(params: KeyboardParams): ReplyMarkup | undefined {
  const inline = buildInlineKeyboard(params.inline)
  if (inline) return inline
  if (!Array.isArray(params.reply)) return undefined
  return buildReplyKeyboard(params.reply)
}

export type BuildKeyboardParams = {
  items?: unknown
  keyboard_type?: unknown
  text_template?: unknown
  callback_template?: unknown
  buttons_per_row?: unknown
}

/** A keyboard as scenarios write it: rows of `{text: callback}` (inline) or of strings (reply). */
export type ScenarioKeyboard = Array<Array<Record<string, string> | string>>

export const DEFAULT_BUTTONS_PER_ROW = 2

function validationError(message: string): ActionOutcome {
  return { result: 'error', error: { code: 'VALIDATION_ERROR', message } }
}

function itemText(item: unknown): string {
  return typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item)
}

function fillTemplate(template: string, item: unknown): string {
  const value = itemText(item)
  // A replacer function, so a `$` inside the item is not read as a replacement pattern.
  return template.replaceAll('$value$', () => value)
}

/**
 * The `build_keyboard` action: one button per item, `$value$` in the templates replaced by the
 * item, `buttons_per_row` buttons per row. Use the result as `inline: ["{_cache.keyboard|expand}"]`.
 */
export function buildKeyboard(
  params: BuildKeyboardParams,
  defaultButtonsPerRow = DEFAULT_BUTTONS_PER_ROW,
): ActionOutcome {
  const { items, keyboard_type: type, text_template: textTemplate } = params
  const callbackTemplate = params.callback_template
  if (!Array.isArray(items) || items.length === 0) return validationError('items is required')
  if (type !== 'inline' && type !== 'reply') {
    return validationError('keyboard_type must be "inline" or "reply"')
  }
  if (typeof textTemplate !== 'string' || textTemplate === '') {
    return validationError('text_template is required')
  }
  if (type === 'inline' && (typeof callbackTemplate !== 'string' || callbackTemplate === '')) {
    return validationError('callback_template is required for an inline keyboard')
  }
  const perRow = params.buttons_per_row ?? defaultButtonsPerRow
  if (typeof perRow !== 'number' || !Number.isInteger(perRow) || perRow < 1 || perRow > 8) {
    return validationError('buttons_per_row must be an integer from 1 to 8')
  }
  const keyboard: ScenarioKeyboard = []
  for (let start = 0; start < items.length; start += perRow) {
    keyboard.push(
      items.slice(start, start + perRow).map((item) => {
        const text = fillTemplate(textTemplate, item)
        return type === 'inline' ? { [text]: fillTemplate(String(callbackTemplate), item) } : text
      }),
    )
  }
  return {
    result: 'success',
    response_data: {
      keyboard,
      keyboard_type: type,
      rows_count: keyboard.length,
      buttons_count: items.length,
    },
  }
}

import type { InlineKeyboardMarkup } from 'grammy/types'
import type { EventInlineKeyboard } from './event-schema.ts'

/**
 * A message's inline keyboard in the scenario shape `[[{"Text": "callback_data or url"}]]`.
 * Buttons without callback data or a URL (web apps, switch-inline, pay, …) have no value a
 * scenario could use, so they are left out; so are rows left empty. Undefined when nothing is left.
 */
export function toEventInlineKeyboard(
  markup: InlineKeyboardMarkup | undefined,
): EventInlineKeyboard | undefined {
  if (!markup || !Array.isArray(markup.inline_keyboard)) return undefined
  const rows: EventInlineKeyboard = []
  for (const row of markup.inline_keyboard) {
    if (!Array.isArray(row)) continue
    const buttons: Record<string, string>[] = []
    for (const button of row) {
      const value =
        ('callback_data' in button && button.callback_data) || ('url' in button && button.url)
      if (button.text && value) buttons.push({ [button.text]: value })
    }
    if (buttons.length > 0) rows.push(buttons)
  }
  return rows.length > 0 ? rows : undefined
}

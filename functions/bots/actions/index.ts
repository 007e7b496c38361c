import type { Action } from '../../actions/define.ts'
import {
  setBotToken,
  startBot,
  stopAllBots,
  stopBot,
  syncBot,
  syncBotCommands,
  syncBotConfig,
} from './bot-hub-admin.ts'
import { getBotInfo, getBotStatus, getTelegramBotInfo } from './bot-hub-info.ts'
import { processEventAction, processScenarioEvent, syncScenarios } from './event-actions.ts'
import { invoiceActions } from './invoice-actions.ts'
import {
  answerCallbackQuery,
  buildKeyboardAction,
  deleteMessage,
  restrictChatMember,
} from './messaging.ts'
import { sendMessage } from './send-message.ts'

/** Telegram messaging, Stars invoices, bot management and event processing. */
export const botActions: Action[] = [
  sendMessage,
  deleteMessage,
  answerCallbackQuery,
  buildKeyboardAction,
  restrictChatMember,
  ...invoiceActions,
  getBotInfo,
  getBotStatus,
  getTelegramBotInfo,
  setBotToken,
  startBot,
  stopBot,
  stopAllBots,
  syncBot,
  syncBotCommands,
  syncBotConfig,
  processEventAction,
  processScenarioEvent,
  syncScenarios,
]

export const botServiceDescriptions: [string, string][] = [
  ['telegram_bot_api', 'Отправка и управление сообщениями через Telegram Bot API'],
  ['invoice_service', 'Счета и платежи в Telegram Stars (XTR)'],
  ['bot_hub', 'Центральный сервис для управления всеми ботами'],
  ['event_processor', 'Сервис для обработки событий от вебхуков и пулинга'],
  ['scenario_processor', 'Сервис для обработки событий по сценариям'],
]

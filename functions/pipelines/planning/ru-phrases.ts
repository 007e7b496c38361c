import type { PipelineGraphNode } from '../schema.ts'
import type { CatalogAction } from './types.ts'

/*
 * Russian wording derived from action names (send_hotel_offers_by_email → "отправки email"), so
 * the questions read like the seed's ("Нужен template_id для шага отправки email.").
 */

const verbs: Record<string, string> = {
  send: 'отправки',
  notify: 'уведомления',
  get: 'получения',
  fetch: 'получения',
  list: 'получения',
  load: 'получения',
  find: 'поиска',
  search: 'поиска',
  create: 'создания',
  add: 'создания',
  build: 'создания',
  generate: 'создания',
  update: 'обновления',
  set: 'обновления',
  delete: 'удаления',
  remove: 'удаления',
  segment: 'сегментации',
  assign: 'назначения',
  calculate: 'расчёта',
  compute: 'расчёта',
  export: 'выгрузки',
  import: 'загрузки',
  book: 'бронирования',
  pay: 'оплаты',
  check: 'проверки',
  validate: 'проверки',
}
const channels = new Set(['email', 'sms', 'telegram', 'push', 'slack', 'webhook', 'whatsapp'])
const objects: Record<string, string> = {
  users: 'пользователей',
  user: 'пользователя',
  customers: 'клиентов',
  hotels: 'отелей',
  hotel: 'отеля',
  offers: 'офферов',
  orders: 'заказов',
  payments: 'платежей',
  segments: 'сегментов',
  assignments: 'назначений',
  messages: 'сообщений',
  reports: 'отчётов',
  report: 'отчёта',
  products: 'товаров',
  invoices: 'счетов',
  tickets: 'билетов',
  flights: 'рейсов',
}

export type StepWording = {
  /** Completes "для шага …". */
  step: string
  /** Completes "Уточните … для …": a send over a channel is a "<channel>-рассылка". */
  purpose: string
}

export function stepWording(actionName: string): StepWording {
  const parts = actionName.toLowerCase().split(/_+/)
  const verbIndex = parts.findIndex((part) => part in verbs)
  const verb = verbs[parts[verbIndex] ?? '']
  if (!verb) return { step: `«${actionName}»`, purpose: `шага «${actionName}»` }
  const channel = parts.find((part) => channels.has(part))
  const object = parts.slice(verbIndex + 1).find((part) => part in objects)
  const step = channel ? `${verb} ${channel}` : object ? `${verb} ${objects[object]}` : verb
  const purpose = channel && parts[verbIndex] === 'send' ? `${channel}-рассылки` : step
  return { step, purpose }
}

const asClause = (text: string) => {
  const trimmed = text.trim().replace(/[.!]+$/, '')
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1)
}

/** Default ready reply: the steps in order, from their descriptions. */
export function readyChatReply(nodes: readonly PipelineGraphNode[]): string {
  const steps = [...nodes]
    .sort((a, b) => a.step - b.step)
    .map((node) => asClause(node.description || node.name))
  return `Пайплайн собран: ${steps.join('; ')}.`
}

export function contextSummary(actions: readonly CatalogAction[]): string {
  const names = [...new Set(actions.map((action) => action.capabilityName))]
  const verb = names.length === 1 ? 'Используется' : 'Используются'
  return `${verb} ${names.length} capability: ${names.join(', ')}.`
}

import type { Message } from 'grammy/types'
import {
  type ApiResponse,
  badRequest,
  checkSend,
  echoedMarkup,
  ok,
  type Payload,
  replyTarget,
} from './fake-telegram-common.ts'
import { type BotState, storeBotMessage } from './fake-telegram-state.ts'

type MediaKind =
  | 'photo'
  | 'document'
  | 'video'
  | 'audio'
  | 'voice'
  | 'animation'
  | 'sticker'
  | 'video_note'

let uploads = 0

/** Uploads and URLs get a fresh file id; an existing file id is kept, as Telegram does. */
function fileIdOf(reference: unknown): string | null {
  if (typeof reference !== 'string' || reference === '') return null
  if (reference.startsWith('attach://') || /^https?:\/\//.test(reference)) {
    uploads += 1
    return `AgACAgFakeUpload${uploads}`
  }
  return reference
}

function mediaFields(kind: MediaKind, fileId: string): Partial<Message> {
  const file = { file_id: fileId, file_unique_id: `u_${fileId}` }
  switch (kind) {
    case 'photo':
      return {
        photo: [
          { ...file, file_unique_id: `s_${fileId}`, width: 90, height: 90 },
          { ...file, width: 1280, height: 1280 },
        ],
      }
    case 'document':
      return { document: { ...file, file_name: 'file.dat' } }
    case 'video':
      return { video: { ...file, width: 640, height: 360, duration: 5 } }
    case 'audio':
      return { audio: { ...file, duration: 5 } }
    case 'voice':
      return { voice: { ...file, duration: 5 } }
    case 'animation':
      return {
        animation: { ...file, width: 320, height: 240, duration: 3 },
        document: { ...file, file_name: 'animation.mp4' },
      }
    case 'sticker':
      return {
        sticker: {
          ...file,
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      }
    case 'video_note':
      return { video_note: { ...file, length: 240, duration: 5 } }
  }
}

function captionOf(payload: Payload): Partial<Message> {
  return typeof payload.caption === 'string' && payload.caption !== ''
    ? { caption: payload.caption }
    : {}
}

const GROUPABLE = ['photo', 'video', 'document', 'audio']

function sendMediaGroup(state: BotState, payload: Payload): ApiResponse {
  const media = Array.isArray(payload.media) ? (payload.media as Payload[]) : []
  if (media.length < 2 || media.length > 10) return badRequest('wrong number of media in the group')
  if (media.some((item) => !GROUPABLE.includes(String(item.type)))) {
    return badRequest('unsupported media type in the group')
  }
  const groupId = String(Date.now()) + String(uploads)
  const messages = media.map((item) => {
    const fileId = fileIdOf(item.media) ?? 'missing'
    return storeBotMessage(state, payload.chat_id, {
      media_group_id: groupId,
      ...mediaFields(item.type as MediaKind, fileId),
      ...captionOf(item),
      ...replyTarget(state, payload),
    })
  })
  return ok(messages)
}

/** sendPhoto, sendDocument, … and sendMediaGroup: a message carrying plausible file objects. */
export function sendMediaMessage(
  state: BotState,
  payload: Payload,
  kind: MediaKind | 'media_group',
): ApiResponse {
  const problem = checkSend(payload)
  if (problem) return problem
  if (kind === 'media_group') return sendMediaGroup(state, payload)
  const fileId = fileIdOf(payload[kind])
  if (!fileId) return badRequest(`there is no ${kind} in the request`)
  return ok(
    storeBotMessage(state, payload.chat_id, {
      ...mediaFields(kind, fileId),
      ...captionOf(payload),
      ...echoedMarkup(payload.reply_markup),
      ...replyTarget(state, payload),
    }),
  )
}

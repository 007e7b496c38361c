import type { Message, PhotoSize } from 'grammy/types'
import type { EventAttachment } from './event-schema.ts'

function largestPhoto(sizes: readonly PhotoSize[]): PhotoSize | undefined {
  let best: PhotoSize | undefined
  for (const size of sizes) {
    // Later entries win ties: Telegram lists sizes from smallest to largest.
    if (!best || size.width * size.height >= best.width * best.height) best = size
  }
  return best
}

/**
 * The message's files as `{type, file_id}`, in Coreness order: photo (largest size), document,
 * video, audio, voice, sticker, animation, video_note.
 */
export function extractAttachments(message: Message): EventAttachment[] {
  const attachments: EventAttachment[] = []
  const photo = message.photo ? largestPhoto(message.photo) : undefined
  if (photo) attachments.push({ type: 'photo', file_id: photo.file_id })
  // Telegram mirrors every animation into `document` for old clients; listing both would make
  // a scenario that re-sends the attachments post the same GIF twice.
  if (message.document && message.document.file_id !== message.animation?.file_id) {
    attachments.push({ type: 'document', file_id: message.document.file_id })
  }
  if (message.video) attachments.push({ type: 'video', file_id: message.video.file_id })
  if (message.audio) attachments.push({ type: 'audio', file_id: message.audio.file_id })
  if (message.voice) attachments.push({ type: 'voice', file_id: message.voice.file_id })
  if (message.sticker) attachments.push({ type: 'sticker', file_id: message.sticker.file_id })
  if (message.animation) {
    attachments.push({ type: 'animation', file_id: message.animation.file_id })
  }
  if (message.video_note) {
    attachments.push({ type: 'video_note', file_id: message.video_note.file_id })
  }
  return attachments
}

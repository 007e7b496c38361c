import { and, asc, desc, eq, gt, sql } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import {
  type DialogMessageRow,
  type DialogRole,
  type DialogRow,
  dialogMessages,
  dialogs,
} from '../../db/schema/index.ts'
import { withTransaction } from '../../db/transaction.ts'
import { forbidden, notFound } from '../platform/errors.ts'
import type { Services } from '../platform/services.ts'
import type { DialogTurn } from './planning/index.ts'
import type {
  PipelineDialogHistoryResponse,
  PipelineDialogListItemResponse,
  PipelineDialogMessageResponse,
} from './schema.ts'

// Texts of the seed's 403 example and of the reset answer.
export const DIALOG_DENIED = 'Access denied for dialog'
export const DIALOG_NOT_FOUND = 'Dialog not found'
export const DIALOG_RESET_MESSAGE_RU = 'Контекст диалога сброшен. Опишите новую задачу.'

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`

/** The dialog if it exists and is the user's (another user's is the seed's 403). */
export async function findDialog(
  db: Database,
  userId: string,
  dialogId: string,
): Promise<DialogRow | null> {
  const [dialog] = await db.select().from(dialogs).where(eq(dialogs.id, dialogId))
  if (!dialog) return null
  if (dialog.userId !== userId) throw forbidden(DIALOG_DENIED)
  return dialog
}

/** As `findDialog`, with unknown ids answering 404. */
export async function requireDialog(
  db: Database,
  userId: string,
  dialogId: string,
): Promise<DialogRow> {
  const dialog = await findDialog(db, userId, dialogId)
  if (!dialog) throw notFound(DIALOG_NOT_FOUND)
  return dialog
}

/** Finds the dialog, or creates it on its first message (the client chooses its id). */
export async function openDialog(
  services: Services,
  input: { dialogId: string; userId: string; organizationId: string; firstMessage: string },
): Promise<DialogRow> {
  const now = services.clock.now()
  await services.db
    .insert(dialogs)
    .values({
      id: input.dialogId,
      userId: input.userId,
      organizationId: input.organizationId,
      title: clip(input.firstMessage.trim(), 100),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: dialogs.id })
  return requireDialog(services.db, input.userId, input.dialogId)
}

export type NewMessage = {
  role: DialogRole
  content: string
  assistantPayload?: Record<string, unknown>
  /** The generate outcome an assistant message reports, for the dialog list. */
  lastStatus?: string
  lastPipelineId?: string | null
}

/** Appends a message under the next number of the dialog, and refreshes the dialog's summary. */
export async function appendMessage(
  services: Services,
  dialogId: string,
  message: NewMessage,
): Promise<DialogMessageRow> {
  const now = services.clock.now()
  return withTransaction(services.db, async (tx) => {
    const [numbered] = await tx
      .update(dialogs)
      .set({
        lastSeq: sql`${dialogs.lastSeq} + 1`,
        lastMessagePreview: clip(message.content, 200),
        updatedAt: now,
        ...(message.lastStatus === undefined ? {} : { lastStatus: message.lastStatus }),
        ...(message.lastPipelineId ? { lastPipelineId: message.lastPipelineId } : {}),
      })
      .where(eq(dialogs.id, dialogId))
      .returning({ seq: dialogs.lastSeq })
    if (!numbered) throw notFound(DIALOG_NOT_FOUND)
    const [row] = await tx
      .insert(dialogMessages)
      .values({
        id: services.ids.uuid(),
        dialogId,
        seq: numbered.seq,
        role: message.role,
        content: message.content,
        assistantPayload: message.assistantPayload ?? null,
        createdAt: now,
      })
      .returning()
    if (!row) throw new Error('Message insert returned nothing')
    return row
  })
}

/** What the planner sees: the messages since the last reset, oldest first. */
export async function planningTurns(db: Database, dialog: DialogRow): Promise<DialogTurn[]> {
  const rows = await db
    .select({ role: dialogMessages.role, content: dialogMessages.content })
    .from(dialogMessages)
    .where(
      and(eq(dialogMessages.dialogId, dialog.id), gt(dialogMessages.seq, dialog.contextFromSeq)),
    )
    .orderBy(asc(dialogMessages.seq))
  return rows
}

export async function listDialogs(
  db: Database,
  userId: string,
  page: { limit: number; offset: number },
): Promise<PipelineDialogListItemResponse[]> {
  const rows = await db
    .select()
    .from(dialogs)
    .where(eq(dialogs.userId, userId))
    .orderBy(desc(dialogs.updatedAt), desc(dialogs.createdAt), asc(dialogs.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((row) => ({
    dialog_id: row.id,
    title: row.title,
    last_status: row.lastStatus,
    last_pipeline_id: row.lastPipelineId,
    last_message_preview: row.lastMessagePreview,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }))
}

const presentMessage = (row: DialogMessageRow): PipelineDialogMessageResponse => ({
  id: row.id,
  role: row.role,
  content: row.content,
  assistant_payload: row.assistantPayload ?? null,
  created_at: row.createdAt.toISOString(),
})

/** Every message, resets included, oldest first; `offset` counts from the first message. */
export async function dialogHistory(
  db: Database,
  dialog: DialogRow,
  page: { limit: number; offset: number },
): Promise<PipelineDialogHistoryResponse> {
  const rows = await db
    .select()
    .from(dialogMessages)
    .where(eq(dialogMessages.dialogId, dialog.id))
    .orderBy(asc(dialogMessages.seq))
    .limit(page.limit)
    .offset(page.offset)
  return { dialog_id: dialog.id, title: dialog.title, messages: rows.map(presentMessage) }
}

/** Forgets the planning context: later messages start a new task; the history stays readable. */
export async function resetDialog(services: Services, dialog: DialogRow): Promise<void> {
  await services.db
    .update(dialogs)
    .set({ contextFromSeq: sql`${dialogs.lastSeq}`, updatedAt: services.clock.now() })
    .where(eq(dialogs.id, dialog.id))
}

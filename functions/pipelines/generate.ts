import { type Actor, primaryMembership } from '../auth/actor.ts'
import { forbidden, notFound } from '../platform/errors.ts'
import type { Services } from '../platform/services.ts'
import { CAPABILITY_NOT_FOUND, listCapabilities } from '../services/capabilities.ts'
import { appendMessage, DIALOG_DENIED, findDialog, openDialog, planningTurns } from './dialogs.ts'
import { savePipeline } from './pipelines-store.ts'
import {
  buildGenerateResponse,
  catalogFromCapabilities,
  createLanguageModel,
  llmConfigFromEnv,
  planPipeline,
  restrictCatalog,
} from './planning/index.ts'
import type { PipelineGenerateRequest, PipelineGenerateResponse } from './schema.ts'

/**
 * One turn of the copilot dialog: the user's message is stored, the planner (the configured LLM,
 * else the offline planner) sees the dialog since its last reset and the organization's
 * capabilities, a ready plan is stored as a pipeline, and the answer is stored with its payload.
 */
export async function generatePipeline(
  services: Services,
  actor: Actor,
  request: PipelineGenerateRequest,
): Promise<PipelineGenerateResponse> {
  const existing = await findDialog(services.db, actor.userId, request.dialog_id)
  const organizationId = existing?.organizationId ?? primaryMembership(actor).organizationId
  if (!actor.memberships.some((m) => m.organizationId === organizationId)) {
    throw forbidden(DIALOG_DENIED)
  }

  const capabilities = await listCapabilities(services.db, organizationId)
  const wanted = request.capability_ids ?? null
  if (wanted) {
    const known = new Set(capabilities.map((capability) => capability.id.toLowerCase()))
    if (wanted.some((id) => !known.has(id.toLowerCase()))) throw notFound(CAPABILITY_NOT_FOUND)
  }
  const catalog = restrictCatalog(catalogFromCapabilities(capabilities), wanted)

  const dialog =
    existing ??
    (await openDialog(services, {
      dialogId: request.dialog_id,
      userId: actor.userId,
      organizationId,
      firstMessage: request.message,
    }))
  await appendMessage(services, dialog.id, { role: 'user', content: request.message })
  const messages = await planningTurns(services.db, dialog)

  // A model object per request: Workers forbid reusing I/O objects across requests.
  const config = llmConfigFromEnv(services.env)
  const model = config ? createLanguageModel(config) : null
  const outcome = await planPipeline({ model, messages, catalog })

  const pipelineId =
    outcome.status === 'ready'
      ? await savePipeline(services, {
          organizationId,
          userId: actor.userId,
          dialogId: dialog.id,
          nodes: outcome.nodes,
          edges: outcome.edges,
          inputs: outcome.inputs,
        })
      : null
  const response = buildGenerateResponse(outcome, { pipelineId })
  await appendMessage(services, dialog.id, {
    role: 'assistant',
    content: response.chat_reply_ru,
    assistantPayload: response,
    lastStatus: response.status,
    lastPipelineId: pipelineId,
  })
  services.log.info('pipeline.generated', {
    dialogId: dialog.id,
    status: response.status,
    pipelineId,
    planner: model ? 'llm' : 'offline',
  })
  return response
}

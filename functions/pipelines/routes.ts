import { createRoute } from '@hono/zod-openapi'
import { primaryMembership } from '../auth/actor.ts'
import { requireActor } from '../auth/middleware.ts'
import { bearerSecurity, createRouter, errorResponses, json } from '../platform/openapi.ts'
import {
  DIALOG_RESET_MESSAGE_RU,
  dialogHistory,
  listDialogs,
  requireDialog,
  resetDialog,
} from './dialogs.ts'
import { generatePipeline } from './generate.ts'
import { notReadyBody, PipelineNotReadyError } from './run/readiness.ts'
import { startRun } from './run/start-run.ts'
import {
  DialogHistoryQuerySchema,
  DialogIdParamSchema,
  DialogListQuerySchema,
  DialogResetRequestSchema,
  DialogResetResponseSchema,
  PipelineDialogHistoryResponseSchema,
  PipelineDialogListItemResponseSchema,
  PipelineGenerateRequestSchema,
  PipelineGenerateResponseSchema,
  PipelineIdParamSchema,
  RunPipelineRequestSchema,
  RunPipelineResponseSchema,
} from './schema.ts'

// Paths, operation ids, summaries and statuses as in seeds/copilot-openapi.yaml.
const common = { tags: ['Pipelines'], security: bearerSecurity, middleware: [requireActor] }
const body = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

const generateRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/pipelines/generate',
  operationId: 'generatePipeline',
  summary: 'Сгенерировать pipeline по сообщению пользователя',
  request: { body: body(PipelineGenerateRequestSchema) },
  responses: {
    200: json(
      PipelineGenerateResponseSchema,
      'Pipeline обработан (готов / требует ввод / не может быть собран)',
    ),
    ...errorResponses(401, 403, 404),
  },
})

const listDialogsRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/pipelines/dialogs',
  operationId: 'listPipelineDialogs',
  summary: 'Получить список диалогов pipeline',
  request: { query: DialogListQuerySchema },
  responses: {
    200: json(PipelineDialogListItemResponseSchema.array(), 'Список диалогов пользователя'),
    ...errorResponses(401),
  },
})

const historyRoute = createRoute({
  ...common,
  method: 'get',
  path: '/api/v1/pipelines/dialogs/{dialog_id}/history',
  operationId: 'getPipelineDialogHistory',
  summary: 'Получить историю сообщений диалога',
  request: { params: DialogIdParamSchema, query: DialogHistoryQuerySchema },
  responses: {
    200: json(PipelineDialogHistoryResponseSchema, 'История диалога'),
    ...errorResponses(401, 403, 404),
  },
})

const resetRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/pipelines/dialog/reset',
  operationId: 'resetPipelineDialog',
  summary: 'Сбросить контекст диалога pipeline',
  request: { body: body(DialogResetRequestSchema) },
  responses: {
    200: json(DialogResetResponseSchema, 'Диалог успешно сброшен'),
    ...errorResponses(401, 403, 404),
  },
})

const runRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/pipelines/{pipeline_id}/run',
  operationId: 'runPipeline',
  summary: 'Запустить pipeline на выполнение',
  description:
    'The pipeline’s input values are defaults that `inputs` overrides. A 400 names what is missing in `missing_inputs` (and `missing_actions` when a capability was removed) beside `detail`.',
  request: { params: PipelineIdParamSchema, body: body(RunPipelineRequestSchema) },
  responses: {
    202: json(RunPipelineResponseSchema, 'Запуск поставлен в очередь/начат'),
    ...errorResponses(400, 401, 404),
  },
})

export const pipelineRoutes = createRouter()
  .openapi(generateRoute, async (c) => {
    const response = await generatePipeline(c.var.services, c.var.actor, c.req.valid('json'))
    return c.json(response, 200)
  })
  .openapi(listDialogsRoute, async (c) => {
    const dialogs = await listDialogs(c.var.services.db, c.var.actor.userId, c.req.valid('query'))
    return c.json(dialogs, 200)
  })
  .openapi(historyRoute, async (c) => {
    const { db } = c.var.services
    const dialog = await requireDialog(db, c.var.actor.userId, c.req.valid('param').dialog_id)
    return c.json(await dialogHistory(db, dialog, c.req.valid('query')), 200)
  })
  .openapi(resetRoute, async (c) => {
    const { services } = c.var
    const dialog = await requireDialog(
      services.db,
      c.var.actor.userId,
      c.req.valid('json').dialog_id,
    )
    await resetDialog(services, dialog)
    return c.json({ status: 'ok' as const, message_ru: DIALOG_RESET_MESSAGE_RU }, 200)
  })
  .openapi(runRoute, async (c) => {
    const { organizationId } = primaryMembership(c.var.actor)
    const { pipeline_id } = c.req.valid('param')
    try {
      const queued = await startRun(
        c.var.services,
        { organizationId, userId: c.var.actor.userId },
        pipeline_id,
        c.req.valid('json').inputs,
      )
      return c.json(queued, 202)
    } catch (error) {
      if (!(error instanceof PipelineNotReadyError)) throw error
      return c.json(notReadyBody(error), 400)
    }
  })

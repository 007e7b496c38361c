import { pipelineStepTopic } from './pipeline-step.ts'
import { scenarioAsyncActionTopic } from './scenario-async-action.ts'
import { scenarioContinueTopic } from './scenario-continue.ts'
import { scheduledScenariosTopic } from './scheduled-scenarios.ts'
import { telegramUpdateTopic } from './telegram-update.ts'
import { tenantSyncTopic } from './tenant-sync.ts'
import { createTopicRouter } from './topic.ts'

/** Every queue topic the platform handles. Features add theirs here. */
export const topics = createTopicRouter([
  pipelineStepTopic,
  tenantSyncTopic,
  telegramUpdateTopic,
  scheduledScenariosTopic,
  scenarioAsyncActionTopic,
  scenarioContinueTopic,
])

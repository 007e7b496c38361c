import { createTopicRouter } from './topic.ts'

/** Every queue topic the platform handles. Features add theirs here. */
export const topics = createTopicRouter([])

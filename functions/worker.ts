import { topics } from '../workflows/index.ts'
import { createApp } from './app.ts'
import { VERSION } from './platform/version.ts'
import { createWorkerScope, type WorkerBindings } from './platform/worker-scope.ts'
import { drainOutbox } from './system/drain-outbox.ts'
import { runScheduledTick } from './system/scheduled.ts'

const SWAGGER_UI_CDN = 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5'

const app = createApp({
  services: (c) => createWorkerScope(c.env as WorkerBindings),
  topics,
  docsAssetsUrl: SWAGGER_UI_CDN,
  version: VERSION,
})

export default {
  fetch: app.fetch,
  async scheduled(
    _controller: unknown,
    bindings: WorkerBindings,
    ctx: { waitUntil(p: Promise<unknown>): void },
  ) {
    const scope = await createWorkerScope(bindings)
    const work = (async () => {
      try {
        await drainOutbox(scope.services, topics)
        await runScheduledTick(scope.services)
      } finally {
        await scope.release()
      }
    })()
    ctx.waitUntil(work)
    await work
  },
}

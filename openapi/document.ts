import { createApp, openApiDocument } from '../functions/app.ts'
import { VERSION } from '../functions/platform/version.ts'
import { topics } from '../workflows/index.ts'

/** The OpenAPI document exactly as the running app serves it at /openapi.json. */
export function buildOpenApiDocument() {
  const app = createApp({
    services: () => {
      throw new Error('generating the document needs no services')
    },
    topics,
    docsAssetsUrl: '/docs/assets',
    version: VERSION,
  })
  return openApiDocument(app, VERSION)
}

export const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`

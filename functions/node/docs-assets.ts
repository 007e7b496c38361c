import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { App } from '../platform/context.ts'

const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

export const DOCS_ASSETS_PATH = '/docs/assets'

/** Serves Swagger UI from node_modules so the docs work with no network. */
export function mountDocsAssets(app: App): void {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  app.get(`${DOCS_ASSETS_PATH}/:file`, async (c) => {
    const file = c.req.param('file')
    const type = FILES[file]
    if (!type) return c.json({ detail: 'Not Found' }, 404)
    const body = await readFile(join(folder, file))
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' })
  })
}

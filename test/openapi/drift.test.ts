import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createActionRegistry } from '../../functions/actions/catalog.ts'
import { renderActionsGuide } from '../../functions/actions/guide.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { buildOpenApiDocument, serialise } from '../../openapi/document.ts'

const committed = (file: string) =>
  readFile(new URL(`../../openapi/${file}`, import.meta.url), 'utf8')

describe('generated contracts are committed', () => {
  it('openapi/openapi.json matches the app (run `npm run openapi`)', async () => {
    expect(await committed('openapi.json')).toBe(serialise(buildOpenApiDocument()))
  })

  it('openapi/actions-guide.md matches the registry (run `npm run actions:guide`)', async () => {
    expect(await committed('actions-guide.md')).toBe(
      renderActionsGuide(createActionRegistry(silentLogger)),
    )
  })

  it('gives every operation a unique operationId, and a 422 wherever it takes input', () => {
    type Operation = {
      operationId?: string
      parameters?: unknown[]
      requestBody?: unknown
      security?: unknown[]
      responses?: Record<string, unknown>
    }
    const document = buildOpenApiDocument()
    const operations = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, Operation>),
    )
    const ids = operations.map((operation) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const operation of operations) {
      const takesInput = Boolean(operation.requestBody || operation.parameters?.length)
      if (takesInput)
        expect(Object.keys(operation.responses ?? {}), operation.operationId).toContain('422')
      if (operation.security?.length)
        expect(Object.keys(operation.responses ?? {}), operation.operationId).toContain('401')
    }
  })
})

import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '../../openapi/document.ts'
import type { ResponseBody } from '../support/harness.ts'
import { seed } from './planning/travel-fixture.ts'

/*
 * The served OpenAPI document keeps the seed's paths: operation ids, tags, parameters with their
 * bounds and defaults, request bodies, status codes and the schema each response refers to.
 * (Components are compared field by field in planning/schema-contract.test.ts.)
 */

const document = buildOpenApiDocument() as ResponseBody

function responseSchema(response: ResponseBody): unknown {
  const resolved = response.$ref
    ? seed.components.responses[String(response.$ref).split('/').at(-1) ?? '']
    : response
  return resolved.content?.['application/json']?.schema ?? null
}

const seedOperations = Object.entries<Record<string, ResponseBody>>(seed.paths).flatMap(
  ([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
)

describe('the OpenAPI document keeps the seed paths', () => {
  it.each(seedOperations)('$method $path', ({ path, method, operation }) => {
    const ours = document.paths[path]?.[method]
    expect(ours, `${method} ${path} is served`).toBeDefined()
    expect(ours.operationId).toBe(operation.operationId)
    expect(ours.tags).toEqual(operation.tags)
    expect(ours.summary).toBe(operation.summary)
    expect(ours.security).toEqual([{ bearerAuth: [] }])

    const parameters = (list: ResponseBody[] = []) =>
      list.map((p) => ({ in: p.in, name: p.name, required: p.required ?? false }))
    expect(parameters(ours.parameters)).toEqual(parameters(operation.parameters))
    for (const parameter of operation.parameters ?? []) {
      const served = ours.parameters.find((p: ResponseBody) => p.name === parameter.name)
      expect(served.schema, parameter.name).toMatchObject(parameter.schema)
    }

    if (operation.requestBody) {
      expect(ours.requestBody.required).toBe(operation.requestBody.required)
      expect(ours.requestBody.content['application/json'].schema).toEqual(
        operation.requestBody.content['application/json'].schema,
      )
    }

    expect(Object.keys(ours.responses).sort()).toEqual(Object.keys(operation.responses).sort())
    for (const [status, response] of Object.entries<ResponseBody>(operation.responses)) {
      expect(responseSchema(ours.responses[status]), `${status}`).toEqual(responseSchema(response))
    }
  })
})

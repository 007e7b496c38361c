import { writeFile } from 'node:fs/promises'
import { buildOpenApiDocument, serialise } from './document.ts'

// `npm run openapi`: regenerates the committed contract; a test fails when it drifts from the app.
const target = new URL('./openapi.json', import.meta.url)
await writeFile(target, serialise(buildOpenApiDocument()))
console.log(`Wrote ${target.pathname}`)

import { writeFile } from 'node:fs/promises'
import { createActionRegistry } from '../functions/actions/catalog.ts'
import { renderActionsGuide } from '../functions/actions/guide.ts'
import { silentLogger } from '../functions/platform/logger.ts'

// `npm run actions:guide`: regenerates the committed guide; a test fails when it drifts from the registry.
const target = new URL('./actions-guide.md', import.meta.url)
await writeFile(target, renderActionsGuide(createActionRegistry(silentLogger)))
console.log(`Wrote ${target.pathname}`)

import type { RenderState } from './options.ts'
import { isDict, setOwn } from './python/py-ops.ts'
import { processString } from './render.ts'
import { hasBraces, scanPlaceholders } from './scan.ts'

const isEntirePlaceholder = (text: string): boolean => {
  const [only, extra] = scanPlaceholders(text)
  return only !== undefined && extra === undefined && only.start === 0 && only.end === text.length
}

/**
 * Coreness `_process_list_optimized`: a list element that is exactly one placeholder and yields a list is
 * spliced into the parent. With `|expand` only a non-empty list of lists is spliced (one level); any other
 * list is then kept as one element.
 */
function renderList(list: unknown[], state: RenderState): unknown[] {
  const out: unknown[] = []
  for (const item of list) {
    if (typeof item !== 'string') {
      out.push(renderNested(item, state))
      continue
    }
    const rendered = hasBraces(item) ? processString(item, state, 0) : item
    if (!Array.isArray(rendered)) out.push(rendered)
    else if (item.includes('|expand')) {
      if (rendered.length > 0 && rendered.every(Array.isArray)) out.push(...rendered)
      else out.push(rendered)
    } else if (isEntirePlaceholder(item)) out.push(...rendered)
    else out.push(rendered)
  }
  return out
}

function renderDict(dict: Record<string, unknown>, state: RenderState): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(dict)) {
    setOwn(
      out,
      key,
      typeof value === 'string' ? processString(value, state, 0) : renderNested(value, state),
    )
  }
  return out
}

/** Renders every string inside dicts and lists; keys and non-string leaves pass through. */
export function renderNested(value: unknown, state: RenderState): unknown {
  if (typeof value === 'string') return processString(value, state, 0)
  if (Array.isArray(value)) return renderList(value, state)
  if (isDict(value)) return renderDict(value, state)
  return value
}

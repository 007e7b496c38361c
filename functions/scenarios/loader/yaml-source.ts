import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'

/** A parsed YAML file that can say on which line a key path is. */
export type YamlSource = {
  value: unknown
  /** YAML syntax errors, each with its 1-based line. */
  errors: { line?: number; message: string }[]
  /** The line of the deepest node of `path` that exists (a key's own line for map entries). */
  lineOf(path: readonly PropertyKey[]): number | undefined
}

function lineAt(counter: LineCounter, node: Node | null | undefined): number | undefined {
  const offset = node?.range?.[0]
  return offset === undefined ? undefined : counter.linePos(offset).line
}

export function readYaml(text: string): YamlSource {
  const counter = new LineCounter()
  const doc: Document = parseDocument(text, { lineCounter: counter, prettyErrors: true })
  const errors = doc.errors.map((error) => {
    const line = error.linePos?.[0]?.line
    // The first line is the message; ' at line L, column C:' and an excerpt follow, and we carry the line apart.
    const first = error.message.split('\n')[0] ?? error.message
    const message = first.replace(/ at line \d+, column \d+:?$/, '')
    return line === undefined ? { message } : { line, message }
  })
  return {
    value: errors.length > 0 ? null : doc.toJS({ maxAliasCount: 100 }),
    errors,
    lineOf(path) {
      let node: unknown = doc.contents
      let line = lineAt(counter, doc.contents)
      for (const step of path) {
        if (isMap(node)) {
          const pair = node.items.find(
            (item) => isScalar(item.key) && String(item.key.value) === String(step),
          )
          if (!pair) return line
          line = lineAt(counter, pair.key as Node) ?? line
          node = pair.value
        } else if (isSeq(node) && typeof step === 'number') {
          const item = node.items[step] as Node | undefined
          if (!item) return line
          line = lineAt(counter, item) ?? line
          node = item
        } else return line
      }
      return line
    },
  }
}

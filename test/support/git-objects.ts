import { createHash } from 'node:crypto'

/** Git object ids as git computes them, so shas from the fake GitHub match `git hash-object`. */

export type TreeEntry = { name: string; mode: '100644' | '100755' | '040000'; sha: string }

function objectSha(type: 'blob' | 'tree' | 'commit', content: Buffer): string {
  const header = Buffer.from(`${type} ${content.length}\0`)
  return createHash('sha1')
    .update(Buffer.concat([header, content]))
    .digest('hex')
}

/** sha1("blob " + byteLength + "\0" + content) */
export function blobSha(content: Buffer | string): string {
  return objectSha('blob', Buffer.isBuffer(content) ? content : Buffer.from(content))
}

/** Git sorts tree entries bytewise, with directory names compared as if they ended in "/". */
export function treeSha(entries: readonly TreeEntry[]): string {
  const sortKey = (entry: TreeEntry) => (entry.mode === '040000' ? `${entry.name}/` : entry.name)
  const sorted = [...entries].sort((a, b) =>
    Buffer.compare(Buffer.from(sortKey(a)), Buffer.from(sortKey(b))),
  )
  const body = Buffer.concat(
    sorted.map((entry) =>
      Buffer.concat([
        Buffer.from(`${entry.mode === '040000' ? '40000' : entry.mode} ${entry.name}\0`),
        Buffer.from(entry.sha, 'hex'),
      ]),
    ),
  )
  return objectSha('tree', body)
}

export function commitSha(
  tree: string,
  parent: string | null,
  message: string,
  timestamp: number,
): string {
  const author = `Fake Tester <tester@example.com> ${timestamp} +0000`
  const lines = [
    `tree ${tree}`,
    ...(parent ? [`parent ${parent}`] : []),
    `author ${author}`,
    `committer ${author}`,
    '',
    message,
    '',
  ]
  return objectSha('commit', Buffer.from(lines.join('\n')))
}

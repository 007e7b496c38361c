import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { blobSha, type TreeEntry, treeSha } from './git-objects.ts'

/** A folder read as git would store it: blobs and trees with their real object ids. */

export type TreeItem = {
  path: string
  mode: '100644' | '040000'
  type: 'blob' | 'tree'
  sha: string
  size?: number
}

export type Snapshot = {
  rootTree: string
  /** Every file, by path relative to the folder root, to its blob sha. */
  files: Map<string, string>
}

export type ObjectStore = {
  blobs: Map<string, Buffer>
  /** Tree sha → its direct children (paths relative to that tree). */
  trees: Map<string, TreeItem[]>
}

export function createObjectStore(): ObjectStore {
  return { blobs: new Map(), trees: new Map() }
}

function readTree(
  folder: string,
  prefix: string,
  store: ObjectStore,
  files: Map<string, string>,
): string {
  const items: TreeItem[] = []
  const entries: TreeEntry[] = []
  for (const dirent of readdirSync(folder, { withFileTypes: true })) {
    if (dirent.name === '.git') continue
    const full = join(folder, dirent.name)
    if (dirent.isDirectory()) {
      const sha = readTree(full, `${prefix}${dirent.name}/`, store, files)
      // Git does not record empty folders.
      if ((store.trees.get(sha)?.length ?? 0) === 0) continue
      items.push({ path: dirent.name, mode: '040000', type: 'tree', sha })
      entries.push({ name: dirent.name, mode: '040000', sha })
    } else if (dirent.isFile()) {
      const content = readFileSync(full)
      const sha = blobSha(content)
      store.blobs.set(sha, content)
      files.set(`${prefix}${dirent.name}`, sha)
      items.push({ path: dirent.name, mode: '100644', type: 'blob', sha, size: content.length })
      entries.push({ name: dirent.name, mode: '100644', sha })
    }
  }
  const sha = treeSha(entries)
  store.trees.set(
    sha,
    items.sort((a, b) => (a.path < b.path ? -1 : 1)),
  )
  return sha
}

export function snapshotFolder(folder: string, store: ObjectStore): Snapshot {
  const files = new Map<string, string>()
  const rootTree = readTree(folder, '', store, files)
  return { rootTree, files }
}

/** The tree's entries; with `recursive`, nested ones too, with paths from the tree root. */
export function listTree(
  store: ObjectStore,
  sha: string,
  recursive: boolean,
  prefix = '',
): TreeItem[] {
  const items = store.trees.get(sha) ?? []
  return items.flatMap((item) => {
    const entry = { ...item, path: `${prefix}${item.path}` }
    if (!recursive || item.type !== 'tree') return [entry]
    return [entry, ...listTree(store, item.sha, true, `${entry.path}/`)]
  })
}

import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { FileTree } from '../platform/services.ts'

/** TENANT_CONFIG_DIR as a file tree: `tenant_<ID>/…` paths, dotfiles skipped, nothing outside it read. */
export function localFileTree(root: string): FileTree {
  const list = async (): Promise<string[]> => {
    const entries = await readdir(root, { recursive: true, withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
      .sort()
  }
  return {
    list,
    async read(path) {
      if (!(await list()).includes(path)) throw new Error(`${path} is not in TENANT_CONFIG_DIR`)
      return readFile(join(root, ...path.split('/')), 'utf8')
    },
  }
}

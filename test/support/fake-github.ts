import type { ServerResponse } from 'node:http'
import {
  createObjectStore,
  listTree,
  type Snapshot,
  snapshotFolder,
} from './fake-github-snapshot.ts'
import { commitSha } from './git-objects.ts'
import { sendJson, startLoopbackServer } from './loopback-server.ts'

/**
 * A fake GitHub REST API on loopback that serves a local folder as the repository `owner/repo`:
 * git trees and blobs with real git object ids, commits, branches and compare. Every change of
 * the folder (or `setFolder`) becomes a new commit the next time the repository is read.
 */

export type FakeGithubOptions = {
  folder: string
  token: string
  owner?: string
  repo?: string
  branch?: string
}

export type GithubRequest = {
  method: string
  path: string
  query: Record<string, string>
  authorization: string | null
  status: number
}

export type FakeGithub = {
  url: string
  fullName: string
  branch: string
  requests: GithubRequest[]
  /** Serves another folder from now on (the next "push"). */
  setFolder(folder: string): void
  /** Commit sha of the folder as it is now; records a new commit when the content changed. */
  headSha(): string
  /** Makes the next `times` requests answer `status` (default 500). */
  failNext(status?: number, times?: number): void
  close(): Promise<void>
}

type Commit = {
  sha: string
  tree: string
  parent: string | null
  snapshot: Snapshot
  message: string
}

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }

function blobBody(sha: string, content: Buffer, base: string) {
  // GitHub wraps base64 at 60 columns; clients must cope with the newlines.
  const base64 = content.toString('base64').replace(/.{60}/g, '$&\n')
  return {
    sha,
    node_id: `B_${sha.slice(0, 16)}`,
    size: content.length,
    url: `${base}/git/blobs/${sha}`,
    content: base64.endsWith('\n') ? base64 : `${base64}\n`,
    encoding: 'base64',
  }
}

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const owner = options.owner ?? 'acme'
  const repo = options.repo ?? 'tenants'
  const branch = options.branch ?? 'main'
  const store = createObjectStore()
  const commits = new Map<string, Commit>()
  const requests: GithubRequest[] = []
  let folder = options.folder
  let head: Commit | null = null
  let failures: { status: number; times: number } | null = null

  const currentHead = (): Commit => {
    const snapshot = snapshotFolder(folder, store)
    if (head && head.tree === snapshot.rootTree) return head
    const message = head ? `Update tenants (${commits.size + 1})` : 'Initial commit'
    const sha = commitSha(
      snapshot.rootTree,
      head?.sha ?? null,
      message,
      1_700_000_000 + commits.size,
    )
    head = { sha, tree: snapshot.rootTree, parent: head?.sha ?? null, snapshot, message }
    commits.set(sha, head)
    return head
  }

  /** A branch name, HEAD, a commit sha or a tree sha → the tree it names. */
  const resolveTree = (ref: string): string | null => {
    if (ref === branch || ref === 'HEAD' || ref === `heads/${branch}`) return currentHead().tree
    return commits.get(ref)?.tree ?? (store.trees.has(ref) ? ref : null)
  }

  const resolveCommit = (ref: string): Commit | null =>
    ref === branch || ref === 'HEAD' ? currentHead() : (commits.get(ref) ?? null)

  const commitBody = (commit: Commit, base: string) => ({
    sha: commit.sha,
    url: `${base}/commits/${commit.sha}`,
    commit: {
      message: commit.message,
      tree: { sha: commit.tree, url: `${base}/git/trees/${commit.tree}` },
    },
    parents: commit.parent ? [{ sha: commit.parent }] : [],
  })

  const compare = (from: Commit, to: Commit) => {
    const files: { filename: string; status: string; sha: string }[] = []
    for (const [path, sha] of to.snapshot.files) {
      const before = from.snapshot.files.get(path)
      if (before !== sha) files.push({ filename: path, status: before ? 'modified' : 'added', sha })
    }
    for (const [path, sha] of from.snapshot.files) {
      if (!to.snapshot.files.has(path)) files.push({ filename: path, status: 'removed', sha })
    }
    return {
      status: 'ahead',
      base_commit: { sha: from.sha },
      merge_base_commit: { sha: from.sha },
      files,
    }
  }

  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    base: string,
  ): [number, unknown] => {
    const prefix = `/repos/${owner}/${repo}`
    if (method !== 'GET' || !path.startsWith(`${prefix}/`)) return [404, NOT_FOUND]
    const rest = path.slice(prefix.length)
    // Reading the folder first makes every object of the current content addressable.
    currentHead()
    let match = /^\/git\/trees\/(.+)$/.exec(rest)
    if (match?.[1]) {
      const sha = resolveTree(decodeURIComponent(match[1]))
      if (!sha) return [404, NOT_FOUND]
      const recursive = (query.get('recursive') ?? '') !== ''
      const tree = listTree(store, sha, recursive).map((item) => ({
        ...item,
        url: `${base}/git/${item.type === 'tree' ? 'trees' : 'blobs'}/${item.sha}`,
      }))
      return [200, { sha, url: `${base}/git/trees/${sha}`, tree, truncated: false }]
    }
    match = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest)
    if (match?.[1]) {
      const content = store.blobs.get(match[1])
      return content ? [200, blobBody(match[1], content, base)] : [404, NOT_FOUND]
    }
    match = /^\/compare\/([^.]+)\.\.\.(.+)$/.exec(rest)
    if (match?.[1] && match[2]) {
      const from = resolveCommit(match[1])
      const to = resolveCommit(match[2])
      return from && to ? [200, compare(from, to)] : [404, NOT_FOUND]
    }
    if (rest === '/commits') return [200, [commitBody(currentHead(), base)]]
    match = /^\/commits\/(.+)$/.exec(rest)
    if (match?.[1]) {
      const commit = resolveCommit(match[1])
      return commit ? [200, commitBody(commit, base)] : [404, NOT_FOUND]
    }
    if (rest === `/branches/${branch}`) {
      return [200, { name: branch, commit: commitBody(currentHead(), base) }]
    }
    return [404, NOT_FOUND]
  }

  const server = await startLoopbackServer(async (request, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const authorization = request.headers.authorization ?? null
    const presented = /^(?:Bearer|token)\s+(.+)$/i.exec(authorization ?? '')?.[1]
    const base = `${server.url}/repos/${owner}/${repo}`
    const [status, body] = ((): [number, unknown] => {
      if (failures && failures.times > 0) {
        failures.times -= 1
        return [failures.status, { message: 'Server Error' }]
      }
      // GitHub hides private repositories from anonymous callers.
      if (presented === undefined) return [404, NOT_FOUND]
      if (presented !== options.token) {
        return [
          401,
          { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
        ]
      }
      return route(request.method ?? 'GET', url.pathname, url.searchParams, base)
    })()
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization,
      status,
    })
    sendJson(response, status, body, {
      'x-ratelimit-remaining': '4999',
      'x-github-request-id': `FAKE:${requests.length}`,
    })
  })

  return {
    url: server.url,
    fullName: `${owner}/${repo}`,
    branch,
    requests,
    setFolder(next) {
      folder = next
    },
    headSha: () => currentHead().sha,
    failNext(status = 500, times = 1) {
      failures = { status, times }
    },
    close: () => server.close(),
  }
}

import type { Env } from '../platform/env.ts'
import type { ConfigSnapshot } from './config-source.ts'
import { SourceUnavailableError } from './config-source.ts'

/** Tenant folders sit under this folder of the config repository. */
const ROOT = 'tenant/'

type Tree = {
  sha: string
  truncated?: boolean
  tree: { path: string; type: string; sha: string }[]
}

function headers(env: Env): Record<string, string> {
  return {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': 'relay-tenant-sync',
    ...(env.GITHUB_TOKEN ? { Authorization: `Bearer ${env.GITHUB_TOKEN}` } : {}),
  }
}

async function getJson<T>(env: Env, path: string): Promise<T> {
  const url = `${env.GITHUB_API_URL.replace(/\/+$/, '')}/repos/${env.TENANT_REPO}${path}`
  let response: Response
  try {
    response = await fetch(url, { headers: headers(env) })
  } catch {
    throw new SourceUnavailableError(`GitHub could not be reached (${env.GITHUB_API_URL})`, true)
  }
  if (response.ok) return (await response.json()) as T
  await response.body?.cancel()
  const transient = response.status >= 500 || response.status === 429
  const hint =
    response.status === 401 || response.status === 404
      ? ': check TENANT_REPO, TENANT_REPO_REF and GITHUB_TOKEN'
      : ''
  throw new SourceUnavailableError(
    `GitHub answered ${response.status} for ${env.TENANT_REPO}${path.split('?')[0]}${hint}`,
    transient,
  )
}

function decodeBase64(text: string): string {
  const binary = atob(text.replace(/\s+/g, ''))
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

/**
 * The repository at TENANT_REPO_REF: the branch is resolved to its commit first, so every file read
 * belongs to that one commit even if someone pushes meanwhile.
 */
export async function openGithubSnapshot(env: Env): Promise<ConfigSnapshot> {
  if (!env.TENANT_REPO) throw new SourceUnavailableError('TENANT_REPO is not set', false)
  const ref = encodeURIComponent(env.TENANT_REPO_REF)
  const commit = await getJson<{ sha: string }>(env, `/commits/${ref}`)
  const tree = await getJson<Tree>(env, `/git/trees/${commit.sha}?recursive=1`)
  if (tree.truncated) {
    throw new SourceUnavailableError('The repository tree is too large for one listing', false)
  }
  const blobs = new Map<string, string>()
  for (const item of tree.tree) {
    if (item.type === 'blob' && item.path.startsWith(ROOT)) {
      blobs.set(item.path.slice(ROOT.length), item.sha)
    }
  }
  return {
    source: 'github',
    revision: commit.sha,
    paths: [...blobs.keys()],
    async read(path) {
      const sha = blobs.get(path)
      if (!sha) throw new SourceUnavailableError(`${path} is not in the repository`, false)
      const blob = await getJson<{ content: string; encoding: string }>(env, `/git/blobs/${sha}`)
      return blob.encoding === 'base64' ? decodeBase64(blob.content) : blob.content
    },
  }
}

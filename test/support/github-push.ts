import { createHash, createHmac, randomUUID } from 'node:crypto'

/** A GitHub `push` webhook delivery as GitHub sends it, signed for a secret. */

export type PushCommitInput = {
  added?: string[]
  modified?: string[]
  removed?: string[]
  message?: string
  id?: string
}

export type PushEventInput = {
  /** `owner/repo` */
  repository: string
  commits: PushCommitInput[]
  ref?: string
  before?: string
  /** Head commit sha; defaults to the last commit's id (e.g. pass the fake GitHub's `headSha()`). */
  after?: string
  pusher?: string
}

export type PushDelivery = {
  payload: Record<string, unknown>
  /** The exact bytes to POST; the signature covers them. */
  body: string
  headers: Record<string, string>
}

const ZERO_SHA = '0'.repeat(40)

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

/** `sha256=` + hex HMAC-SHA256 of the raw body, the `X-Hub-Signature-256` header value. */
export function signGithubBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

export function buildPushDelivery(input: PushEventInput, secret: string): PushDelivery {
  const [owner = 'acme', name = 'tenants'] = input.repository.split('/')
  const ref = input.ref ?? 'refs/heads/main'
  const htmlUrl = `https://github.com/${input.repository}`
  const timestamp = '2026-01-15T10:30:45+03:00'
  const author = { name: 'Tenant Editor', email: 'editor@example.com', username: 'editor' }
  const commits = input.commits.map((commit, index) => {
    const id = commit.id ?? fakeSha(`${input.repository}:${index}:${JSON.stringify(commit)}`)
    return {
      id,
      tree_id: fakeSha(`tree:${id}`),
      distinct: true,
      message: commit.message ?? `Update tenant config (${index + 1})`,
      timestamp,
      url: `${htmlUrl}/commit/${id}`,
      author,
      committer: author,
      added: commit.added ?? [],
      removed: commit.removed ?? [],
      modified: commit.modified ?? [],
    }
  })
  const after = input.after ?? commits.at(-1)?.id ?? ZERO_SHA
  const before = input.before ?? fakeSha(`before:${after}`)
  const repository = {
    id: 700_000_001,
    node_id: 'R_kgDOFakeRepo',
    name,
    full_name: input.repository,
    private: true,
    owner: { login: owner, id: 9_000_001, type: 'Organization' },
    html_url: htmlUrl,
    url: htmlUrl,
    default_branch: 'main',
    master_branch: 'main',
    pushed_at: 1_768_462_245,
  }
  const payload = {
    ref,
    before,
    after,
    repository,
    pusher: { name: input.pusher ?? 'editor', email: 'editor@example.com' },
    sender: { login: input.pusher ?? 'editor', id: 9_000_002, type: 'User' },
    created: before === ZERO_SHA,
    deleted: after === ZERO_SHA,
    forced: false,
    base_ref: null,
    compare: `${htmlUrl}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
  }
  const body = JSON.stringify(payload)
  return {
    payload,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': 'push',
      'x-github-delivery': randomUUID(),
      'x-github-hook-id': '500000001',
      'x-hub-signature-256': signGithubBody(body, secret),
    },
  }
}

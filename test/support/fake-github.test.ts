import { execFileSync } from 'node:child_process'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { type FakeGithub, startFakeGithub } from './fake-github.ts'
import { blobSha } from './git-objects.ts'
import { buildPushDelivery } from './github-push.ts'

const TOKEN = 'ghp_fakeTenantRepoToken123'

let root: string
let github: FakeGithub

function write(folder: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true })
    writeFileSync(join(folder, path), content)
  }
  return folder
}

async function get(path: string, authorization: string | null = `Bearer ${TOKEN}`) {
  const response = await fetch(`${github.url}/repos/acme/tenants${path}`, {
    headers: authorization ? { authorization } : {},
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

type TreeBody = { sha: string; tree: { path: string; type: string; sha: string; size?: number }[] }

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'fake-github-'))
  write(join(root, 'v1'), {
    'tenant/tenant_101/bots/telegram.yaml': 'bot_token: "1:abc"\n',
    'tenant/tenant_101/scenarios/start.yaml': 'start:\n  step: []\n',
    'tenant/tenant_101/storage/settings.yaml': 'settings:\n  lang: ru\n',
    'README.md': '# Tenants\n',
  })
  github = await startFakeGithub({ folder: join(root, 'v1'), token: TOKEN })
})

afterEach(async () => {
  await github.close()
  rmSync(root, { recursive: true, force: true })
})

describe('git data API', () => {
  test('a recursive tree lists every file with its git blob sha', async () => {
    const { status, body } = await get('/git/trees/main?recursive=1')
    expect(status).toBe(200)
    const tree = (body as unknown as TreeBody).tree
    expect(tree.filter((item) => item.type === 'blob').map((item) => item.path)).toStrictEqual([
      'README.md',
      'tenant/tenant_101/bots/telegram.yaml',
      'tenant/tenant_101/scenarios/start.yaml',
      'tenant/tenant_101/storage/settings.yaml',
    ])
    const readme = tree.find((item) => item.path === 'README.md')
    expect(readme).toMatchObject({ sha: blobSha('# Tenants\n'), size: 10, type: 'blob' })
    expect(tree.map((item) => item.path)).toContain('tenant/tenant_101')
    const shallow = await get('/git/trees/main')
    expect((shallow.body as unknown as TreeBody).tree.map((item) => item.path)).toStrictEqual([
      'README.md',
      'tenant',
    ])
  })

  test.runIf(hasGit())('tree and blob shas are the ones git computes', async () => {
    const repo = join(root, 'git')
    cpSync(join(root, 'v1'), repo, { recursive: true })
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo }).toString().trim()
    git('init', '-q')
    git('add', '-A')
    const { body } = await get('/git/trees/main?recursive=1')
    expect(body.sha).toBe(git('write-tree'))
    expect(blobSha('# Tenants\n')).toBe(git('hash-object', 'README.md'))
  })

  test('a blob comes back as line-wrapped base64 of the file', async () => {
    const sha = blobSha('settings:\n  lang: ru\n')
    const { status, body } = await get(`/git/blobs/${sha}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ sha, encoding: 'base64', size: 21 })
    expect(atob(String(body.content))).toBe('settings:\n  lang: ru\n')
    expect((await get(`/git/blobs/${'0'.repeat(40)}`)).status).toBe(404)
  })

  test('authorization: Bearer and token schemes work; none is 404, a wrong one 401', async () => {
    expect((await get('/git/trees/main', `token ${TOKEN}`)).status).toBe(200)
    expect((await get('/git/trees/main', null)).status).toBe(404)
    expect((await get('/git/trees/main', 'Bearer nope')).body).toMatchObject({
      message: 'Bad credentials',
    })
    expect(github.requests.map((request) => request.status)).toStrictEqual([200, 404, 401])
    expect(github.requests[0]).toMatchObject({
      path: '/repos/acme/tenants/git/trees/main',
      authorization: `token ${TOKEN}`,
    })
  })

  test('another repository, an unknown branch, or a programmed failure', async () => {
    const other = await fetch(`${github.url}/repos/acme/other/git/trees/main`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(other.status).toBe(404)
    expect((await get('/git/trees/develop')).status).toBe(404)
    github.failNext(502)
    expect((await get('/git/trees/main')).status).toBe(502)
    expect((await get('/git/trees/main')).status).toBe(200)
  })
})

describe('pushes', () => {
  test('setFolder makes a new commit; old blobs stay readable; compare lists the changes', async () => {
    const before = github.headSha()
    write(join(root, 'v2'), {
      'tenant/tenant_101/bots/telegram.yaml': 'bot_token: "1:abc"\nis_active: false\n',
      'tenant/tenant_101/scenarios/start.yaml': 'start:\n  step: []\n',
      'tenant/tenant_102/scenarios/menu.yaml': 'menu:\n  step: []\n',
      'README.md': '# Tenants\n',
    })
    github.setFolder(join(root, 'v2'))
    const after = github.headSha()
    expect(after).not.toBe(before)
    const commit = await get(`/commits/${after}`)
    expect(commit.body).toMatchObject({ sha: after, parents: [{ sha: before }] })
    const tree = await get(`/git/trees/${after}?recursive=1`)
    expect((tree.body as unknown as TreeBody).tree.map((item) => item.path)).toContain(
      'tenant/tenant_102/scenarios/menu.yaml',
    )
    const oldSettings = blobSha('settings:\n  lang: ru\n')
    expect((await get(`/git/blobs/${oldSettings}`)).status).toBe(200)
    const { body } = await get(`/compare/${before}...${after}`)
    const files = (body.files as { filename: string; status: string }[]).map(
      (file) => `${file.status} ${file.filename}`,
    )
    expect(files.sort()).toStrictEqual([
      'added tenant/tenant_102/scenarios/menu.yaml',
      'modified tenant/tenant_101/bots/telegram.yaml',
      'removed tenant/tenant_101/storage/settings.yaml',
    ])
  })

  test('a push delivery is signed over its exact body', () => {
    const delivery = buildPushDelivery(
      {
        repository: github.fullName,
        after: github.headSha(),
        commits: [
          {
            added: ['tenant/tenant_102/scenarios/menu.yaml'],
            modified: ['tenant/tenant_101/bots/telegram.yaml'],
          },
          { removed: ['tenant/tenant_101/storage/settings.yaml'], message: 'Drop settings' },
        ],
      },
      'webhook-secret',
    )
    const expected = `sha256=${createHmac('sha256', 'webhook-secret').update(delivery.body).digest('hex')}`
    const signature = delivery.headers['x-hub-signature-256'] ?? ''
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true)
    expect(delivery.headers['x-github-event']).toBe('push')
    expect(JSON.parse(delivery.body)).toStrictEqual(delivery.payload)
    expect(delivery.payload).toMatchObject({
      ref: 'refs/heads/main',
      after: github.headSha(),
      repository: { full_name: 'acme/tenants', name: 'tenants' },
      head_commit: {
        message: 'Drop settings',
        removed: ['tenant/tenant_101/storage/settings.yaml'],
      },
    })
    const commits = delivery.payload.commits as { added: string[]; modified: string[] }[]
    expect(commits[0]).toMatchObject({
      added: ['tenant/tenant_102/scenarios/menu.yaml'],
      modified: ['tenant/tenant_101/bots/telegram.yaml'],
    })
  })
})

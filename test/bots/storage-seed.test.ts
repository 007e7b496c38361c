import { expect, test } from 'vitest'
import { readYaml } from '../../functions/bots/config-result.ts'
import { mergeStorageSeeds, parseStorageSeed } from '../../functions/bots/storage-seed.ts'

function yaml(text: string): unknown {
  const result = readYaml(text)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.value
}

test('the documented settings and i18n files parse and merge', () => {
  const settings = parseStorageSeed(
    yaml(`
settings:
  max_users: 100
  default_language: "en"
  allowed_languages: ["ru", "en", "de"]
  enable_notifications: true
  admin_config: {id: 1133574222, name: "Admin", permissions: ["read", "write"]}
limits:
  daily_requests: 1000
  discount_percentage: 10.5
`),
  )
  const i18n = parseStorageSeed(
    yaml(`
translation_en:
  start: |
    👋 Hello, {first_name|fallback:friend}!
  start_inline:
    - [{"📋 Menu": "menu"}, {"ℹ️ Help": "help"}]
settings:
  default_language: "ru"
`),
  )
  if (!settings.ok || !i18n.ok) throw new Error('expected valid seeds')
  expect(mergeStorageSeeds([settings.value, i18n.value])).toStrictEqual({
    settings: {
      max_users: 100,
      default_language: 'ru',
      allowed_languages: ['ru', 'en', 'de'],
      enable_notifications: true,
      admin_config: { id: 1133574222, name: 'Admin', permissions: ['read', 'write'] },
    },
    limits: { daily_requests: 1000, discount_percentage: 10.5 },
    translation_en: {
      start: '👋 Hello, {first_name|fallback:friend}!\n',
      start_inline: [[{ '📋 Menu': 'menu' }, { 'ℹ️ Help': 'help' }]],
    },
  })
})

test('nulls and emptied mappings are dropped, empty lists kept, numeric keys stay strings', () => {
  const result = parseStorageSeed(
    yaml(`
users:
  1133574222: {access: true, admin: true, tenant_owner: [101, 102]}
  5550001: {access: null}
  777: ~
misc:
  tags: []
  nested: {a: {b: null}}
`),
  )
  expect(result).toStrictEqual({
    ok: true,
    value: {
      users: { '1133574222': { access: true, admin: true, tenant_owner: [101, 102] } },
      misc: { tags: [] },
    },
    warnings: [],
  })
})

test('a group that is not a mapping is skipped with a warning; a non-mapping file is an error', () => {
  expect(parseStorageSeed({ good: { a: 1 }, bad: [1, 2] })).toStrictEqual({
    ok: true,
    value: { good: { a: 1 } },
    warnings: [{ path: 'bad', message: 'a group must be a mapping of key → value, skipped' }],
  })
  expect(parseStorageSeed(['not', 'a', 'mapping']).ok).toBe(false)
  expect(parseStorageSeed(null)).toStrictEqual({ ok: true, value: {}, warnings: [] })
})

test('values nested past the depth limit are skipped with their path', () => {
  const result = parseStorageSeed({ g: { k: { a: { b: { c: 1 } }, ok: 2 } } }, 2)
  expect(result).toStrictEqual({
    ok: true,
    value: { g: { k: { ok: 2 } } },
    warnings: [{ path: 'g.k.a.b.c', message: 'nested deeper than 2 levels, skipped' }],
  })
})

import { describe, expect, test } from 'vitest'
import { groupCommandsByScope, scopesToClear } from '../../functions/bots/command-scopes.ts'
import { describeIssues, readYaml } from '../../functions/bots/config-result.ts'
import { parseTelegramBotConfig, parseTenantConfig } from '../../functions/bots/config-schema.ts'

function yaml(text: string): unknown {
  const result = readYaml(text)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.value
}

const TELEGRAM_YAML = `
bot_token: "1234567890:ABCdefGHIjklMNOpqrsTUVwxyz"
is_active: true
commands:
  - command: "start"
    description: "Main menu"
    scope: "all_private_chats"
  - command: "/help"
    description: "Help"
    scope: "all_private_chats"
  - command: "report"
    description: "Weekly report"
    scope: "chat"
    chat_id: -1001234567890
  - command: "start"
    description: "Главное меню"
    scope: "all_private_chats"
    language_code: "ru"
command_clear:
  - scope: "all_group_chats"
  - scope: "chat_member"
    chat_id: 123456789
    user_id: 987654321
`

describe('bots/telegram.yaml', () => {
  test('the documented example parses, defaults filled in', () => {
    const result = parseTelegramBotConfig(yaml(TELEGRAM_YAML))
    if (!result.ok) throw new Error(describeIssues('bots/telegram.yaml', result.errors))
    expect(result.value.bot_token).toBe('1234567890:ABCdefGHIjklMNOpqrsTUVwxyz')
    expect(result.value.commands[1]).toEqual({
      command: 'help',
      description: 'Help',
      scope: 'all_private_chats',
    })
    expect(groupCommandsByScope(result.value.commands)).toStrictEqual([
      {
        scope: { type: 'all_private_chats' },
        commands: [
          { command: 'start', description: 'Main menu' },
          { command: 'help', description: 'Help' },
        ],
      },
      {
        scope: { type: 'chat', chat_id: -1001234567890 },
        commands: [{ command: 'report', description: 'Weekly report' }],
      },
      {
        scope: { type: 'all_private_chats' },
        language_code: 'ru',
        commands: [{ command: 'start', description: 'Главное меню' }],
      },
    ])
    expect(scopesToClear(result.value).map((group) => group.scope)).toStrictEqual([
      { type: 'all_group_chats' },
      { type: 'chat_member', chat_id: 123456789, user_id: 987654321 },
    ])
  })

  test('an empty file, or empty keys, mean an active bot with the stored token and no commands', () => {
    for (const text of ['', 'commands:\ncommand_clear:\nis_active:\n']) {
      expect(parseTelegramBotConfig(yaml(text))).toStrictEqual({
        ok: true,
        value: { is_active: true, commands: [], command_clear: [] },
        warnings: [],
      })
    }
  })

  test('every problem is reported at its key path', () => {
    const result = parseTelegramBotConfig(
      yaml(`
bot_token: "not a token"
is_active: "yes"
comands: []
commands:
  - command: "Start"
    description: "Main menu"
  - command: "orders"
    description: ""
    scope: "everyone"
  - command: "admin"
    description: "Admin"
    scope: "chat_member"
    chat_id: 42
command_clear:
  - scope: "default"
    chat_id: 42
`),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((error) => error.path).sort()).toStrictEqual(
      [
        'bot_token',
        'command_clear[0].chat_id',
        'commands[0].command',
        'commands[1].description',
        'commands[1].scope',
        'commands[2].user_id',
        'comands',
        'is_active',
      ].sort(),
    )
    expect(describeIssues('bots/telegram.yaml', result.errors)).toContain(
      'bots/telegram.yaml: commands[2].user_id: required for scope chat_member',
    )
  })

  test('a command repeated in one scope is an error; in another scope it is fine', () => {
    const result = parseTelegramBotConfig({
      commands: [
        { command: 'start', description: 'a' },
        { command: 'start', description: 'b', scope: 'all_group_chats' },
        { command: 'start', description: 'c' },
      ],
    })
    expect(result).toStrictEqual({
      ok: false,
      errors: [
        { path: 'commands[2].command', message: 'duplicate command "start" in scope default' },
      ],
    })
  })

  test('YAML syntax errors name the line', () => {
    const result = readYaml('commands:\n  - command: start\n   description: x\n')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[0]?.path).toMatch(/^line \d+, column \d+$/)
  })
})

describe('config.yaml', () => {
  test('ai_token, admins and timezone', () => {
    expect(
      parseTenantConfig(
        yaml(`
ai_token: "sk-or-v1-abc"
admins:
  - Owner@Example.com
  - owner@example.com
  - ops@example.com
timezone: Europe/Moscow
`),
      ),
    ).toStrictEqual({
      ok: true,
      value: {
        ai_token: 'sk-or-v1-abc',
        admins: ['owner@example.com', 'ops@example.com'],
        timezone: 'Europe/Moscow',
      },
      warnings: [],
    })
  })

  test('the legacy openrouter_token still sets the AI token; an empty file is valid', () => {
    expect(parseTenantConfig({ openrouter_token: 'sk-legacy' })).toMatchObject({
      value: { ai_token: 'sk-legacy' },
    })
    expect(parseTenantConfig(null)).toMatchObject({
      value: { ai_token: null, admins: [], timezone: null },
    })
  })

  test('bad emails, unknown zones and unknown keys are named', () => {
    const result = parseTenantConfig({ admins: ['ops'], timezone: 'Moscow', ai_tokn: 'x' })
    expect(result.ok ? [] : result.errors).toStrictEqual([
      { path: 'admins[0]', message: 'must be an email address' },
      { path: 'timezone', message: 'must be an IANA time zone such as Europe/Moscow' },
      { path: 'ai_tokn', message: 'unknown key' },
    ])
  })
})

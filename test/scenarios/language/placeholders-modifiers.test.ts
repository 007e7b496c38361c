import { describe, expect, it } from 'vitest'
import { MODIFIERS, renderString } from '../../../functions/scenarios/placeholders/index.ts'

const values = {
  text: 'hello world',
  name: 'john doe',
  greek: 'ΟΔΟΣ ΑΣ',
  emoji: '😀😀😀😀😀😀',
  lst: ['a', 'b'],
  ids: [1, 2, 3],
  d: { k: 1, s: 'x' },
  e: [],
  ed: {},
  none: null,
  empty: '',
  zero: 0,
  ten: 10,
  neg: -7,
  f: 1.5,
  flag: true,
  off: false,
  status: 'active',
  users: ['@ann', 'bob'],
  s_true: 'TRUE',
  nul: 'NULL',
  pipe: 'a|b',
  quote: "it's",
  done: { __async_action: 'a1', status: 'done' },
  pending: { __async_action: 'a2', status: 'pending' },
}

type Row = [template: string, expected: unknown]

const table: Record<string, Row[]> = {
  fallback: [
    ['{none|fallback:Guest}', 'Guest'],
    ['{empty|fallback:x}', 'x'],
    ['{zero|fallback:x}', 0],
    ['{off|fallback:x}', false],
    ['{e|fallback:x}', []],
    ['{ed|fallback:x}', {}],
    ['{none|fallback:}', ''],
    ['{none|fallback}', '{none|fallback}'],
    ['{none|fallback:[]}', []],
    ['{none|fallback:[1, 2]}', [1, 2]],
    ['{none|fallback:0}', 0],
    ['{none|fallback:true}', true],
    ['{none|fallback: spaced }', 'spaced'],
    ["{none|fallback:'quoted'}", 'quoted'],
    ['{none|fallback:"dq"}', 'dq'],
    ['{none|fallback:{name}}', 'john doe'],
    ['{none|fallback:default|upper}', 'DEFAULT'],
  ],
  '+': [
    ['{ten|+5}', 15],
    ["{'42'|+1}", 43],
    ['{ten|+ 5}', 15],
    ["{ten|+'5'}", 15],
    ['{ten|+1_0}', 20],
    ['{flag|+1}', 2],
    ["{'0.1'|+0.2}", 0.30000000000000004],
    ["{'abc'|+1}", 'abc'],
    ['{none|+1}', '{none|+1}'],
    ['{ten|+}', 10],
    ['{ten|+{zero}}', 10],
  ],
  '-': [
    ['{ten|-3}', 7],
    ['{ten|-0.5}', 9.5],
    ['{ten|-x}', 10],
  ],
  '*': [
    ['{ten|*2}', 20],
    ['{ten|*1.5}', 15],
    ['{f|*2}', 3],
    ["{'1e3'|*1}", 1000],
  ],
  '/': [
    ['{ten|/2}', 5],
    ['{ten|/4}', 2.5],
    ['{ten|/3}', 10 / 3],
    ['{ten|/0}', 10],
  ],
  '%': [
    ['{ten|%3}', 1],
    ['{neg|%3}', 2],
    ['{ten|%-3}', -2],
    ['{ten|%0}', 10],
    ["{'7.5'|%2}", 1],
  ],
  upper: [
    ['{text|upper}', 'HELLO WORLD'],
    ['{none|upper}', ''],
    ['{flag|upper}', true],
    ['x {flag|upper}', 'x True'],
    ["{'straße'|upper}", 'STRASSE'],
  ],
  lower: [
    ["{'WORLD'|lower}", 'world'],
    ['{greek|lower}', 'οδος ας'],
    ['{none|lower}', ''],
  ],
  title: [
    ['{text|title}', 'Hello World'],
    ["{'they\\'re 3rd ß'|title}", "They'Re 3Rd Ss"],
    ['{greek|title}', 'Οδος Ας'],
    ["{'ǆemal'|title}", 'ǅemal'],
    ['{none|title}', ''],
  ],
  capitalize: [
    ["{'hELLO wORLD'|capitalize}", 'Hello world'],
    ['{none|capitalize}', ''],
  ],
  case: [
    ['{text|case:upper}', 'HELLO WORLD'],
    ['{text|case:lower}', 'hello world'],
    ['{text|case:title}', 'Hello World'],
    ['{text|case:capitalize}', 'Hello world'],
    ['{text|case:foo}', 'hello world'],
    ['{text|case}', 'hello world'],
    ['{zero|case:upper}', 0],
    ['{none|case:upper}', ''],
  ],
  truncate: [
    ['{name|truncate:5}', 'jo...'],
    ["{'long text here'|truncate:10}", 'long te...'],
    ['{name|truncate:8}', 'john doe'],
    ['{emoji|truncate:4}', '😀...'],
    ['{name|truncate:2}', 'john do...'],
    ['{name|truncate:x}', 'john doe'],
    ['{zero|truncate:1}', 0],
    ['{none|truncate:1}', ''],
  ],
  length: [
    ['{text|length}', 11],
    ['{lst|length}', 2],
    ['{none|length}', 0],
    ['{emoji|length}', 6],
    ['{d|length}', 18],
    ['{flag|length}', 4],
  ],
  regex: [
    ["{'Hello 123 World'|regex:\\d+}", 123],
    ["{'Hello 123 World'|regex:(\\d+) W}", 123],
    ["{'Hello 123 World'|regex:x(\\d)?}", ''],
    ["{'Hello 123 World'|regex:o( x)?}", "{'Hello 123 World'|regex:o( x)?}"],
    ['{text|regex:\\w+|upper}', 'HELLO'],
    [
      "{'user@example.com'|regex:[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}}",
      'user@example.com',
    ],
    ["{'Meeting at 2h 30m'|regex:(?:\\d+\\s*[dhms]\\s*)+}", '2h 30m'],
    ["{'Привет мир'|regex:\\w+$}", 'мир'],
    ["{'a1b'|regex:(?P<n>\\d)}", 1],
    ['{text|regex:[}', 'hello world'],
    ['{zero|regex:0}', 0],
    ['{none|regex:x}', ''],
  ],
  code: [
    ['{text|code}', '<code>hello world</code>'],
    ['{ten|code}', '<code>10</code>'],
    ['{none|code}', '<code></code>'],
    ['{empty|code}', '<code></code>'],
    ['{lst|code}', '<code>a</code>\n<code>b</code>'],
    ['{e|code}', ''],
    ['{lst|code|list}', '• <code>a</code>\n<code>b</code>'],
  ],
  format: [
    ['{ten|format:currency}', '10.00 ₽'],
    ['{f|format:percent}', '1.5%'],
    ["{'1234.567'|format:number}", 1234.57],
    ["{'2.675'|format:number}", 2.67],
    ["{'0.125'|format:currency}", '0.12 ₽'],
    ["{'2.5'|format:percent}", '2.5%'],
    ['{flag|format:currency}', '1.00 ₽'],
    ['{name|format:number}', 'john doe'],
    ['{zero|format:currency}', '0.00 ₽'],
    ['{empty|format:currency}', ''],
    ['{none|format:currency}', ''],
    ['{ten|format:}', 10],
    ['{ten|format:unknown}', 10],
  ],
  tags: [
    ['{users|tags}', '@ann @bob'],
    ["{'@@bob'|tags}", '@bob'],
    ['{e|tags}', ''],
    ['{zero|tags}', ''],
  ],
  list: [
    ['{ids|list}', '• 1\n• 2\n• 3'],
    ["{'x'|list}", '• x'],
    ['{e|list}', ''],
  ],
  comma: [
    ['{lst|comma}', 'a, b'],
    ["{'x'|comma}", 'x'],
    ['{zero|comma}', ''],
  ],
  equals: [
    ['{status|equals:active}', true],
    ['{status|equals:inactive}', false],
    ['{flag|equals:True}', true],
    ['{flag|equals:true}', false],
    ['{none|equals:None}', true],
    ['{ten|equals:10}', true],
    ['{status|equals:{status}}', true],
  ],
  in_list: [
    ['{status|in_list:active,pending}', true],
    ['{status|in_list: pending , active }', true],
    ['{status|in_list:pending,closed}', false],
    ['{status|in_list:}', false],
    ['{zero|in_list:0,1}', true],
  ],
  true: [
    ['{flag|true}', true],
    ['{off|true}', false],
    ['{s_true|true}', true],
    ["{' False '|true}", false],
    ["{'no'|true}", true],
    ["{'  '|true}", false],
    ['{zero|true}', false],
    ['{f|true}', true],
    ['{e|true}', false],
    ['{none|true}', false],
  ],
  value: [
    ['{flag|value:Yes}', 'Yes'],
    ['{zero|value:A|fallback:B}', 'B'],
    ['{flag|value}', 'None'],
    ['{status|equals:active|value:User {name} is active|fallback:no}', 'User john doe is active'],
  ],
  exists: [
    ['{status|exists}', true],
    ['{none|exists}', false],
    ['{empty|exists}', false],
    ['{zero|exists}', true],
  ],
  is_null: [
    ['{none|is_null}', true],
    ['{empty|is_null}', true],
    ['{nul|is_null}', true],
    ["{'Null'|is_null}", true],
    ['{zero|is_null}', false],
    ['{off|is_null}', false],
    ['{e|is_null}', false],
  ],
  shift: [
    ["{'2024-12-25'|shift:+1 day}", '2024-12-26'],
    ["{'2024-12-25'|shift:'-1 day'}", '2024-12-24'],
    ["{'2024-12-25'|shift:1 day}", '2024-12-25'],
  ],
  seconds: [
    ["{'1w 2d 3h 4m 5s'|seconds}", 788645],
    ["{'2h30m'|seconds}", 1800],
    ["{'90'|seconds}", "{'90'|seconds}"],
    ["{'2h, 30m'|seconds}", "{'2h, 30m'|seconds}"],
    ["{'2h 30m'|seconds|/60}", 150],
  ],
  to_date: [["{'2024-12-25 15:30:45'|to_date}", '2024-12-25 00:00:00']],
  to_hour: [["{'2024-12-25 15:30:45'|to_hour}", '2024-12-25 15:00:00']],
  to_minute: [["{'2024-12-25 15:30:45'|to_minute}", '2024-12-25 15:30:00']],
  to_second: [["{'2024-12-25T15:30:45.9'|to_second}", '2024-12-25 15:30:45']],
  to_week: [["{'2024-12-25 15:30:45'|to_week}", '2024-12-23 00:00:00']],
  to_month: [["{'2024-12-25 15:30:45'|to_month}", '2024-12-01 00:00:00']],
  to_year: [["{'2024-12-25 15:30:45'|to_year}", '2024-01-01 00:00:00']],
  expand: [
    ['{lst|expand}', ['a', 'b']],
    ['{text|expand}', 'hello world'],
  ],
  keys: [
    ['{d|keys}', ['k', 's']],
    ['{lst|keys}', []],
    ['{none|keys}', '{none|keys}'],
  ],
  ready: [
    ['{done|ready}', true],
    ['{pending|ready}', false],
    ['{text|ready}', false],
  ],
  not_ready: [
    ['{done|not_ready}', false],
    ['{pending|not_ready}', true],
    ['{text|not_ready}', false],
  ],
}

describe('modifier catalogue', () => {
  it('has exactly the 38 Coreness modifiers, each covered by this table', () => {
    expect(MODIFIERS.size).toBe(38)
    expect([...MODIFIERS.keys()].sort()).toStrictEqual(Object.keys(table).sort())
  })

  describe.each(Object.entries(table))('%s', (_name, rows) => {
    it.each(rows)('%s → %j', (template, expected) => {
      expect(renderString(template, values)).toStrictEqual(expected)
    })
  })
})

describe('modifier chains and parameters', () => {
  it.each([
    ['{text|upper|truncate:5|code}', '<code>HE...</code>'],
    ['{a|+{b}|*{c}}', 30],
    ["{'1000'|*0.9|format:currency}", '900.00 ₽'],
    ['{text|unknown}', 'hello world'],
    ['{text||upper}', 'HELLO WORLD'],
    ['{text|upper|}', 'HELLO WORLD'],
    ['{text|upper :x}', 'hello world'],
    ['{|fallback:default}', 'default'],
    ['{|upper}', ''],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, { ...values, a: 10, b: 5, c: 2 })).toStrictEqual(expected)
  })

  it('lets a modifier failure leave the value unchanged and reports it', () => {
    const warnings: string[] = []
    expect(
      renderString('{text|regex:(?<x>a)}', values, { onWarning: (m) => warnings.push(m) }),
    ).toBe('hello world')
    expect(warnings).toHaveLength(1)
  })
})

describe('| inside quotes (fixed: Coreness splits on every |)', () => {
  it.each([
    ["{'a|b'}", 'a|b'],
    ["{'a|b'|upper}", 'A|B'],
    ['{"x|y"|length}', 3],
    ["{text|regex:'(hello|bye) (w|x)'}", 'hello'],
    ["{text|regex:'(hello|bye) (w|x)'|upper}", 'HELLO'],
    ["{none|fallback:'a | b'|upper}", 'A | B'],
    ["{none|fallback:'it's'|upper}", "IT'S"],
    ['{text|regex:"o|x"}', 'o'],
  ])('%s → %j', (template, expected) => {
    expect(renderString(template, values)).toStrictEqual(expected)
  })

  it('keeps Coreness splitting when the quote is not closed or not at the start', () => {
    expect(renderString("{none|fallback:'a|upper}", values)).toBe("'A")
    expect(renderString('{none|fallback:x|y}', values)).toBe('x')
    expect(renderString('{text|regex:(o|x)}', values)).toBe('hello world')
  })
})

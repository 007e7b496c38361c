import { describe, expect, it } from 'vitest'
import { evaluateCondition } from '../../../functions/scenarios/conditions/index.ts'

const data = {
  event_type: 'message',
  user_id: 123,
  role: 'admin',
  text: 'hello world',
  a: null,
  list: ['x', 'y'],
  nums: [1, 2, 3],
  d: { k: 1 },
  n: '1.0',
  s: '123',
  s1: '1',
  tf: 'true',
  under: '1_0',
  sp: ' 5 ',
  big: '1e3',
  inf: 'inf',
  flag: true,
  off: false,
  f: 0.0,
  zero: 0,
  neg: -2,
  empty: '',
  nul: 'NULL',
  date_field: '02.12.2012',
  matrix: [
    [1, 2],
    [3, 4],
  ],
  objs: [{ id: 7 }],
  _cache: { name: 'John Doe', items: [1, 2], user: { lang: 'en' } },
}

const run = (condition: string) => evaluateCondition(condition, data)

type Row = [condition: string, expected: boolean]

const table: Record<string, Row[]> = {
  '==': [
    ['$event_type == message', true],
    ["$event_type == 'message'", true],
    ['$event_type == "message"', true],
    ['$n == 1', true],
    ['$s == 123', true],
    ["$user_id == '123'", true],
    ['$s1 == True', true],
    ['$tf == True', false],
    ['$flag == True', true],
    ['$flag == true', true],
    ['$flag == 1', true],
    ['$off == 0', true],
    ['$f == 0', true],
    ['$zero == 0.0', true],
    ['$under == 10', true],
    ['$sp == 5', true],
    ['$big == 1000', false],
    ['$a == None', true],
    ["$a == ''", false],
    ['$empty == None', false],
    ['None == None', true],
    ['1 == 1.0', true],
    ['$neg == -2', true],
    ['$date_field == 02.12.2012', true],
    ['$list == $list', true],
    ['$user_id == 123 == True', true],
  ],
  '!=': [
    ['$a != None', false],
    ['$text != None', true],
    ['02.12.2012 != 03.12.2012', true],
    ['$s != 123', false],
  ],
  '>': [
    ['$user_id > 100', true],
    ['$s > 100', true],
    ['$big > 999', true],
    ['$inf > 1000000', true],
    ['$a > 1', false],
    ['$text > 1', false],
    ["'abc' > 'abb'", false],
    ['$flag > 0', true],
    ['$neg > -3', true],
  ],
  '<': [
    ['$user_id < 1000', true],
    ['-1 < 0', true],
    ['$list < 5', false],
  ],
  '>=': [
    ['$user_id >= 123.0', true],
    ['$n >= 1', true],
  ],
  '<=': [
    ['$user_id <= 122', false],
    ['$a <= 1', false],
  ],
  '~': [
    ["$text ~ 'world'", true],
    ["$text ~ ''", true],
    ["$a ~ 'on'", true],
    ["$a ~ 'None'", true],
    ["$nums ~ '2'", true],
    ["$flag ~ 'Tr'", true],
    ['$list ~ "\'x\'"', true],
    ['$text ~ hello', true],
    ['$text ~ xellx', false],
  ],
  '!~': [
    ["$text !~ 'world'", false],
    ["$text !~ ''", false],
    ["$text !~ 'bye'", true],
  ],
  regex: [
    ["$text regex '^h\\w+'", true],
    ["$text regex 'W'", false],
    ["$text regex '(?i)W'", true],
    ["$a regex '.*'", false],
    ["$user_id regex '^1'", true],
    ["$text regex 'world$'", true],
    ["$text regex 'o w'", true],
    ["$text regex '^(hello|bye) '", true],
  ],
  is_null: [
    ['$a is_null', true],
    ['$missing is_null', true],
    ['$empty is_null', true],
    ['$nul is_null', true],
    ['$zero is_null', false],
    ['$off is_null', false],
    ['$text is_null', false],
    ['$a is_null == True', true],
  ],
  'not is_null': [
    ['$a not is_null', false],
    ['$text not is_null', true],
    ['$text not  is_null', true],
  ],
  in: [
    ["$role in ['admin', 'moderator']", true],
    ['$role in [admin moderator]', true],
    ['$user_id in [100, 123]', true],
    ['$s in [123]', false],
    ['$flag in [1]', true],
    ['$a in [None]', true],
    ["en in ['en','ru']", true],
    ["'x' in $list", true],
    ["'ell' in $text", true],
    ["$role in ('admin', 'x')", true],
    ["$role in ('admin')", true],
    ["'k' in $d", true],
    ['$role in [admin, moderator', true],
    ['$role in []', false],
    ["$role in ['admin'] and $user_id in [1, 123]", true],
    ['$user_id in [123] == True', true],
  ],
  'not in': [
    ["$role not in ['admin', 'moderator']", false],
    ['$role not in []', true],
    ["$role not   in ['x']", true],
    ["'z' not in $list", true],
  ],
  and: [
    ["$event_type == 'message' and $user_id > 100", true],
    ['$flag and $off', false],
    ['$a and $user_id', false],
  ],
  or: [
    ['$a == 1 or $user_id == 123', true],
    ['$flag and $off or $role', true],
    ['$a == 1 or $user_id == 123 and $off', false],
  ],
  not: [
    ['not $a', true],
    ['not $flag', false],
    ['not not $flag', true],
    ['not $a == 1', true],
    ['not $nums', false],
  ],
  '( )': [
    ["($event_type == 'message' and $user_id > 100)", true],
    ['($user_id == 1 or $user_id == 123) and $role == admin', true],
    ["$role == admin and ($user_id == 1 or $text ~ 'hell')", true],
    ['not ($flag and $off)', true],
  ],
}

describe('condition operators', () => {
  describe.each(Object.entries(table))('%s', (_op, rows) => {
    it.each(rows)('%s → %s', (condition, expected) => {
      const result = run(condition)
      expect(result.matched).toBe(expected)
      expect(result.warnings).toStrictEqual([])
    })
  })
})

describe('field paths', () => {
  it.each([
    ['$list[-1] == y', true],
    ['$list[0] == x', true],
    ['$list[5] is_null', true],
    ['$list[ 1 ] == y', true],
    ['$matrix[1][0] == 3', true],
    ['$objs[0].id == 7', true],
    ['$_cache.user.lang == en', true],
    ['$_cache.items[1] == 2', true],
    ["$_cache.name == 'John Doe'", true],
    ['$d.k == 1', true],
    ['$list[x] is_null', true],
    ['$text.length is_null', true],
    ['$constructor is_null', true],
  ])('%s → %s', (condition, expected) => {
    expect(run(condition).matched).toBe(expected)
  })
})

describe('Python values, not just booleans', () => {
  it.each([
    ['$a or $user_id', 123],
    ['$user_id and $text', 'hello world'],
    ['$empty or $zero', 0],
    ['$nums and $list', ['x', 'y']],
    ['$missing', null],
    ['$text', 'hello world'],
    ['$a or 1.0', 1],
  ])('%s → %j', (condition, value) => {
    expect(run(condition).value).toStrictEqual(value)
  })
})

describe('runtime errors evaluate to false with a warning', () => {
  it.each([
    ['$x in 5', "argument of type 'int' is not iterable"],
    ['$user_id in $a', "argument of type 'NoneType' is not iterable"],
    ["$user_id in 'abc'", "'in <string>' requires string as left operand, not int"],
    ['$list in $d', "unhashable type: 'list'"],
    ['$flag or $x in 5', undefined],
  ])('%s', (condition, message) => {
    const result = run(condition)
    if (message === undefined) {
      expect(result.matched).toBe(true)
      return
    }
    expect(result).toStrictEqual({
      matched: false,
      value: false,
      warnings: [`condition failed, treated as false: ${message}`],
    })
  })
})

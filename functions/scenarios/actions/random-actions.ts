import { z } from 'zod'
import { defineAction, failure, success } from '../../actions/define.ts'
import { randomFrom, sample } from './seeded-random.ts'

const common = {
  service: 'scenario_helper',
  access: 'public' as const,
  isMutating: false,
  isIdempotent: false,
  timeoutMs: 5_000,
}

/** The largest array these actions build; a scenario has no use for more and memory does. */
const MAX_COUNT = 10_000

const seedParam = z
  .union([z.string(), z.number(), z.boolean()])
  .optional()
  .describe('Сид: с одним и тем же сидом результат всегда одинаков')
const seedOutput = z.string().optional().describe('Использованный сид (если задан)')

const seeded = (seed: unknown) => (seed === undefined ? {} : { random_seed: String(seed) })

export const generateInt = defineAction({
  ...common,
  name: 'generate_int',
  description: 'Случайное целое число в диапазоне [min, max] включительно',
  replaceableField: 'random_value',
  input: z.object({
    min: z.number().int().describe('Нижняя граница (включительно)'),
    max: z.number().int().describe('Верхняя граница (включительно)'),
    seed: seedParam,
  }),
  output: z.object({
    random_value: z.number().int().describe('Случайное число'),
    random_seed: seedOutput,
  }),
  example: { min: 1, max: 6 },
  async execute(input) {
    if (input.min > input.max) return failure('VALIDATION_ERROR', 'min must not exceed max')
    const value = randomFrom(input.seed).int(input.min, input.max)
    return success({ random_value: value, ...seeded(input.seed) })
  },
})

export const generateArray = defineAction({
  ...common,
  name: 'generate_array',
  description: 'Массив случайных целых чисел в диапазоне [min, max]',
  replaceableField: 'random_list',
  input: z.object({
    min: z.number().int().describe('Нижняя граница (включительно)'),
    max: z.number().int().describe('Верхняя граница (включительно)'),
    count: z.number().int().min(1).max(MAX_COUNT).describe('Сколько чисел'),
    seed: seedParam,
    allow_duplicates: z.boolean().default(false).describe('Разрешить повторы'),
  }),
  output: z.object({
    random_list: z.array(z.number().int()).describe('Случайные числа'),
    random_seed: seedOutput,
  }),
  example: { min: 1, max: 100, count: 5 },
  async execute(input) {
    if (input.min > input.max) return failure('VALIDATION_ERROR', 'min must not exceed max')
    const span = input.max - input.min + 1
    if (!input.allow_duplicates && input.count > span) {
      return failure('VALIDATION_ERROR', `only ${span} distinct numbers lie in [min, max]`)
    }
    const random = randomFrom(input.seed)
    let list: number[]
    if (input.allow_duplicates) {
      list = Array.from({ length: input.count }, () => random.int(input.min, input.max))
    } else if (span <= MAX_COUNT * 4) {
      const all = Array.from({ length: span }, (_, offset) => input.min + offset)
      list = sample(all, input.count, random)
    } else {
      // A wide range: draw until enough distinct numbers (collisions are rare there).
      const picked = new Set<number>()
      while (picked.size < input.count) picked.add(random.int(input.min, input.max))
      list = [...picked]
    }
    return success({ random_list: list, ...seeded(input.seed) })
  },
})

export const chooseFromArray = defineAction({
  ...common,
  name: 'choose_from_array',
  description: 'Случайный выбор count элементов массива без повторов',
  replaceableField: 'random_list',
  input: z.object({
    array: z.array(z.unknown()).describe('Исходный массив'),
    count: z.number().int().min(1).describe('Сколько элементов выбрать'),
    seed: seedParam,
  }),
  output: z.object({
    random_list: z.array(z.unknown()).describe('Выбранные элементы'),
    random_seed: seedOutput,
  }),
  example: { array: ['a', 'b', 'c'], count: 1 },
  async execute(input) {
    if (input.count > input.array.length) {
      return failure('VALIDATION_ERROR', `the array has only ${input.array.length} items`)
    }
    const list = sample(input.array, input.count, randomFrom(input.seed))
    return success({ random_list: list, ...seeded(input.seed) })
  },
})

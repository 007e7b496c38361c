import { z } from 'zod'
import { defineAction, failure, success } from '../../actions/define.ts'
import { isDict } from '../placeholders/python/py-ops.ts'
import { pyStr } from '../placeholders/python/python-str.ts'

type Item = Record<string, unknown>

/** `$field` markers of a list template, replaced by the item's values (unknown ones stay). */
function fillTemplate(template: string, item: Item): string {
  return template.replace(/\$([A-Za-z_]\w*)/g, (marker, field: string) =>
    Object.hasOwn(item, field) ? pyStr(item[field]) : marker,
  )
}

type Parameter = { name: string; spec: Item }

/** Parameters of a structured item: a mapping name → spec, or a list of specs with `name`. */
function parametersOf(item: Item): Parameter[] {
  const source = item.parameters ?? item.params ?? item.input
  if (isDict(source)) {
    return Object.entries(source).map(([name, spec]) => ({ name, spec: isDict(spec) ? spec : {} }))
  }
  if (Array.isArray(source)) {
    return source.filter(isDict).map((spec) => ({ name: pyStr(spec.name ?? ''), spec }))
  }
  return []
}

function structuredItem(item: Item): string {
  const head = item.description
    ? `${pyStr(item.name ?? '')} — ${pyStr(item.description)}`
    : pyStr(item.name ?? '')
  const parameters = parametersOf(item)
  if (parameters.length === 0) return head
  const lines = parameters.map(({ name, spec }) => {
    const optional = spec.optional === true || spec.required === false ? ' (optional)' : ''
    const type = spec.type !== undefined ? ` (${pyStr(spec.type)})` : ''
    const description = spec.description !== undefined ? ` — ${pyStr(spec.description)}` : ''
    const fallback = spec.default !== undefined ? `. Default: ${pyStr(spec.default)}` : ''
    return `- ${name}${type}${optional}${description}${fallback}`
  })
  return [head, 'Parameters:', ...lines].join('\n')
}

export const formatDataToText = defineAction({
  name: 'format_data_to_text',
  service: 'scenario_helper',
  description:
    'Форматирование массива объектов в текст: list — по шаблону item_template с маркерами $field; structured — «name — description» и блок Parameters',
  access: 'public',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  replaceableField: 'formatted_text',
  input: z.object({
    format_type: z.enum(['list', 'structured']).describe('list или structured'),
    input_data: z.array(z.record(z.string(), z.unknown())).describe('Массив объектов'),
    title: z.string().optional().describe('Заголовок (первой строкой)'),
    item_template: z
      .string()
      .optional()
      .describe('Шаблон строки для list, например "• $name — $price"'),
  }),
  output: z.object({ formatted_text: z.string().describe('Готовый текст') }),
  example: {
    format_type: 'list',
    input_data: '{_cache.products}',
    item_template: '• $name — $price',
  },
  async execute(input) {
    let parts: string[]
    if (input.format_type === 'list') {
      if (input.item_template === undefined) {
        return failure('VALIDATION_ERROR', 'item_template is required for format_type list')
      }
      const template = input.item_template
      parts = [input.input_data.map((item) => fillTemplate(template, item)).join('\n')]
    } else {
      parts = [input.input_data.map(structuredItem).join('\n\n')]
    }
    if (input.title) parts.unshift(input.title)
    return success({ formatted_text: parts.join('\n') })
  },
})

import { z } from 'zod'
import { defineAction, failure } from '../../actions/define.ts'
import { ConditionSyntaxError, evaluateCondition } from '../conditions/index.ts'

export const validate = defineAction({
  name: 'validate',
  service: 'validator',
  description:
    'Проверка условия: success — истинно, failed — ложно. $field читает весь контекст шага (событие, _cache, _config, last_error…); плейсхолдеры в условии раскрываются до проверки',
  access: 'public',
  isMutating: false,
  isIdempotent: true,
  timeoutMs: 5_000,
  extraResults: ['failed'],
  // Loose: `$field` reads any key of the step's context, which arrives flat with the params.
  input: z.looseObject({
    condition: z
      .string()
      .min(1)
      .describe('Условие, например "$user_id > 100 and $event_text ~ \'hi\'"'),
  }),
  output: z.object({}),
  example: { condition: "$event_text regex '^/'" },
  async execute(input) {
    try {
      // The scenario engine has already expanded placeholders; expanding again would let text a user
      // typed (now part of the condition) be read as placeholders.
      const { matched } = evaluateCondition(input.condition, input, { placeholders: false })
      return { result: matched ? 'success' : 'failed' }
    } catch (error) {
      if (!(error instanceof ConditionSyntaxError)) throw error
      return failure('VALIDATION_ERROR', `Invalid condition: ${error.message}`)
    }
  },
})

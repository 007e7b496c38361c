import { z } from 'zod'
import { TRANSITION_ACTIONS } from './types.ts'

/**
 * The shape of one scenario in a YAML file. Unknown keys are errors (Coreness ignored them, so a typo
 * such as `steps:` silently lost every step); semantic checks follow in check-scenario.ts.
 */

const transitionSchema = z.strictObject({
  action_result: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .default('success'),
  transition_action: z.enum(TRANSITION_ACTIONS).default('continue'),
  transition_value: z
    .union([z.number(), z.string(), z.array(z.string().min(1))])
    .nullish()
    .transform((value) => value ?? undefined),
})

const stepSchema = z.strictObject({
  action: z.string().min(1).optional(),
  /** Coreness's older spelling of `action`. */
  action_name: z.string().min(1).optional(),
  params: z
    .record(z.string(), z.unknown(), { error: 'must be a mapping of params' })
    .nullish()
    .transform((value) => value ?? {}),
  async: z.boolean().default(false),
  action_id: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  transition: z
    .array(transitionSchema, { error: 'must be a list of transitions' })
    .nullish()
    .transform((value) => value ?? []),
  /** Shown in some Coreness examples and ignored there; accepted and ignored here too. */
  step_id: z.unknown().optional(),
})

const triggerSchema = z.record(z.string(), z.unknown(), {
  error: 'a trigger must be a mapping of event fields (and an optional condition)',
})

export const scenarioSchema = z.strictObject({
  description: z.string().nullish(),
  trigger: z
    .array(triggerSchema, { error: 'must be a list of triggers' })
    .nullish()
    .transform((value) => value ?? []),
  schedule: z.string().min(1).nullish(),
  step: z.array(stepSchema, {
    error: (issue) =>
      issue.input === undefined ? 'required: a scenario needs steps' : 'must be a list of steps',
  }),
})

export type RawScenario = z.output<typeof scenarioSchema>
export type RawStep = RawScenario['step'][number]

import { describe, expect, it } from 'vitest'
import { parseScenarioFiles } from '../../../functions/scenarios/loader/parse-scenario-files.ts'

const load = (...files: [string, string][]) =>
  parseScenarioFiles(files.map(([path, text]) => ({ path, text })))

describe('parseScenarioFiles', () => {
  it('loads scenarios in path order with triggers, steps and transition defaults', () => {
    const { scenarios, errors } = load(
      [
        'scenarios/b.yaml',
        `menu:
  trigger:
    - event_type: callback
      callback_data: menu
  step:
    - action_name: send_message
      params: {text: "Menu for {first_name|fallback:friend}"}
`,
      ],
      [
        'scenarios/a.yaml',
        `start:
  description: Main menu
  trigger:
    - event_type: message
      event_text: /start
      condition: "$user_id > 100 or $is_premium == True"
  schedule: "0 9 * * *"
  step:
    - action: validate
      params: {condition: "{user_id} > 5"}
      transition:
        - transition_action: move_steps
        - action_result: failed
          transition_action: jump_to_scenario
          transition_value: [menu]
`,
      ],
    )
    expect(errors).toEqual([])
    expect(scenarios.map((s) => [s.name, s.file, s.line])).toEqual([
      ['start', 'scenarios/a.yaml', 1],
      ['menu', 'scenarios/b.yaml', 1],
    ])
    const [start, menu] = scenarios
    expect(start).toMatchObject({
      description: 'Main menu',
      schedule: '0 9 * * *',
      trigger: [
        {
          equals: [
            ['event_type', 'message'],
            ['event_text', '/start'],
          ],
          condition: '$user_id > 100 or $is_premium == True',
        },
      ],
    })
    expect(start?.step[0]?.transition).toEqual([
      { action_result: 'success', transition_action: 'move_steps', transition_value: 1 },
      {
        action_result: 'failed',
        transition_action: 'jump_to_scenario',
        transition_value: ['menu'],
      },
    ])
    expect(menu?.step[0]).toEqual({
      action: 'send_message',
      params: { text: 'Menu for {first_name|fallback:friend}' },
      async: false,
      transition: [],
    })
  })

  it('names file, scenario, key path and line for every problem, and loads nothing then', () => {
    const { scenarios, errors } = load(
      [
        'bad.yaml',
        `start:
  trigger:
    - event_type: message
      condition: "$event_text == "
  step:
    - action: send_message
      params:
        text: "{first_name|uper}"
    - action: validate
      params: {condition: "$a regex '('"}
      async: true
      transition:
        - action_result: success
          transition_action: jump_to_scenario
          transition_value: nowhere
        - transition_action: jump_to_step
          transition_value: -1
other:
  schedule: "61 * * * *"
  stepz: []
`,
      ],
      ['broken.yaml', 'x: [\n'],
      ['dup.yaml', 'start:\n  step:\n    - action: sleep\n'],
    )
    expect(scenarios).toEqual([])
    const lines = errors.map((e) => `${e.file}:${e.line ?? '-'} ${e.scenario ?? ''} ${e.message}`)
    expect(lines).toEqual([
      expect.stringMatching(/^bad\.yaml:4 start trigger\[0\]\.condition: /),
      expect.stringMatching(/^bad\.yaml:8 start step\[0\]\.params\.text: unknown modifier 'uper'/),
      'bad.yaml:9 start step[1].action_id: an async step needs an action_id',
      expect.stringMatching(/^bad\.yaml:10 start step\[1\]\.params\.condition: /),
      "bad.yaml:15 start step[1].transition[0].transition_value: unknown scenario 'nowhere'",
      'bad.yaml:17 start step[1].transition[1].transition_value: jump_to_step needs a step index (0 or more)',
      'bad.yaml:18 other step: required: a scenario needs steps',
      'bad.yaml:20 other stepz: unknown key',
      expect.stringMatching(/^broken\.yaml:2 {2}Flow sequence/),
      'dup.yaml:1 start duplicate scenario name; first defined in bad.yaml:1',
    ])
  })

  it('rejects triggers that cannot be read as event fields and values that are not scalars', () => {
    const { errors } = load([
      'x.yaml',
      `a:
  trigger:
    - {}
    - event_type: [message, callback]
      "bad key": 1
  step:
    - action: execute_scenario
      params: {scenario: missing}
`,
    ])
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'trigger[0]: an empty trigger would match every event'],
      [
        4,
        'trigger[1].event_type: must be a single value (use condition for lists and other tests)',
      ],
      [5, "trigger[1].bad key: 'bad key' is not an event field name"],
      [8, "step[0].params.scenario: unknown scenario 'missing'"],
    ])
  })

  it('treats an empty file as no scenarios and a list as a mistake', () => {
    expect(load(['empty.yaml', '# nothing yet\n'])).toEqual({ scenarios: [], errors: [] })
    expect(load(['list.yaml', '- a\n- b\n']).errors).toEqual([
      {
        file: 'list.yaml',
        line: 1,
        message: 'a scenario file must be a mapping of scenario name → scenario',
      },
    ])
  })
})

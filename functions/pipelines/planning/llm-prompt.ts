import { fedParameters, parameterSchemas, requiredParameters } from './action-params.ts'
import type { CatalogAction } from './types.ts'

/** The catalog as the model sees it: no base URLs or headers, only what planning needs. */
function describeAction(action: CatalogAction) {
  const fed = new Map(fedParameters(action))
  const required = requiredParameters(action)
  const parameters = Object.entries(parameterSchemas(action)).map(([name, schema]) => ({
    name,
    type: schema.type ?? 'any',
    required: required.includes(name),
    ...(fed.has(name) ? { fed_by_type: fed.get(name) } : {}),
    ...(action.externalInputs.includes(name) ? { external: true } : {}),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }))
  return {
    action_id: action.id,
    capability: action.capabilityName,
    name: action.name,
    description: action.description,
    method: action.method,
    parameters,
    input_types: Object.fromEntries(fed),
    output_type: action.outputType,
    external_inputs: action.externalInputs,
  }
}

export function plannerSystemPrompt(catalog: readonly CatalogAction[]): string {
  return [
    'You plan pipelines for an automation platform. Turn the user request (the dialog below, in',
    'Russian or English) into a directed acyclic graph of HTTP actions taken only from the catalog.',
    '',
    'Rules:',
    '- Each node calls exactly one catalog action, named by its action_id. Number steps 1..N so',
    '  that every step comes after the steps it depends on.',
    '- A parameter with fed_by_type gets its value from an earlier step whose action has that',
    '  output_type. For each such dependency add an edge {from_step, to_step, type:',
    '  "data_dependency"}, put to_step in the producer\'s output_connected_to, from_step in the',
    "  consumer's input_connected_from, and {from_step, type: <producer output_type>} in the",
    "  consumer's input_data_type_from_previous. All four must agree exactly.",
    "- Every required parameter is either fed by an earlier step or listed in the node's",
    "  external_inputs. A node's external_inputs are its action's external_inputs.",
    '- inputs: values for external inputs that the user stated in the dialog (numbers, ids,',
    '  names). Never invent or guess a value; leave out what the user did not say.',
    '- Use only the actions the request needs, ending with the action that achieves its goal.',
    '- If the catalog cannot fulfil the request, answer status "cannot_build" with empty nodes,',
    '  edges and inputs, and name what is missing in missing_capabilities.',
    '- chat_reply_ru: one Russian sentence describing the pipeline. context_summary: a short',
    '  Russian note on which capabilities are used.',
    '',
    'Answer with one JSON object that matches the response schema, nothing else.',
    '',
    'Catalog:',
    JSON.stringify(catalog.map(describeAction), null, 1),
  ].join('\n')
}

export function repairRequest(errors: readonly string[]): string {
  return [
    'That plan is invalid:',
    ...errors.map((error) => `- ${error}`),
    'Return the corrected complete plan as one JSON object matching the schema.',
  ].join('\n')
}

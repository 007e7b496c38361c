import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import type { LanguageModel } from 'ai'

/*
 * Both configurations go through @ai-sdk/openai-compatible, Ollama via its OpenAI endpoint
 * `${OLLAMA_HOST}/v1`: one provider package in the Worker bundle, on the same release train as
 * `ai`; Ollama's /v1 accepts `response_format: json_schema` (structured outputs), and the OpenAI
 * wire format is what every test fake and hosted gateway speaks. ollama-ai-provider-v2 would add
 * a second, community-maintained provider for no capability we use.
 */

export type LlmConfig =
  | { ollamaHost: string; ollamaModel: string }
  | { baseUrl: string; apiKey?: string; model: string }

export type LlmEnv = {
  OLLAMA_HOST?: string
  OLLAMA_MODEL?: string
  LLM_BASE_URL?: string
  LLM_API_KEY?: string
  LLM_MODEL?: string
}

/** Ollama first when both are set: the seed's error text names OLLAMA_HOST/OLLAMA_MODEL. */
export function llmConfigFromEnv(env: LlmEnv): LlmConfig | null {
  if (env.OLLAMA_HOST && env.OLLAMA_MODEL) {
    return { ollamaHost: env.OLLAMA_HOST, ollamaModel: env.OLLAMA_MODEL }
  }
  if (env.LLM_BASE_URL && env.LLM_MODEL) {
    return env.LLM_API_KEY
      ? { baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL }
      : { baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL }
  }
  return null
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '')

/** OLLAMA_HOST as Ollama documents it: may lack the scheme, may already end in /v1. */
export function ollamaOpenAiBaseUrl(host: string): string {
  const base = withoutTrailingSlash(/^https?:\/\//i.test(host) ? host : `http://${host}`)
  return base.endsWith('/v1') ? base : `${base}/v1`
}

/** Create per request or per queue message: Workers forbid sharing I/O objects across requests. */
export function createLanguageModel(
  config: LlmConfig,
  options: { fetch?: typeof globalThis.fetch } = {},
): LanguageModel {
  if ('ollamaHost' in config) {
    return createOpenAICompatible({
      name: 'ollama',
      baseURL: ollamaOpenAiBaseUrl(config.ollamaHost),
      supportsStructuredOutputs: true,
      fetch: options.fetch,
    }).chatModel(config.ollamaModel)
  }
  return createOpenAICompatible({
    name: 'llm',
    baseURL: withoutTrailingSlash(config.baseUrl),
    apiKey: config.apiKey,
    supportsStructuredOutputs: true,
    fetch: options.fetch,
  }).chatModel(config.model)
}

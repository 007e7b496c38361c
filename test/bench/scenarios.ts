import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withTransaction } from '../../db/transaction.ts'
import { createApp } from '../../functions/app.ts'
import { startRuntime } from '../../functions/node/embedded-runtime.ts'
import { parseEnv } from '../../functions/platform/env.ts'
import { silentLogger } from '../../functions/platform/logger.ts'
import { VERSION } from '../../functions/platform/version.ts'
import { processEvent } from '../../functions/scenarios/engine/process-event.ts'
import {
  buildScenarioIndex,
  matchScenarios,
} from '../../functions/scenarios/engine/trigger-index.ts'
import { parseScenarioFiles } from '../../functions/scenarios/loader/parse-scenario-files.ts'
import { renderValue } from '../../functions/scenarios/placeholders/index.ts'
import {
  invalidateTenantScenarios,
  replaceTenantScenarios,
} from '../../functions/scenarios/store/index.ts'
import { topics } from '../../workflows/index.ts'

/** 200 scenarios a bot might have: commands, callbacks, state handlers and a few condition-only ones. */
function tenantYaml(): string {
  const parts: string[] = []
  for (let i = 0; i < 80; i++) {
    parts.push(`command_${i}:
  trigger: [{event_type: message, event_text: /cmd_${i}}]
  step: [{action: set_cache, params: {cache: {n: ${i}}}}]`)
  }
  for (let i = 0; i < 80; i++) {
    parts.push(`button_${i}:
  trigger: [{event_type: callback, callback_data: btn_${i}}]
  step: [{action: set_cache, params: {cache: {n: ${i}}}}]`)
  }
  for (let i = 0; i < 30; i++) {
    parts.push(`state_${i}:
  trigger: [{event_type: message, user_state: awaiting_${i}}]
  step: [{action: set_cache, params: {cache: {n: ${i}}}}]`)
  }
  for (let i = 0; i < 9; i++) {
    parts.push(`rule_${i}:
  trigger: [{condition: "$user_id > ${1_000_000 + i} and $event_text regex '^#tag${i}'"}]
  step: [{action: set_cache, params: {cache: {n: ${i}}}}]`)
  }
  parts.push(`start:
  trigger: [{event_type: message, event_text: /start}]
  step:
    - action: set_cache
      params: {cache: {greeting: "Hi {first_name|fallback:friend}", visits: "{_cache.visits|fallback:0|+1}"}}
    - action: validate
      params: {condition: "{_cache.visits} >= 1 and $user_id > 0"}
    - action: set_user_storage
      params: {key: last_start, value: "{event_date|fallback:now}"}`)
  return `${parts.join('\n')}\n`
}

type Rate = { count: number; perSecond: number; p50: number; p99: number }

async function measure(seconds: number, work: () => Promise<unknown> | unknown): Promise<Rate> {
  const latencies: number[] = []
  const started = performance.now()
  const deadline = started + seconds * 1000
  while (performance.now() < deadline) {
    const t0 = performance.now()
    await work()
    latencies.push(performance.now() - t0)
  }
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))] ?? 0
  const elapsed = (performance.now() - started) / 1000
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  }
}

const line = (name: string, rate: Rate, unit: string) =>
  `${name.padEnd(44)} ${rate.perSecond.toFixed(0).padStart(9)} ${unit}/s  p50 ${rate.p50.toFixed(3)} ms  p99 ${rate.p99.toFixed(3)} ms`

/**
 * The scenario engine on the embedded adapters (PGlite in a folder, memory cache), as `npm start`
 * runs it: trigger matching alone over 200 scenarios, whole events (user upsert, matching, a
 * three-step scenario ending in a User Storage write), and placeholder renders.
 */
export async function benchScenarios(seconds: number): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'relay-bench-scenarios-'))
  const runtime = await startRuntime(
    parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }),
    silentLogger,
  )
  try {
    const app = createApp({
      services: () => ({ services: runtime.services }),
      topics,
      docsAssetsUrl: '/',
      version: VERSION,
    })
    const registered = await app.request('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench-scenarios@example.com', password: 'correct horse' }),
    })
    const { organization } = (await registered.json()) as {
      organization: { id: string; tenant_id: number }
    }
    const parsed = parseScenarioFiles([{ path: 'scenarios/bench.yaml', text: tenantYaml() }])
    if (parsed.errors.length > 0) throw new Error(JSON.stringify(parsed.errors))
    await withTransaction(runtime.services.db, (tx) =>
      replaceTenantScenarios(tx, organization.tenant_id, parsed.scenarios),
    )
    await invalidateTenantScenarios(runtime.services, organization.tenant_id)

    const index = buildScenarioIndex(parsed.scenarios)
    let user = 0
    const event = () => ({
      event_type: 'message',
      event_text: '/start',
      user_id: 100_000 + (user++ % 500),
      chat_id: 42,
      first_name: 'Ann',
      user_state: null,
    })
    await measure(0.5, () => matchScenarios(index, event()))
    const matching = await measure(seconds, () => matchScenarios(index, event()))

    const input = () => ({
      tenantId: organization.tenant_id,
      organizationId: organization.id,
      event: { ...event(), user_state: undefined },
    })
    const full = async () => {
      const result = await processEvent(runtime.services, input())
      if (result.error || result.runs[0]?.steps.length !== 3) throw new Error('bench event failed')
    }
    await measure(0.5, full)
    const events = await measure(seconds, full)

    const params = {
      text: 'Hi {first_name|upper}! You have {_cache.points|+10} points and {_cache.items|length} items.',
      inline: ['{_cache.keyboard|expand}', [{ '{_cache.label|fallback:Back}': 'back_{user_id}' }]],
      when: '{event_date|format:datetime}',
    }
    const values = {
      first_name: 'Ann',
      user_id: 42,
      event_date: '2026-11-23T10:00:00+00:00',
      _cache: { points: 5, items: ['a', 'b'], keyboard: [[{ One: 'one' }], [{ Two: 'two' }]] },
    }
    const renders = await measure(seconds, () =>
      renderValue(params, values, { hiddenFromRecursion: ['_config'] }),
    )
    return [
      line('scenarios: trigger matching (200 scenarios)', matching, 'events'),
      line('scenarios: event → 3-step scenario (PGlite)', events, 'events'),
      line('scenarios: placeholder renders (3 params)', renders, 'renders'),
      '  (one caller, in process; the event path upserts the user, matches, and writes User Storage)',
    ]
  } finally {
    await runtime.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

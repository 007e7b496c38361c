import { benchPipelines } from './pipelines.ts'
import { benchHttp, benchStartup } from './platform.ts'
import { benchScenarios } from './scenarios.ts'
import { benchTelegram } from './telegram.ts'

// `npm run bench`: prints figures; never asserts on them. BENCH_SECONDS shortens or lengthens each load.
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
console.log(
  `Relay bench — ${seconds}s per load, 16 connections, embedded defaults (PGlite, memory cache, local queue)\n`,
)
for (const section of [
  benchStartup,
  () => benchHttp(seconds),
  () => benchTelegram(seconds),
  () => benchPipelines(),
  () => benchScenarios(seconds),
]) {
  for (const line of await section()) console.log(line)
}

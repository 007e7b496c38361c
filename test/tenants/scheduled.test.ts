import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueJobs, scenarioSchedules } from '../../db/schema/index.ts'
import { fixedClock } from '../../functions/platform/clock.ts'
import { runScheduledTick } from '../../functions/system/scheduled.ts'
import { dbBackends } from '../support/backends.ts'
import { type BotsSetup, createBotsSetup, DEFAULT_TENANT } from './bots-setup.ts'

const REPORT = `daily_report:
  schedule: "0 9 * * *"
  step:
    - action: send_message
      params:
        target_chat_id: -1001234567890
        text: "Report at {scheduled_at}"
`

describe.each(dbBackends)('scheduled scenarios on %s', (backend) => {
  // 08:59 in Moscow (the tenant's zone), a minute before the report is due.
  const clock = fixedClock('2026-01-15T05:59:00Z')
  let setup: BotsSetup
  const schedule = async () => {
    const [row] = await setup.harness.services.db
      .select()
      .from(scenarioSchedules)
      .where(eq(scenarioSchedules.scenarioName, 'daily_report'))
    return row
  }
  const scheduledJobs = async () =>
    (await setup.harness.services.db.select().from(queueJobs)).filter(
      (job) => job.topic === 'scheduled-scenarios',
    )

  beforeAll(async () => {
    setup = await createBotsSetup({ backend, clock })
    setup.writeTenant(101, { ...DEFAULT_TENANT, 'scenarios/report.yaml': REPORT })
    await setup.push({ added: ['tenant/tenant_101/scenarios/report.yaml'] })
    await setup.harness.drain()
  })
  afterAll(() => setup.close())

  it('plans the next run in the tenant’s time zone', async () => {
    expect(await schedule()).toMatchObject({
      tenantId: 101,
      schedule: '0 9 * * *',
      nextRunAt: new Date('2026-01-15T06:00:00Z'),
      lastRunAt: null,
    })
    await runScheduledTick(setup.harness.services)
    expect(await scheduledJobs()).toHaveLength(0)
  })

  it('runs once when due, never overlapping, and plans from when the run ended', async () => {
    clock.set('2026-01-15T06:00:20Z')
    await runScheduledTick(setup.harness.services)
    await runScheduledTick(setup.harness.services)
    expect(await scheduledJobs()).toHaveLength(1)
    await setup.harness.drain()
    expect(setup.telegram.callsOf('sendMessage').map((call) => call.payload)).toEqual([
      { chat_id: -1001234567890, text: 'Report at 2026-01-15T09:00:00+03:00', parse_mode: 'HTML' },
    ])
    expect(await schedule()).toMatchObject({
      lastRunAt: new Date('2026-01-15T06:00:20Z'),
      lastStatus: 'success',
      nextRunAt: new Date('2026-01-16T06:00:00Z'),
      runningUntil: null,
    })
  })

  it('keeps the run history through a resync, and replans when the schedule changes', async () => {
    await setup.push({ modified: ['tenant/tenant_101/scenarios/start.yaml'] })
    await setup.harness.drain()
    expect(await schedule()).toMatchObject({ lastRunAt: new Date('2026-01-15T06:00:20Z') })
    setup.writeTenant(101, { 'scenarios/report.yaml': REPORT.replace('0 9 * * *', '30 18 * * *') })
    await setup.push({ modified: ['tenant/tenant_101/scenarios/report.yaml'] })
    await setup.harness.drain()
    expect(await schedule()).toMatchObject({
      nextRunAt: new Date('2026-01-15T15:30:00Z'),
      lastRunAt: new Date('2026-01-15T06:00:20Z'),
    })
  })

  it('rejects a bad cron expression and keeps the schedule running', async () => {
    setup.writeTenant(101, { 'scenarios/report.yaml': REPORT.replace('0 9 * * *', '61 * * * *') })
    await setup.push({ modified: ['tenant/tenant_101/scenarios/report.yaml'] })
    await setup.harness.drain()
    const status = await setup.harness.services.actions.invoke(
      'get_tenant_status',
      { tenant_id: 101 },
      {
        services: setup.harness.services,
        caller: { kind: 'scenario', tenantId: 1, organizationId: 'system' },
      },
    )
    expect(status.response_data?.last_error).toMatch(
      /^tenant_101\/scenarios\/report\.yaml:2: scenario "daily_report": /,
    )
    expect(await schedule()).toMatchObject({ schedule: '30 18 * * *' })
  })
})

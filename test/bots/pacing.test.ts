import { describe, expect, it } from 'vitest'
import { Pacer } from '../../functions/bots/telegram/pacing.ts'

function clock() {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('Telegram flood pacing', () => {
  const limits = { botPerSecond: 30, chatPerSecond: 1, chatBurst: 3, groupPerMinute: 20 }

  it('lets a private chat burst three messages, then one a second', () => {
    const time = clock()
    const pacer = new Pacer(limits, time.now)
    expect([1, 2, 3].map(() => pacer.reserve('42', 7))).toEqual([0, 0, 0])
    expect(pacer.reserve('42', 7)).toBe(1000)
    expect(pacer.reserve('42', 7)).toBe(2000)
    time.advance(5000)
    expect(pacer.reserve('42', 7)).toBe(0)
    expect(pacer.reserve('42', 8)).toBe(0)
  })

  it('holds a group to twenty messages a minute once its burst is spent', () => {
    const time = clock()
    const pacer = new Pacer(limits, time.now)
    const waits: number[] = []
    for (let i = 0; i < 30; i += 1) {
      waits.push(pacer.reserve('42', -100123))
      time.advance(1000)
    }
    // A message a second drains the bucket of 20 (refilled at one per 3 s) after 29 messages.
    expect(waits.slice(0, 29).every((wait) => wait === 0)).toBe(true)
    expect(waits[29]).toBe(1000)
    expect(pacer.reserve('42', 1133574222)).toBe(0)
  })

  it('holds one bot to thirty calls a second across chats, and bots apart', () => {
    const time = clock()
    const pacer = new Pacer(limits, time.now)
    const waits = Array.from({ length: 31 }, (_, chat) => pacer.reserve('42', chat + 1))
    expect(waits.slice(0, 30).every((wait) => wait === 0)).toBe(true)
    expect(waits[30]).toBe(34)
    expect(pacer.reserve('43', 1)).toBe(0)
  })
})

import { describe, expect, it } from "vitest"
import type { IsoDate } from "./CalendarDate.js"
import { daySpan, eventSpan, lockDecision, periodLocked } from "./PeriodLock.js"

const d = (s: string) => s as IsoDate
const lock = (id: string, start: string, end: string, unlockedAt?: string) => ({
  id,
  periodStart: d(start),
  periodEnd: d(end),
  ...(unlockedAt ? { unlockedAt } : {}),
})

describe("lockDecision", () => {
  const h1 = lock("lck_h1", "2018-01-01", "2018-06-30")

  it("locks both edge days of the period and leaves the days around it open", () => {
    expect(lockDecision([h1], daySpan(d("2018-01-01")))).toEqual({ _tag: "Locked", lock: h1 })
    expect(lockDecision([h1], daySpan(d("2018-06-30")))).toEqual({ _tag: "Locked", lock: h1 })
    expect(lockDecision([h1], daySpan(d("2017-12-31")))._tag).toBe("Open")
    expect(lockDecision([h1], daySpan(d("2018-07-01")))._tag).toBe("Open")
    expect(lockDecision([], daySpan(d("2018-03-01")))._tag).toBe("Open")
  })

  it("locks an event whose days overlap the period at either end", () => {
    expect(lockDecision([h1], eventSpan({ startDate: d("2018-06-29"), endDate: d("2018-07-02") }))._tag).toBe(
      "Locked",
    )
    expect(lockDecision([h1], eventSpan({ startDate: d("2017-12-30"), endDate: d("2018-01-01") }))._tag).toBe(
      "Locked",
    )
    expect(lockDecision([h1], eventSpan({ startDate: d("2018-07-01"), endDate: d("2018-07-03") }))._tag).toBe(
      "Open",
    )
  })

  it("makes a change in an unlocked period a revision of the latest unlock", () => {
    const first = lock("lck_a", "2018-01-01", "2018-06-30", "2018-08-01T10:00:00.000Z")
    const second = lock("lck_b", "2018-01-01", "2018-06-30", "2018-09-01T10:00:00.000Z")
    expect(lockDecision([second, first], daySpan(d("2018-02-01")))).toEqual({
      _tag: "Revision",
      lock: second,
    })
    expect(lockDecision([first, second], daySpan(d("2018-02-01")))).toEqual({
      _tag: "Revision",
      lock: second,
    })
  })

  it("refuses when a lock in force overlaps, even if another one over the day was unlocked", () => {
    const unlocked = lock("lck_a", "2018-01-01", "2018-06-30", "2018-08-01T10:00:00.000Z")
    const final = lock("lck_f", "2018-01-01", "2018-12-31")
    expect(lockDecision([unlocked, final], daySpan(d("2018-03-01")))).toEqual({ _tag: "Locked", lock: final })
  })

  it("names the earliest locked period when several overlap a span", () => {
    const q1 = lock("lck_q1", "2018-01-01", "2018-03-31")
    const q2 = lock("lck_q2", "2018-04-01", "2018-06-30")
    const across = { start: d("2018-03-30"), end: d("2018-04-02") }
    expect(lockDecision([q2, q1], across)).toEqual({ _tag: "Locked", lock: q1 })
  })
})

describe("periodLocked", () => {
  it("names the project, the lock and its period", () => {
    const e = periodLocked("prj_1", lock("lck_1", "2018-01-01", "2018-06-30"), daySpan(d("2018-03-01")))
    expect(e._tag).toBe("PeriodLocked")
    expect(e).toMatchObject({
      projectId: "prj_1",
      lockId: "lck_1",
      periodStart: "2018-01-01",
      periodEnd: "2018-06-30",
    })
    expect(e.message).toContain("2018-03-01")
  })
})

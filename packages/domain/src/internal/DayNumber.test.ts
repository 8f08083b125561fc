import { describe, expect, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { fromDayNumber, toDayNumber } from "../CalendarDate.js"
import { fastDayNumber } from "./DayNumber.js"

describe("fastDayNumber", () => {
  it("reads day numbers from the digits as the calendar does", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.integer({ min: -30000, max: 60000 }), (n) => {
        const date = fromDayNumber(n)
        expect(fastDayNumber(date)).toBe(toDayNumber(date))
      }),
    )
  })
})

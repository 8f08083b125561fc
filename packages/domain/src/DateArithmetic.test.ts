import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import {
  addDays,
  endOfPeriod,
  IsoDate,
  isoDate,
  latestPlausibleDate,
  latestRepresentableDate,
  lastDayOfMonth,
  makeDate,
} from "./CalendarDate.js"
import { maxExtensionMonths, maxTotalExtensionMonths, projectEndDate } from "./Project.js"

const isIsoDate = Schema.is(IsoDate)
const anyDate = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10) as IsoDate)
const anyAmount = fc.oneof(
  fc.integer(),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.constantFrom(2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
)

describe("date arithmetic", () => {
  it("never fails and always writes a date YYYY-MM-DD, whatever the amount", () => {
    fc.assert(
      fc.property(anyDate, anyAmount, (date, n) => {
        expect(isIsoDate(addDays(date, n))).toBe(true)
        expect(isIsoDate(endOfPeriod(date, n))).toBe(true)
      }),
      { seed: 20261202, numRuns: 2000 },
    )
    fc.assert(
      fc.property(anyAmount, anyAmount, anyAmount, (y, m, d) => {
        expect(isIsoDate(makeDate(y, m, d))).toBe(true)
      }),
      { seed: 20261202, numRuns: 2000 },
    )
  })

  it("holds at the last representable day instead of overflowing", () => {
    expect(endOfPeriod(isoDate("2017-12-01"), 2 ** 31)).toBe("9999-12-30")
    expect(addDays(latestRepresentableDate, 1)).toBe(latestRepresentableDate)
    expect(addDays(isoDate("2000-01-01"), -(10 ** 9))).toBe("0001-01-01")
    expect(makeDate(275_761, 1, 1)).toBe(latestRepresentableDate)
  })

  it("keeps the calendar right inside the range", () => {
    expect(makeDate(2024, 2, 30)).toBe("2024-03-01")
    expect(makeDate(2024, 13, 0)).toBe("2024-12-31")
    expect(makeDate(50, 1, 1)).toBe("0050-01-01")
    expect([lastDayOfMonth(2024, 2), lastDayOfMonth(2023, 2), lastDayOfMonth(2100, 2)]).toEqual([29, 28, 28])
    expect(endOfPeriod(isoDate("2024-01-31"), 1)).toBe("2024-02-29")
  })

  it("ends the longest project that can be recorded far from the last representable date", () => {
    const longest = {
      startDate: latestPlausibleDate,
      durationMonths: 240,
      extensions: Array.from({ length: maxTotalExtensionMonths / maxExtensionMonths }, () => ({
        months: maxExtensionMonths,
      })),
    }
    expect(projectEndDate(longest)).toBe("2130-12-30")
  })
})

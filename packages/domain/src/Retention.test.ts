import { describe, expect, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { addDays, fromDayNumber, isoDate, toDayNumber } from "./CalendarDate.js"
import {
  defaultRetentionPolicy,
  dueCutoff,
  dueForErasure,
  isDue,
  keptUntil,
  RetentionPeriod,
  RetentionRule,
} from "./Retention.js"

const rule = (count: number, unit: "days" | "months" | "years") =>
  new RetentionRule({
    category: "participant_personal",
    keepFor: new RetentionPeriod({ count, unit }),
    countedFrom: "x",
    action: "erase",
  })

describe("retention", () => {
  it("keeps a record through the last day of its period", () => {
    expect(keptUntil(isoDate("2019-03-31"), new RetentionPeriod({ count: 5, unit: "years" }))).toBe(
      "2024-03-31",
    )
    expect(keptUntil(isoDate("2024-01-31"), new RetentionPeriod({ count: 1, unit: "months" }))).toBe(
      "2024-02-29",
    )
    expect(keptUntil(isoDate("2026-01-01"), new RetentionPeriod({ count: 30, unit: "days" }))).toBe(
      "2026-01-31",
    )
    expect(isDue(rule(5, "years"), isoDate("2019-03-31"), isoDate("2024-03-31"))).toBe(false)
    expect(isDue(rule(5, "years"), isoDate("2019-03-31"), isoDate("2024-04-01"))).toBe(true)
  })
  it("selects the due candidates of a category, and none of a category without a rule", () => {
    const candidates = [
      { id: "per_old", countedFrom: isoDate("2018-06-30") },
      { id: "per_new", countedFrom: isoDate("2022-06-30") },
    ]
    expect(
      dueForErasure(defaultRetentionPolicy, "participant_personal", candidates, isoDate("2026-01-01")).map(
        (c) => c.id,
      ),
    ).toEqual(["per_old"])
    expect(dueForErasure([], "participant_personal", candidates, isoDate("2026-01-01"))).toEqual([])
  })
  it("has one rule per category", () => {
    const categories = defaultRetentionPolicy.map((r) => r.category)
    expect(new Set(categories).size).toBe(categories.length)
  })
  it("gives a cutoff that selects exactly the due dates (property)", () => {
    const day = FastCheck.integer({
      min: toDayNumber(isoDate("1990-01-01")),
      max: toDayNumber(isoDate("2060-12-31")),
    })
    FastCheck.assert(
      FastCheck.property(
        day,
        FastCheck.integer({ min: -4000, max: 4000 }),
        FastCheck.integer({ min: 1, max: 120 }),
        FastCheck.constantFrom("days" as const, "months" as const, "years" as const),
        (asOfDay, offset, count, unit) => {
          const asOf = fromDayNumber(asOfDay)
          const from = addDays(asOf, offset)
          const r = rule(unit === "years" ? Math.min(count, 20) : count, unit)
          expect(from <= dueCutoff(r, asOf)).toBe(isDue(r, from, asOf))
        },
      ),
      { numRuns: 300 },
    )
  })
})

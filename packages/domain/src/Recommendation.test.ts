import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { findingValue, NewRecommendation, recommendationProblems } from "./Recommendation.js"
import type { Review, ReviewGroup } from "./Review.js"

const group = (key: string, intents: number, median: number | null): ReviewGroup => ({
  key,
  funnel: { intents, matched: 1, concluded: 1, extended: 0, terminated: 0, expired: 0, closed: 0 },
  lateIntents: 1,
  lateIntentShare: 1 / intents,
  medianDays: { statusToIntent: median, intentToMatch: null, matchToConclude: null, intentToConclude: null },
  terminationGrounds: {},
  offers: { count: 1, capacity: 4, placesTaken: 1, uptake: 0.25 },
  measures: {},
  overdueTasks: { total: 2, byInstitution: {} },
})

const review: Review = {
  asOf: "2019-12-31" as Review["asOf"],
  groupBy: "procedure",
  groups: [group("ordinance-2016", 3, 20), group("ordinance-2017", 5, null)],
  total: group("total", 8, 15),
}

const decode = Schema.decodeUnknownSync(NewRecommendation)

describe("Recommendation", () => {
  it("reads the cited figure of the named group, or of the total", () => {
    const f = (procedureId: string | undefined, metric: string) =>
      decode({
        level: "central",
        text: { en: "x" },
        practiceIds: [],
        findings: [{ groupBy: "procedure", asOf: "2019-12-31", procedureId, figure: { metric, value: 0 } }],
      }).findings[0]!
    expect(findingValue(review, f("ordinance-2017", "funnel.intents"))).toBe(5)
    expect(findingValue(review, f(undefined, "funnel.intents"))).toBe(8)
    expect(findingValue(review, f("ordinance-2016", "medianDays.statusToIntent"))).toBe(20)
    expect(findingValue(review, f("ordinance-2017", "medianDays.statusToIntent"))).toBeNull()
    expect(findingValue(review, f("ordinance-1999", "funnel.intents"))).toBeNull()
    expect(findingValue(review, f(undefined, "offers.uptake"))).toBe(0.25)
  })

  it("refuses no text and a group named the wrong way, with paths", () => {
    const r = decode({
      level: "local",
      text: { bg: " " },
      practiceIds: [],
      findings: [
        {
          groupBy: "municipality",
          asOf: "2019-12-31",
          procedureId: "ordinance-2016",
          figure: { metric: "lateIntents", value: 1 },
        },
        {
          groupBy: "procedure",
          asOf: "2019-12-31",
          groupKey: "x",
          figure: { metric: "lateIntents", value: 1 },
        },
      ],
    })
    expect(recommendationProblems(r).map((p) => p.path)).toEqual([
      "text",
      "findings.0.procedureId",
      "findings.1.groupKey",
    ])
  })

  it("refuses a figure the review does not have", () => {
    expect(() =>
      decode({
        level: "local",
        text: { en: "x" },
        practiceIds: [],
        findings: [
          { groupBy: "procedure", asOf: "2019-12-31", figure: { metric: "funnel.nonsense", value: 1 } },
        ],
      }),
    ).toThrow()
  })
})

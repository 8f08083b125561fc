import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { isoDate } from "./CalendarDate.js"
import {
  addAgreementCounts,
  addDurationCount,
  addTerminations,
  agreementDurationsOn,
  agreementStepsOn,
  bottleneckOf,
  addMeasureCount,
  finishReview,
  median,
  Review,
  type ReviewAgreementRow,
  type ReviewMeasureRow,
  type ReviewOfferRow,
  type ReviewOptions,
  type ReviewTaskRow,
  reviewOf,
  startReview,
} from "./Review.js"

const agreements: ReadonlyArray<ReviewAgreementRow> = [
  // A: active on 31 Dec 2019
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    statusDecisionDate: "2019-01-01",
    intentDate: "2019-01-10",
    intentLate: false,
    matchedOn: "2019-02-01",
    concludedOn: "2019-03-01",
    endDate: "2020-02-29",
  },
  // B: late intent, terminated on death
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    statusDecisionDate: "2019-01-01",
    intentDate: "2019-02-01",
    intentLate: true,
    matchedOn: "2019-02-11",
    concludedOn: "2019-02-21",
    endDate: "2020-02-20",
    terminatedOn: "2019-06-01",
    terminationGround: "death",
  },
  // C: an intent only, no municipality yet
  {
    procedureId: "ordinance-2017",
    municipalityId: null,
    statusDecisionDate: "2019-05-01",
    intentDate: "2019-05-05",
    intentLate: false,
  },
  // D: expired on 28 Feb 2019
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    statusDecisionDate: "2018-01-01",
    intentDate: "2018-01-05",
    intentLate: false,
    matchedOn: "2018-02-04",
    concludedOn: "2018-03-01",
    endDate: "2019-02-28",
  },
  // E: closed
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    statusDecisionDate: "2019-05-20",
    intentDate: "2019-06-01",
    intentLate: false,
    matchedOn: null,
    closedOn: "2019-07-01",
  },
  // F: under 2016, extended, expired on 30 Nov 2018
  {
    procedureId: "ordinance-2016",
    municipalityId: "m1",
    statusDecisionDate: "2016-10-01",
    intentDate: "2016-10-10",
    intentLate: false,
    matchedOn: "2016-11-10",
    concludedOn: "2016-12-01",
    extendedOn: "2017-11-01",
    endDate: "2018-11-30",
  },
  // H: matched, then closed: the place goes back to the offer
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    statusDecisionDate: "2019-02-10",
    intentDate: "2019-02-20",
    intentLate: false,
    matchedOn: "2019-03-01",
    closedOn: "2019-04-01",
  },
  // G: intent after the review date: counts nowhere
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    statusDecisionDate: "2019-12-20",
    intentDate: "2020-01-05",
    intentLate: false,
  },
]

const offers: ReadonlyArray<ReviewOfferRow> = [
  { municipalityId: "m1", date: "2019-01-15", capacity: 2 },
  { municipalityId: "m2", date: "2018-01-20", capacity: 1 },
  { municipalityId: "m1", date: "2016-09-01", capacity: 1 },
  { municipalityId: "m2", date: "2020-03-01", capacity: 5 }, // after the review date
  { municipalityId: "m1", date: "2017-05-01", capacity: 3 }, // while no ordinance was in force
]

const measures: ReadonlyArray<ReviewMeasureRow> = [
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    area: "housing",
    status: "done",
    dueDate: "2019-04-30",
    doneOn: "2019-04-20",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    area: "health",
    status: "in_progress",
    dueDate: "2019-05-31",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    area: "employment",
    status: "planned",
    dueDate: "2020-01-31",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    area: "employment",
    status: "missed",
    dueDate: "2020-02-28",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    area: "bulgarian_language",
    status: "done",
    dueDate: "2018-06-30",
    doneOn: "2018-06-01",
  },
]

const tasks: ReadonlyArray<ReviewTaskRow> = [
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    institutionId: "i1",
    openedOn: "2019-03-05",
    dueDate: "2019-04-30",
    doneOn: "2019-04-20",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    institutionId: "i2",
    openedOn: "2019-03-05",
    dueDate: "2019-05-31",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m1",
    institutionId: "i2",
    openedOn: "2019-03-05",
    dueDate: "2020-01-31",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    institutionId: "i1",
    openedOn: "2018-03-05",
    dueDate: "2018-06-30",
    doneOn: "2019-01-10",
  },
  {
    procedureId: "ordinance-2017",
    municipalityId: "m2",
    institutionId: "i3",
    openedOn: "2018-03-05",
    dueDate: "2018-04-30",
  },
]

const places: Record<string, { planningRegion: string; province: string; name?: string }> = {
  m1: { planningRegion: "BG41", province: "BG411", name: "Столична община" },
  m2: { planningRegion: "BG42", province: "BG421" },
}

const review = (groupBy: ReviewOptions["groupBy"], asOf = "2019-12-31") =>
  reviewOf(
    { groupBy, asOf: isoDate(asOf), placeOf: (m) => places[m] },
    { agreements, offers, measures, tasks },
  )

const group = (r: Review, key: string) => r.groups.find((g) => g.key === key)

describe("the review on a hand-checked data set, 31 Dec 2019", () => {
  it("gives the funnel, late intents, grounds and medians per municipality", () => {
    const r = review("municipality")
    expect(r.groups.map((g) => [g.key, g.label])).toEqual([
      ["m1", "Столична община"],
      ["m2", undefined],
      ["unassigned", undefined],
    ])
    expect(group(r, "m1")).toMatchObject({
      funnel: { intents: 3, matched: 3, concluded: 3, extended: 1, terminated: 1, expired: 1, closed: 0 },
      lateIntents: 1,
      terminationGrounds: { death: 1 },
      medianDays: { statusToIntent: 9, intentToMatch: 22, matchToConclude: 21, intentToConclude: 50 },
      offers: { count: 3, capacity: 6, placesTaken: 3, uptake: 0.5 },
      measures: {
        housing: { planned: 0, in_progress: 0, done: 1, missed: 0, cancelled: 0 },
        health: { planned: 0, in_progress: 0, done: 0, missed: 1, cancelled: 0 },
        employment: { planned: 1, in_progress: 0, done: 0, missed: 1, cancelled: 0 },
      },
      overdueTasks: { total: 1, byInstitution: { i2: 1 } },
    })
    expect(group(r, "m2")).toMatchObject({
      funnel: { intents: 3, matched: 2, concluded: 1, extended: 0, terminated: 0, expired: 1, closed: 2 },
      lateIntents: 0,
      offers: { count: 1, capacity: 1, placesTaken: 1, uptake: 1 },
      measures: { bulgarian_language: { done: 1 } },
      overdueTasks: { total: 1, byInstitution: { i3: 1 } },
    })
    expect(group(r, "unassigned")?.funnel).toEqual({
      intents: 1,
      matched: 0,
      concluded: 0,
      extended: 0,
      terminated: 0,
      expired: 0,
      closed: 0,
    })
    expect(r.total).toMatchObject({
      funnel: { intents: 7, matched: 5, concluded: 4, extended: 1, terminated: 1, expired: 2, closed: 2 },
      lateIntents: 1,
      offers: { count: 4, capacity: 7, placesTaken: 4 },
      overdueTasks: { total: 2 },
    })
  })

  it("groups by rule set, offers by the rule set in force on their date", () => {
    const r = review("procedure")
    expect(r.groups.map((g) => g.key)).toEqual(["none", "ordinance-2016", "ordinance-2017"])
    expect(group(r, "ordinance-2017")).toMatchObject({
      funnel: { intents: 6, matched: 4, concluded: 3, extended: 0, terminated: 1, expired: 1, closed: 2 },
      offers: { count: 2, capacity: 3 },
    })
    expect(group(r, "ordinance-2016")).toMatchObject({
      funnel: { intents: 1, matched: 1, concluded: 1, extended: 1, expired: 1 },
      offers: { count: 1, capacity: 1 },
    })
    expect(group(r, "none")).toMatchObject({ funnel: { intents: 0 }, offers: { count: 1, capacity: 3 } })
  })

  it("groups by planning region and province through the municipality", () => {
    expect(review("planningRegion").groups.map((g) => [g.key, g.funnel.intents])).toEqual([
      ["BG41", 3],
      ["BG42", 3],
      ["unassigned", 1],
    ])
    expect(review("province").groups.map((g) => g.key)).toEqual(["BG411", "BG421", "unassigned"])
  })

  it("counts the first four steps by the review date and final states on it", () => {
    const r = review("municipality", "2019-02-15")
    expect(group(r, "m1")?.funnel).toEqual({
      intents: 3,
      matched: 3,
      concluded: 1,
      extended: 1,
      terminated: 0,
      expired: 1,
      closed: 0,
    })
    expect(group(r, "m2")?.funnel).toEqual({
      intents: 1,
      matched: 1,
      concluded: 1,
      extended: 0,
      terminated: 0,
      expired: 0,
      closed: 0,
    })
    expect(group(r, "m2")?.overdueTasks).toEqual({ total: 1, byInstitution: { i3: 1 } })
  })

  it("takes pre-counted measures the same as single rows, and encodes with its schema", () => {
    const acc = startReview({
      groupBy: "municipality",
      asOf: isoDate("2019-12-31"),
      placeOf: () => undefined,
    })
    addMeasureCount(acc, { procedureId: "ordinance-2017", municipalityId: "m1" }, "housing", "done", 3)
    expect(finishReview(acc).groups[0]?.measures).toEqual({
      housing: { planned: 0, in_progress: 0, done: 3, missed: 0, cancelled: 0 },
    })
    expect(() => Schema.encodeSync(Review)(review("province"))).not.toThrow()
  })

  it("takes agreements counted by steps, durations and grounds the same as single rows", () => {
    for (const groupBy of ["procedure", "municipality", "planningRegion"] as const)
      for (const asOf of ["2018-06-30", "2019-03-31", "2019-12-31"]) {
        const options = { groupBy, asOf: isoDate(asOf), placeOf: (m: string) => places[m] }
        const acc = startReview(options)
        for (const row of agreements) {
          if (row.intentDate > asOf) continue
          const steps = agreementStepsOn(row, asOf)
          const one = (b: boolean) => (b ? 1 : 0)
          addAgreementCounts(acc, row, {
            intents: 1,
            lateIntents: one(row.intentLate),
            matched: one(steps.matched),
            concluded: one(steps.concluded),
            extended: one(steps.extended),
            terminated: one(steps.terminated),
            expired: one(steps.expired),
            closed: one(steps.closed),
            holdsPlace: one(steps.holdsPlace),
          })
          if (steps.terminated) addTerminations(acc, row, row.terminationGround ?? null, 1)
          for (const [duration, days] of Object.entries(agreementDurationsOn(row, asOf)))
            addDurationCount(acc, row, duration as "statusToIntent", days, 1)
        }
        expect(finishReview(acc), `${groupBy} ${asOf}`).toEqual(reviewOf(options, { agreements }))
      }
  })

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
})

describe("bottleneckOf", () => {
  const funnel = { intents: 48, matched: 5, concluded: 3, extended: 1, terminated: 0, expired: 2, closed: 10 }
  it("names the stall step that keeps the smallest share of cases", () => {
    expect(bottleneckOf(funnel)).toEqual({ from: "intents", to: "matched", share: 5 / 48 })
    expect(bottleneckOf({ ...funnel, matched: 40, concluded: 4 })).toEqual({
      from: "matched",
      to: "concluded",
      share: 4 / 40,
    })
  })
  it("finds none when no case reached a stall step", () => {
    expect(bottleneckOf({ ...funnel, intents: 0, matched: 0, concluded: 0 })).toBeUndefined()
  })
})

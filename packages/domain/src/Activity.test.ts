import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import {
  ActivityPatch,
  ActivityProgress,
  applyActivityPatch,
  NewActivity,
  NewActivityProgress,
  outsideProjectPeriod,
  planDatesProblem,
  progressInPeriod,
} from "./Activity.js"
import { isoDate } from "./CalendarDate.js"

const a2 = {
  code: "A2",
  title: "Six regional workshops",
  plannedStart: isoDate("2018-02-01"),
  plannedEnd: isoDate("2018-11-30"),
  status: "in_progress" as const,
  deliverables: ["6 workshops"],
}
const project = { start: isoDate("2017-12-01"), end: isoDate("2019-03-31") }

describe("the project plan", () => {
  it("refuses an activity or a progress period that ends before it starts, naming the path", () => {
    const decode = Schema.decodeUnknownEither(NewActivity)
    expect(decode({ ...a2, plannedEnd: "2018-01-01" })._tag).toBe("Left")
    expect(decode(a2)._tag).toBe("Right")
    expect(
      planDatesProblem({ ...a2, actualStart: isoDate("2018-03-01"), actualEnd: isoDate("2018-02-01") }),
    ).toEqual({
      path: ["actualEnd"],
      message: "actualEnd is before actualStart",
    })
    expect(planDatesProblem({ ...a2, actualEnd: isoDate("2018-02-01") })?.path).toEqual(["actualStart"])
    const progress = Schema.decodeUnknownEither(NewActivityProgress)
    expect(progress({ periodStart: "2018-06-30", periodEnd: "2018-01-01", text: "x" })._tag).toBe("Left")
  })

  it("flags activities outside the project period, planned or actual, and nothing inside it", () => {
    expect(outsideProjectPeriod(a2, project)).toBe(false)
    expect(
      outsideProjectPeriod(
        { ...a2, actualEnd: isoDate("2019-04-02"), actualStart: a2.plannedStart },
        project,
      ),
    ).toBe(true)
    expect(outsideProjectPeriod({ ...a2, plannedStart: isoDate("2017-11-30") }, project)).toBe(true)
    // An extension lengthens the period: the same activity then lies inside.
    expect(
      outsideProjectPeriod(
        { ...a2, plannedEnd: isoDate("2019-06-30") },
        { ...project, end: isoDate("2019-09-30") },
      ),
    ).toBe(false)
  })

  it("patches only the fields sent", () => {
    const patched = applyActivityPatch(
      a2,
      new ActivityPatch({ status: "completed", actualEnd: isoDate("2018-11-26") }),
    )
    expect(patched).toEqual({ ...a2, status: "completed", actualEnd: "2018-11-26" })
  })

  it("picks the progress texts whose period overlaps the report's", () => {
    const texts = [
      new ActivityProgress({
        id: "1",
        periodStart: isoDate("2017-12-01"),
        periodEnd: isoDate("2018-06-30"),
        text: "first",
        createdAt: "t",
      }),
      new ActivityProgress({
        id: "2",
        periodStart: isoDate("2018-07-01"),
        periodEnd: isoDate("2018-12-31"),
        text: "second",
        createdAt: "t",
      }),
    ]
    expect(progressInPeriod(texts, isoDate("2018-06-30"), isoDate("2018-07-01")).map((t) => t.id)).toEqual([
      "1",
      "2",
    ])
    expect(progressInPeriod(texts, isoDate("2018-07-01"), isoDate("2018-09-30")).map((t) => t.id)).toEqual([
      "2",
    ])
    expect(progressInPeriod(texts, isoDate("2019-01-01"), isoDate("2019-03-31"))).toEqual([])
  })
})

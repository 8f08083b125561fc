import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { isoDate } from "./CalendarDate.js"
import { eventDayCount, eventDays, NewEvent } from "./Event.js"
import { checkAttendedDays } from "./Participation.js"

const seminar = {
  projectId: "prj_1",
  kind: "training_seminar",
  title: "Seminar",
  startDate: "2018-05-10",
  endDate: "2018-05-11",
  city: "София",
}

describe("events", () => {
  const decode = Schema.decodeUnknownEither(NewEvent)
  it("refuses an end before the start, with the path", () => {
    expect(Either.isRight(decode(seminar))).toBe(true)
    const bad = decode({ ...seminar, endDate: "2018-05-09" })
    expect(Either.isLeft(bad)).toBe(true)
    expect(String(Either.isLeft(bad) && bad.left.message)).toMatch(/endDate/)
  })
  it("lists its days", () => {
    const e = { startDate: isoDate("2018-05-10"), endDate: isoDate("2018-05-12") }
    expect(eventDays(e)).toEqual(["2018-05-10", "2018-05-11", "2018-05-12"])
    expect(eventDayCount(e)).toBe(3)
  })
  it("accepts only days of the event as attended, sorted and without repeats", () => {
    const e = { id: "evt_1", startDate: isoDate("2018-05-10"), endDate: isoDate("2018-05-11") }
    expect(
      checkAttendedDays(e, [isoDate("2018-05-11"), isoDate("2018-05-10"), isoDate("2018-05-11")]),
    ).toEqual(Either.right(["2018-05-10", "2018-05-11"]))
    const outside = checkAttendedDays(e, [isoDate("2018-05-12")])
    expect(Either.isLeft(outside) && outside.left).toMatchObject({
      _tag: "DayOutsideEvent",
      day: "2018-05-12",
    })
  })
})

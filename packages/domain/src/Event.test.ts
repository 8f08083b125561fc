import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { isoDate } from "./CalendarDate.js"
import { eventDayCount, eventDays, eventOutsideProjectPeriod, NewEvent, toEventView } from "./Event.js"
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

describe("an event against the project period", () => {
  const period = { start: isoDate("2018-01-01"), end: isoDate("2019-12-31") }
  const at = (startDate: string, endDate: string) =>
    eventOutsideProjectPeriod({ startDate: isoDate(startDate), endDate: isoDate(endDate) }, period)
  it("flags an event that starts before the project or ends after it", () => {
    expect(at("2018-01-01", "2019-12-31")).toBe(false)
    expect(at("2017-12-31", "2018-01-02")).toBe(true)
    expect(at("2019-12-30", "2020-01-01")).toBe(true)
    expect(at("2026-05-01", "2026-05-01")).toBe(true)
  })
  it("counts the project's extensions in its period", () => {
    const event = {
      id: "evt_1",
      projectId: "prj_1",
      kind: "conference",
      title: "Late",
      startDate: isoDate("2019-02-01"),
      endDate: isoDate("2019-02-01"),
      city: "Sofia",
      version: 1,
    } as Parameters<typeof toEventView>[0]
    const project = { startDate: isoDate("2018-01-01"), durationMonths: 12, extensions: [] }
    expect(toEventView(event, project).outsideProjectPeriod).toBe(true)
    expect(toEventView(event, { ...project, extensions: [{ months: 2 }] }).outsideProjectPeriod).toBe(false)
  })
})

import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import {
  addDays,
  dayOfWeek,
  daysBetween,
  endOfPeriod,
  IsoDate,
  isoDate,
  isTimeZone,
  todayIn,
} from "./CalendarDate.js"

describe("IsoDate", () => {
  it("accepts real dates and refuses impossible or malformed ones", () => {
    const decode = Schema.decodeUnknownEither(IsoDate)
    expect(Either.isRight(decode("2020-02-29"))).toBe(true)
    expect(Either.isLeft(decode("2019-02-29"))).toBe(true)
    expect(Either.isLeft(decode("2019-13-01"))).toBe(true)
    expect(Either.isLeft(decode("1.12.2017"))).toBe(true)
    expect(Either.isLeft(decode(20171201))).toBe(true)
  })
})

describe("day arithmetic", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays(isoDate("2019-12-31"), 1)).toBe("2020-01-01")
    expect(addDays(isoDate("2020-02-28"), 1)).toBe("2020-02-29")
    expect(addDays(isoDate("2019-02-28"), 1)).toBe("2019-03-01")
    expect(addDays(isoDate("2019-03-01"), -1)).toBe("2019-02-28")
    expect(daysBetween(isoDate("2018-01-01"), isoDate("2018-12-31"))).toBe(364)
    expect(dayOfWeek(isoDate("2018-05-06"))).toBe(0)
  })
})

describe("endOfPeriod", () => {
  it("ends the day before the same day months later", () => {
    expect(endOfPeriod(isoDate("2017-12-01"), 16)).toBe("2019-03-31")
    expect(endOfPeriod(isoDate("2017-12-01"), 22)).toBe("2019-09-30")
    expect(endOfPeriod(isoDate("2019-04-01"), 12)).toBe("2020-03-31")
    expect(endOfPeriod(isoDate("2018-01-15"), 1)).toBe("2018-02-14")
  })
  it("ends on the month's last day when that month has no such day", () => {
    expect(endOfPeriod(isoDate("2019-01-31"), 1)).toBe("2019-02-28")
    expect(endOfPeriod(isoDate("2020-01-31"), 1)).toBe("2020-02-29")
    expect(endOfPeriod(isoDate("2019-01-30"), 1)).toBe("2019-02-28")
    expect(endOfPeriod(isoDate("2019-03-31"), 1)).toBe("2019-04-30")
    expect(endOfPeriod(isoDate("2019-08-31"), 6)).toBe("2020-02-29")
  })
  it("handles leap days as a start", () => {
    expect(endOfPeriod(isoDate("2020-02-29"), 12)).toBe("2021-02-28")
    expect(endOfPeriod(isoDate("2020-02-29"), 48)).toBe("2024-02-28")
    expect(endOfPeriod(isoDate("2019-02-28"), 12)).toBe("2020-02-27")
  })
  it("runs across year ends", () => {
    expect(endOfPeriod(isoDate("2018-11-01"), 2)).toBe("2018-12-31")
    expect(endOfPeriod(isoDate("2018-11-01"), 14)).toBe("2019-12-31")
  })
})

describe("todayIn", () => {
  it("is already 1 January in Sofia at 23:30 UTC on 31 December", () => {
    const instant = Date.parse("2026-12-31T23:30:00Z")
    expect(todayIn("Europe/Sofia", instant)).toBe("2027-01-01")
    expect(todayIn("UTC", instant)).toBe("2026-12-31")
  })
  it("follows summer time: 21:30 UTC is the next day in Sofia in July, not in January", () => {
    expect(todayIn("Europe/Sofia", Date.parse("2026-07-14T21:30:00Z"))).toBe("2026-07-15")
    expect(todayIn("Europe/Sofia", Date.parse("2026-01-14T21:30:00Z"))).toBe("2026-01-14")
  })
  it("knows real zones from made-up ones", () => {
    expect(isTimeZone("Europe/Sofia")).toBe(true)
    expect(isTimeZone("Mars/Olympus")).toBe(false)
  })
})
